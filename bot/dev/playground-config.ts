import { stringify } from 'yaml';
import type { LandingZoneConfig } from '../../core/config/landing-zone.schema';

/** The Agents Playground's config file name; it reads it from its working directory. */
export const playgroundConfigFileName = '.m365agentsplayground.yml';

/** The playground accepts at most this many users besides the current one. */
export const playgroundMaxOtherUsers = 5;

/** The bot as the playground shows it (name in the chat list and in @mentions). */
export const playgroundBot = { id: '28:opsbot-local', name: 'opsbot' };

type Person = LandingZoneConfig['people'][number];

/** Finds a roster person by Entra object id or by name (case-insensitive; a unique first name is enough). */
export function findRosterPerson(config: LandingZoneConfig, nameOrId: string): Person | undefined {
  const wanted = nameOrId.trim().toLowerCase();
  if (!wanted) return undefined;
  const exact = config.people.find(
    (p) => p.aadObjectId.toLowerCase() === wanted || p.name.toLowerCase() === wanted,
  );
  if (exact) return exact;
  const byFirstName = config.people.filter((p) => p.name.toLowerCase().split(/\s+/)[0] === wanted);
  return byFirstName.length === 1 ? byFirstName[0] : undefined;
}

function account(person: Person, index: number) {
  const [givenName, ...rest] = person.name.split(/\s+/);
  const handle = `${givenName}${rest[0]?.[0] ?? ''}`.toLowerCase().replace(/[^a-z0-9]/g, '');
  return {
    id: `user-${index + 1}`,
    name: person.name,
    userPrincipleName: `${handle}@contoso.com`,
    aadObjectId: person.aadObjectId,
    givenName,
    surname: rest.join(' ') || givenName,
    email: `${handle}@contoso.com`,
  };
}

/**
 * The playground's config file (its schema 0.1.1) with the landing zone's demo roster as the tenant's
 * users: `currentUser` is the person who types (the roster's first by default), the others are the
 * members of the group chat and the team, so approvals can be tried by different people.
 */
export function buildPlaygroundConfig(config: LandingZoneConfig, currentUser?: string): string {
  if (config.people.length === 0)
    throw new Error('The landing-zone config has no people; the playground needs at least one user.');
  const me = currentUser ? findRosterPerson(config, currentUser) : config.people[0];
  if (!me) {
    throw new Error(
      `"${currentUser}" is not in the roster; choose one of: ${config.people.map((p) => p.name).join(', ')}.`,
    );
  }
  const accounts = config.people.map(account);
  const others = accounts.filter((a) => a.aadObjectId !== me.aadObjectId);
  const left = others.slice(playgroundMaxOtherUsers).map((a) => a.name);
  const document = {
    version: '0.1.1',
    tenantId: '00000000-0000-0000-0000-0000000000001',
    bot: playgroundBot,
    currentUser: accounts[config.people.indexOf(me)],
    users: others.slice(0, playgroundMaxOtherUsers),
    personalChat: { id: 'opsbot-personal-chat' },
    groupChat: { id: 'opsbot-group-chat', name: 'AI platform on-call' },
    team: {
      id: 'opsbot-team',
      name: 'AI Landing Zone Ops',
      aadGroupId: '00000000-0000-0000-0000-000000000031',
      channels: [{ id: 'opsbot-channel-incidents', name: 'Incidents' }],
    },
  };
  const roles = config.people
    .map((p) => `#   ${p.name.padEnd(18)} ${p.aadObjectId}  ${p.roles.join(', ')}`)
    .join('\n');
  return (
    '# Agents Playground users for opsbot, generated from the people of config/landing-zone.yaml by\n' +
    '# `npx opsbot playground --write-config`. currentUser is who types; `npm run playground -- --as <name>`\n' +
    '# starts the playground as someone else. Roster:\n' +
    `${roles}\n` +
    (left.length
      ? `# The playground takes six users at most; not in its chats: ${left.join(', ')} (use --as to be them).\n`
      : '') +
    stringify(document, { lineWidth: 0 })
  );
}
