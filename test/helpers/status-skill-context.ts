import { ManualClock } from '../../core/clock';
import { silentLogger } from '../../core/logger';
import type { LandingZone } from '../../core/ports';
import type { SkillContext } from '../../skills/skill';
import { loadShippedConfig } from './landing-zone-config';
import { MemoryAuditLog } from './memory-audit-log';

/** A skill context over the shipped config and the given landing zone, for unit tests of read skills. */
export function statusSkillContext(landingZone: LandingZone, now: Date): SkillContext {
  return {
    caller: { aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber', roles: ['l2'] },
    conversationId: 'conv-1',
    correlationId: 'c0ffee00-1234-4321-9999-000000000000',
    config: loadShippedConfig(),
    landingZone,
    clock: new ManualClock(now),
    audit: new MemoryAuditLog(),
    logger: silentLogger,
    localMode: true,
    catalog: { list: () => [] },
  };
}
