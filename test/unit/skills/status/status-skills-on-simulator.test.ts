import { SimulatedLandingZone } from '../../../../adapters/simulator/simulated-landing-zone';
import { renderResult } from '../../../../bot/cards/render-result';
import { ManualClock } from '../../../../core/clock';
import { createCatalog } from '../../../../skills/catalog';
import { propose } from '../../../../skills/propose';
import type { SkillResult } from '../../../../skills/results';
import { statusSkillContext } from '../../../helpers/status-skill-context';
import { loadShippedConfig } from '../../../helpers/landing-zone-config';
import { cardBytes, cardText, maxCardBytes, validateCard } from '../../../helpers/validate-card';

/** A Monday morning check, 08:00 in New York. */
const now = new Date('2026-01-12T13:00:00Z');
const catalog = createCatalog();

async function ask(
  scenarios: string[],
  skill: string,
  args: Record<string, unknown> = {},
): Promise<SkillResult> {
  const lz = new SimulatedLandingZone({
    config: loadShippedConfig(),
    clock: new ManualClock(now),
    seed: 7,
    scenarios,
  });
  return propose({ skill, args, source: 'command' }, statusSkillContext(lz, now), catalog);
}

function as<V extends SkillResult['view']>(r: SkillResult, view: V): Extract<SkillResult, { view: V }> {
  if (r.view !== view) throw new Error(`expected ${view}, got ${JSON.stringify(r).slice(0, 300)}`);
  return r as Extract<SkillResult, { view: V }>;
}

describe('status skills on the simulator', () => {
  it.each([
    ['status.overview', {}],
    ['status.endpoint', { endpoint: 'fraud-detection' }],
    ['status.compute', { cluster: 'gpu-cluster-01' }],
    ['status.jobs', { hours: 24 }],
    ['status.quota', {}],
    ['status.alerts', {}],
  ])('%s renders a valid card labelled as simulated', async (skill, args) => {
    const r = await ask([], skill, args);
    expect(r.view).toBe(skill);
    const card = renderResult(r);
    expect(validateCard(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(maxCardBytes);
    expect(cardText(card)).toContain('Simulated data');
  });

  it('a normal morning has no critical check', async () => {
    const r = as(await ask([], 'status.overview'), 'status.overview');
    expect(r.simulated).toBe(true);
    expect(r.status).not.toBe('critical');
    expect(r.inference.status).toBe('ok');
  });

  it('endpoint-503: the endpoint card is critical and points to the 503 guide', async () => {
    const r = as(
      await ask(['endpoint-503'], 'status.endpoint', { endpoint: 'fraud-detection' }),
      'status.endpoint',
    );
    expect(r.availability.level).toBe('critical');
    expect(r.http503Count).toBeGreaterThan(0);
    expect(r.nextSteps[0].command).toBe('ask the fraud-detection endpoint returns 503, what do I do');
    expect(r.nextSteps[1].command).toMatch(/^declare P1 fraud-detection/);
  });

  it('latency-degraded: the overview shows inference below baseline', async () => {
    const r = as(await ask(['latency-degraded'], 'status.overview'), 'status.overview');
    expect(r.inference.status).not.toBe('ok');
    expect(cardText(renderResult(r))).toMatch(
      /fraud-detection: P95 \d+ ms \((Degraded|Acceptable|Critical)\)/,
    );
  });

  it('training-failures: the jobs answer groups the reasons and warns', async () => {
    const r = as(await ask(['training-failures'], 'status.jobs', { hours: 12 }), 'status.jobs');
    expect(r.counts.failed).toBeGreaterThan(r.failuresPerHourThreshold);
    expect(r.reasons.length).toBeGreaterThan(0);
    expect(r.status).not.toBe('ok');
  });

  it.each([
    ['cost-anomaly', 'cost'],
    ['storage-near-capacity', 'storage'],
    ['security-alert', 'security'],
    ['backup-failed', 'backups'],
    ['aoai-unreachable', 'components'],
  ] as const)('%s: the overview flags the %s check', async (scenario, check) => {
    const r = as(await ask([scenario], 'status.overview'), 'status.overview');
    expect(['warning', 'critical']).toContain(r[check].status);
    expect(['warning', 'critical']).toContain(r.status);
  });

  it('an unknown compute gets the list of computes that exist', async () => {
    const r = as(await ask([], 'status.compute', { cluster: 'gpu-cluster-99' }), 'message');
    expect(r.text).toContain('There is no compute called "gpu-cluster-99".');
    expect(r.text).toContain('cpu-cluster-01, gpu-cluster-01');
  });
});
