import type { LandingZoneConfig, RoleId } from '../config/landing-zone.schema';

/** Who someone is, according to the roster. */
export interface RosterEntry {
  name: string;
  roles: RoleId[];
  /** False for a person the roster does not know; their name is the one their client sent, labelled. */
  inRoster: boolean;
}

/** How much of a display name the client sent is kept for someone not in the roster. */
export const maxUnrosteredNameLength = 64;

/**
 * Looks a person up by Entra object id. Anyone not in the roster is a viewer, named by the client's
 * display name, clipped and labelled "not in roster" so that it can never pass for a roster member's.
 * The id always comes from the activity's `from.aadObjectId`, never from card data.
 */
export function lookUpPerson(
  config: LandingZoneConfig,
  aadObjectId: string | undefined | null,
  fallbackName: string,
): RosterEntry {
  const id = (aadObjectId ?? '').toLowerCase();
  const person = id ? config.people.find((p) => p.aadObjectId.toLowerCase() === id) : undefined;
  if (person) {
    return { name: person.name, roles: person.roles.length ? [...person.roles] : ['viewer'], inRoster: true };
  }
  return { name: `${clipName(fallbackName)} (not in roster)`, roles: ['viewer'], inRoster: false };
}

/** A client-sent name made safe to show: no control or format characters, one space between words, clipped. */
function clipName(name: string): string {
  const plain = name
    .replace(/[\p{C}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  const characters = [...(plain || 'Someone')];
  return characters.length > maxUnrosteredNameLength
    ? `${characters.slice(0, maxUnrosteredNameLength - 1).join('')}…`
    : characters.join('');
}
