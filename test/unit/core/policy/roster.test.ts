import { lookUpPerson } from '../../../../core/policy/roster';
import { demoPeople, loadShippedConfig } from '../../../helpers/landing-zone-config';

const config = loadShippedConfig();

describe('lookUpPerson', () => {
  it.each([
    [demoPeople.alex, 'Alex Wilber', ['l2']],
    [demoPeople.megan, 'Megan Bowen', ['cab']],
    [demoPeople.adele, 'Adele Vance', ['it-director']],
    [demoPeople.lee, 'Lee Gu', ['l1']],
    [demoPeople.isaiah, 'Isaiah Langer', ['security']],
    [demoPeople.diego, 'Diego Siciliani', ['viewer']],
    [demoPeople.nestor, 'Nestor Wilke', ['l3']],
  ])('gives %s the roster roles', (id, name, roles) => {
    expect(lookUpPerson(config, id, 'someone')).toEqual({ name, roles });
  });

  it('treats someone not in the roster as a viewer under the name the channel gave', () => {
    expect(lookUpPerson(config, 'ffffffff-0000-0000-0000-000000000000', 'Pat')).toEqual({
      name: 'Pat',
      roles: ['viewer'],
    });
    expect(lookUpPerson(config, undefined, 'Pat')).toEqual({ name: 'Pat', roles: ['viewer'] });
  });
});
