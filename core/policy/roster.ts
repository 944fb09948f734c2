import type { LandingZoneConfig, RoleId } from '../config/landing-zone.schema';

/** Who someone is, according to the roster. */
export interface RosterEntry {
  name: string;
  roles: RoleId[];
}

/**
 * Looks a person up by Entra object id (and, when the channel gives them, group ids). Anyone not in
 * the roster is a viewer. The id always comes from the activity's `from.aadObjectId`, never from card data.
 */
export function lookUpPerson(
  config: LandingZoneConfig,
  aadObjectId: string | undefined,
  fallbackName: string,
  groupIds: string[] = [],
): RosterEntry {
  const id = (aadObjectId ?? '').toLowerCase();
  const person = id ? config.people.find((p) => p.aadObjectId.toLowerCase() === id) : undefined;
  const roles = new Set<RoleId>(person?.roles ?? []);
  for (const group of config.groups) {
    if (groupIds.includes(group.groupId)) group.roles.forEach((r) => roles.add(r));
  }
  if (roles.size === 0) roles.add('viewer');
  return { name: person?.name ?? fallbackName, roles: [...roles] };
}
