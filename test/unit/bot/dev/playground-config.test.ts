import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readLandingZoneConfig } from '../../../../bot/config';
import {
  buildPlaygroundConfig,
  findRosterPerson,
  playgroundConfigFileName,
} from '../../../../bot/dev/playground-config';

const root = join(__dirname, '../../../..');
const config = readLandingZoneConfig('config/landing-zone.yaml', join(root, 'config/landing-zone.yaml'));

describe('Agents Playground config', () => {
  it('puts the roster in the playground: the first person types, five others are in the chats', () => {
    const doc = parse(buildPlaygroundConfig(config));
    expect(doc.currentUser).toMatchObject({
      name: 'Alex Wilber',
      aadObjectId: '00000000-0000-0000-0000-0000000000020',
    });
    expect(doc.users.map((u: { name: string }) => u.name)).toEqual([
      'Megan Bowen',
      'Adele Vance',
      'Lee Gu',
      'Isaiah Langer',
      'Diego Siciliani',
    ]);
    expect(doc.bot).toEqual({ id: '28:opsbot-local', name: 'opsbot' });
  });

  it('starts as another roster person with --as, by name, first name or object id', () => {
    for (const who of ['Megan Bowen', 'megan', '00000000-0000-0000-0000-0000000000021']) {
      const doc = parse(buildPlaygroundConfig(config, who));
      expect(doc.currentUser.name).toBe('Megan Bowen');
      expect(doc.users.map((u: { name: string }) => u.name)).not.toContain('Megan Bowen');
      expect(doc.users.map((u: { name: string }) => u.name)).toContain('Alex Wilber');
    }
  });

  it('refuses someone who is not in the roster and names who is', () => {
    expect(() => buildPlaygroundConfig(config, 'Mallory')).toThrow(
      /"Mallory" is not in the roster; choose one of: Alex Wilber, Megan Bowen/,
    );
    expect(findRosterPerson(config, '')).toBeUndefined();
  });

  it(`is committed as ${playgroundConfigFileName} (run \`npx opsbot playground --write-config\` after changing people)`, () => {
    expect(readFileSync(join(root, playgroundConfigFileName), 'utf8')).toBe(buildPlaygroundConfig(config));
  });
});
