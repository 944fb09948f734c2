import type { LandingZoneConfig, RoleId } from '../config/landing-zone.schema';

/** Who someone is, according to the roster. */
export interface RosterEntry {
  name: string;
  roles: RoleId[];
}

/**
 * Looks a person up by Entra object id. Anyone not in the roster is a viewer. The id always comes
 * from the activity's `from.aadObjectId`, never from card data.
 */
export function lookUpPerson(
  config: LandingZoneConfig,
  aadObjectId: string | undefined,
  fallbackName: string,
): RosterEntry {
  const id = (aadObjectId ?? '').toLowerCase();
  const person = id ? config.people.find((p) => p.aadObjectId.toLowerCase() === id) : undefined;
  const roles: RoleId[] = person?.roles.length ? [...person.roles] : ['viewer'];
  return { name: person?.name ?? fallbackName, roles };
}
