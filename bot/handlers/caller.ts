import type { Activity } from 'botbuilder';
import type { LandingZoneConfig } from '../../core/config/landing-zone.schema';
import { lookUpPerson } from '../../core/policy/roster';
import type { Caller } from '../../skills/skill';

/** The caller's identity comes from the activity's `from`, never from card data. */
export function callerOf(activity: Activity, config: LandingZoneConfig): Caller {
  const from = activity.from;
  const person = lookUpPerson(config, from.aadObjectId, from.name || 'Someone');
  return {
    aadObjectId: from.aadObjectId ?? `channel-user:${from.id}`,
    name: person.name,
    roles: person.roles,
  };
}
