import { LandingZoneConfig } from '../../../../core/config/landing-zone.schema';
import { resourceEnvironment } from '../../../../core/config/resource-environment';
import { loadShippedConfig, loadShippedConfigRaw } from '../../../helpers/landing-zone-config';

type Section = Record<string, unknown>;
interface Raw {
  landingZone: Section;
  computes: Section[];
  changePolicy: Section;
}

const rawConfig = () => loadShippedConfigRaw() as unknown as Raw;

function withChangePolicy(edit: (policy: Section) => void): Raw {
  const raw = rawConfig();
  edit(raw.changePolicy);
  return raw;
}

function issuesOf(raw: Raw): { path: string; message: string }[] {
  const result = LandingZoneConfig.safeParse(raw);
  if (result.success) throw new Error('expected the config to be refused');
  return result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('LandingZoneConfig change policy', () => {
  it('ships a team lead, a development approver role and the hard limits', () => {
    const config = loadShippedConfig();
    expect(config.changePolicy.developmentApproverRoles).toEqual(['team-lead']);
    expect(config.changePolicy.hardLimits).toEqual({ minInstances: 1 });
    expect(config.people.find((p) => p.name === 'Johanna Lorenz')).toEqual({
      aadObjectId: '00000000-0000-0000-0000-0000000000027',
      name: 'Johanna Lorenz',
      roles: ['team-lead'],
    });
  });

  it('defaults the development approvers to team-lead and the fewest instances to 1', () => {
    const config = LandingZoneConfig.parse(
      withChangePolicy((policy) => {
        delete policy.developmentApproverRoles;
        delete policy.hardLimits;
      }),
    );
    expect(config.changePolicy.developmentApproverRoles).toEqual(['team-lead']);
    expect(config.changePolicy.hardLimits.minInstances).toBe(1);
  });

  it.each(['normalApproverRoles', 'emergencyApproverRoles', 'developmentApproverRoles'])(
    'refuses a role in %s that does not exist, naming where',
    (list) => {
      const issues = issuesOf(withChangePolicy((policy) => (policy[list] = ['cab', 'change-manager'])));
      expect(issues).toHaveLength(1);
      expect(issues[0].path).toBe(`changePolicy.${list}.1`);
      expect(issues[0].message).toContain('team-lead');
    },
  );

  it('refuses a role listed twice among the approvers', () => {
    const issues = issuesOf(withChangePolicy((policy) => (policy.normalApproverRoles = ['cab', 'cab'])));
    expect(issues).toEqual([
      {
        path: 'changePolicy.normalApproverRoles.1',
        message: '"cab" is listed twice; each role names one approval',
      },
    ]);
  });

  it('refuses an environment that is neither production nor development', () => {
    const raw = rawConfig();
    raw.computes[0].environment = 'staging';
    expect(issuesOf(raw).map((i) => i.path)).toEqual(['computes.0.environment']);
  });
});

describe('resourceEnvironment', () => {
  const config = loadShippedConfig();

  it('reads the development cluster as development and the rest as the landing zone (production)', () => {
    expect(resourceEnvironment(config, 'compute', 'dev-cpu-cluster-01')).toBe('development');
    expect(resourceEnvironment(config, 'compute', 'DEV-CPU-CLUSTER-01')).toBe('development');
    expect(resourceEnvironment(config, 'compute', 'cpu-cluster-01')).toBe('production');
    expect(resourceEnvironment(config, 'endpoint', 'fraud-detection')).toBe('production');
    expect(resourceEnvironment(config, 'secret', 'aoai-api-key')).toBe('production');
  });

  it('falls back to the landing zone environment for an unknown name', () => {
    const raw = rawConfig();
    raw.landingZone.environment = 'development';
    const dev = LandingZoneConfig.parse(raw);
    expect(resourceEnvironment(dev, 'endpoint', 'no-such-endpoint')).toBe('development');
    expect(resourceEnvironment(dev, 'endpoint', 'fraud-detection')).toBe('development');
  });
});

describe('LandingZoneConfig production window', () => {
  it('refuses a time zone the platform does not know', () => {
    const issues = issuesOf(
      withChangePolicy((policy) => ((policy.productionWindow as Section).timeZone = 'America/Gotham')),
    );
    expect(issues).toEqual([
      {
        path: 'changePolicy.productionWindow.timeZone',
        message: 'unknown time zone "America/Gotham"; expected an IANA name such as America/New_York',
      },
    ]);
  });

  it('refuses a clock time past 23:59', () => {
    const issues = issuesOf(
      withChangePolicy((policy) => ((policy.productionWindow as Section).end = '24:30')),
    );
    expect(issues.map((i) => i.path)).toEqual(['changePolicy.productionWindow.end']);
  });
});
