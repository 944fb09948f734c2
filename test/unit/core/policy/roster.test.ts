import { lookUpPerson } from '../../../../core/policy/roster';
import { demoPeople, loadShippedConfig } from '../../../helpers/landing-zone-config';

const config = loadShippedConfig();
const stranger = 'ffffffff-0000-0000-0000-000000000000';

describe('lookUpPerson', () => {
  it.each([
    [demoPeople.alex, 'Alex Wilber', ['l2']],
    [demoPeople.megan, 'Megan Bowen', ['cab']],
    [demoPeople.adele, 'Adele Vance', ['it-director']],
    [demoPeople.lee, 'Lee Gu', ['l1']],
    [demoPeople.isaiah, 'Isaiah Langer', ['security']],
    [demoPeople.diego, 'Diego Siciliani', ['viewer']],
    [demoPeople.nestor, 'Nestor Wilke', ['l3']],
  ])('gives %s the roster name and roles, whatever name the client sent', (id, name, roles) => {
    expect(lookUpPerson(config, id, 'someone else')).toEqual({ name, roles, inRoster: true });
    expect(lookUpPerson(config, id.toUpperCase(), 'someone else').name).toBe(name);
  });

  it('labels someone not in the roster as such, a viewer under the name the channel gave', () => {
    expect(lookUpPerson(config, stranger, 'Pat')).toEqual({
      name: 'Pat (not in roster)',
      roles: ['viewer'],
      inRoster: false,
    });
    expect(lookUpPerson(config, undefined, 'Pat').name).toBe('Pat (not in roster)');
  });

  it('cannot pass for a roster member under a foreign id', () => {
    expect(lookUpPerson(config, stranger, 'Adele Vance').name).toBe('Adele Vance (not in roster)');
  });

  it('clips a long name to 64 characters and drops control and format characters', () => {
    const { name } = lookUpPerson(config, stranger, `${'x'.repeat(10_000)}`);
    expect(name).toBe(`${'x'.repeat(63)}… (not in roster)`);
    expect(lookUpPerson(config, stranger, 'Ad\u202Eele\u0000 \n  Vance').name).toBe(
      'Adele Vance (not in roster)',
    );
    expect(lookUpPerson(config, stranger, '\u200B\u0007').name).toBe('Someone (not in roster)');
  });
});
