import { renderResult } from '../../../../bot/cards/render-result';
import { createCatalog } from '../../../../skills/catalog';
import { propose } from '../../../../skills/propose';
import type { SkillResult } from '../../../../skills/results';
import type { JobsStatusResult, StatusOverviewResult } from '../../../../skills/status/status-results';
import { FixedLandingZone } from '../../../helpers/fixed-landing-zone';
import { statusSkillContext } from '../../../helpers/status-skill-context';
import {
  cardBytes,
  cardCommands,
  cardText,
  maxCardBytes,
  validateCard,
} from '../../../helpers/validate-card';

const now = new Date('2026-01-12T13:00:00Z');
const catalog = createCatalog();

/** A landing zone with something wrong in every check. */
function troubled(simulated = true): FixedLandingZone {
  const lz = new FixedLandingZone(now, simulated);
  lz.data.components[1] = {
    ...lz.data.components[1],
    state: 'unavailable',
    detail: 'private endpoint not resolving',
  };
  lz.data.jobs.push(
    lz.job({
      id: 'f1',
      status: 'failed',
      startedHoursAgo: 3,
      endedHoursAgo: 2,
      failureReason: 'Quota exceeded for Standard NCADSA100v4 Family',
    }),
  );
  lz.data.endpoints[0].metrics = { ...lz.data.endpoints[0].metrics, p95LatencyMs: 412, http503Count: 12 };
  lz.data.cost = { currency: 'USD', todaySpend: 2000, dailyAverage: 1250 };
  lz.data.security = [{ id: 's1', title: 'Impossible travel sign-in', severity: 'high', raisedAt: now }];
  lz.data.backups.push({ item: 'Model Registry', lastRunAt: now, status: 'failed' });
  Object.assign(lz.data.computes[1], { currentNodes: 2, runningJobs: 0, utilisationPercent: 2 });
  lz.data.quotas[1].used = 90;
  lz.data.storage.usedTb = 42;
  lz.data.alerts = [
    {
      rule: 'high-latency',
      resource: 'fraud-detection',
      severity: 'error',
      firedAt: now,
      observed: 'P95 412 ms',
    },
  ];
  return lz;
}

async function result(
  lz: FixedLandingZone,
  skill: string,
  args: Record<string, unknown> = {},
): Promise<SkillResult> {
  return propose({ skill, args, source: 'command' }, statusSkillContext(lz, now), catalog);
}

const cases: [string, string, Record<string, unknown>][] = [
  ['overview', 'status.overview', {}],
  ['endpoint', 'status.endpoint', { endpoint: 'fraud-detection' }],
  ['compute', 'status.compute', { cluster: 'gpu-cluster-01' }],
  ['jobs', 'status.jobs', { hours: 12 }],
  ['quota', 'status.quota', {}],
  ['alerts', 'status.alerts', {}],
];

describe.each(cases)('the %s card', (_name, skill, args) => {
  it.each([
    ['healthy', () => new FixedLandingZone(now, true)],
    ['troubled', () => troubled(true)],
    ['live', () => troubled(false)],
  ])('is a valid Adaptive Card 1.5 under 28 KB (%s)', async (_situation, make) => {
    const lz = make();
    const r = await result(lz, skill, args);
    expect(r.view).toBe(skill);
    const card = renderResult(r);
    expect(card.version).toBe('1.5');
    expect(validateCard(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(maxCardBytes);
    const simulatedShown = cardText(card).includes('Simulated data');
    expect(simulatedShown).toBe(lz.simulated);
  });

  it('offers buttons that send a strict command in their data', async () => {
    const card = renderResult(await result(troubled(), skill, args));
    const commands = cardCommands(card);
    expect(commands.length).toBeGreaterThan(0);
    for (const c of commands) {
      expect(c.command).toMatch(/^(status|ask|declare|jobs|quota|alerts|stop|start|help)\b/);
    }
    // The Agents Playground drops submits that carry msteams messageBack/imBack data.
    expect(JSON.stringify(card.actions)).not.toContain('"msteams"');
  });
});

describe('what the cards say', () => {
  it('endpoint: P95 in ms with its level word and window, and the next steps', async () => {
    const card = renderResult(await result(troubled(), 'status.endpoint', { endpoint: 'fraud-detection' }));
    const text = cardText(card);
    expect(text).toContain('P95 latency');
    expect(text).toContain('412 ms');
    expect(text).toContain('Degraded');
    expect(text).toContain('over the last 15 min');
    expect(text).toContain('target ≤ 100 ms, acceptable ≤ 200 ms, critical > 500 ms');
    expect(text).toContain('99.95%');
    expect(text).toContain('HTTP 503: 12 responses over the last 15 min');
    expect(text).toContain('blue: 3 instances of Standard_DS3_v2, 100% of traffic, Succeeded');
    expect(text).toContain('Simulated data');
    expect(cardCommands(card).map((c) => c.title)).toEqual([
      'Troubleshoot',
      'Declare incident',
      'Firing alerts',
    ]);
    const colouredWords = findTextBlocks(card)
      .filter((b) => b.color === 'Warning')
      .map((b) => b.text);
    expect(colouredWords).toContain('Degraded');
  });

  it('overview: names the day a live cost figure is for instead of calling it today', async () => {
    const lz = troubled(false);
    lz.data.cost = { currency: 'USD', todaySpend: 2000, dailyAverage: 1250, spendDay: '2026-01-10' };
    const text = cardText(renderResult(await result(lz, 'status.overview')));
    expect(text).toContain('Cost on 2026-01-10');
    expect(text).toContain('USD 2,000 for the whole UTC day');
    expect(text).not.toContain('Cost today');
    expect(text).not.toContain('so far today');
  });

  it('overview: one row per check of the daily list with a word, and the overall outcome', async () => {
    const card = renderResult(await result(troubled(), 'status.overview'));
    const text = cardText(card);
    for (const title of [
      'Service health',
      'Training jobs, last 12 h',
      'Inference vs baselines',
      'Cost today',
      'Security alerts, last 24 h',
      'Backups',
      'Cluster scale-down',
      'Storage',
      'Firing alerts',
    ]) {
      expect(text).toContain(title);
    }
    expect(text).toContain('aoai-prod-eus2-ai-01 is unavailable: private endpoint not resolving.');
    expect(text).toContain('fraud-detection: P95 412 ms (Degraded), availability 99.95% (On target)');
    expect(text).toContain('160% of average');
    expect(text).toContain('an anomaly is above 150%');
    expect(text).toContain('Impossible travel sign-in (12 Jan 13:00 UTC)');
    expect(text).toContain('gpu-cluster-01: 2 nodes of Standard_NC24ads_A100_v4 up, no job running');
    expect(text).toContain('stprodeus2aidatalake: 42 TB of 50 TB');
    expect(text).toContain(
      'Training success rate 75% is critical (target ≥ 95%, acceptable ≥ 90%, critical < 85%)',
    );
    const header = findTextBlocks(card).find((b) => b.color === 'Attention');
    expect(header?.text).toBe('Critical');
  });

  it('overview: a check that could not be read says so instead of pretending', () => {
    const base = {
      view: 'status.overview',
      simulated: false,
      generatedAt: now.toISOString(),
      landingZone: 'LZ',
      environment: 'production',
      status: 'unknown',
    } as const;
    const unavailable = {
      status: 'unknown',
      unavailable: true,
      reason: 'Azure Monitor did not answer.',
    } as const;
    const r: StatusOverviewResult = {
      ...base,
      nextSteps: [],
      components: unavailable,
      training: unavailable,
      inference: unavailable,
      cost: unavailable,
      security: unavailable,
      backups: unavailable,
      scaleDown: unavailable,
      storage: unavailable,
      alerts: unavailable,
    };
    const card = renderResult(r);
    expect(validateCard(card)).toEqual([]);
    const text = cardText(card);
    expect(text.match(/not checked/g)).toHaveLength(9);
    expect(text).toContain('Azure Monitor did not answer.');
    expect(text).not.toContain('Simulated data');
  });

  it('compute: nodes against min and max, idle warning, quota in cores', async () => {
    const card = renderResult(await result(troubled(), 'status.compute', { cluster: 'gpu-cluster-01' }));
    const text = cardText(card);
    expect(text).toContain('Nodes: 2 now (min 0, max 4)');
    expect(text).toContain('2 nodes up with no job running: the cluster has not scaled down.');
    expect(text).toContain('Quota standardNCADSA100v4Family: 90 of 96 cores used, 6 free.');
    expect(text).toContain('Add nodes when GPU use stays above 80%.');
    expect(cardCommands(card)[0]).toEqual({
      title: 'Scale to zero',
      command: 'stop gpu-cluster-01',
    });
  });

  it('jobs: success rate vs baseline with the window, reasons grouped', async () => {
    const card = renderResult(await result(troubled(), 'status.jobs', { hours: 12 }));
    const text = cardText(card);
    expect(text).toContain('Training success rate');
    expect(text).toContain('75%');
    expect(text).toContain('Critical');
    expect(text).toContain('in the last 12 h, completed vs failed');
    expect(text).toContain('1 job: Quota exceeded for Standard NCADSA100v4 Family');
  });

  it('jobs: hundreds of failures still fit in one card', () => {
    const failures = Array.from({ length: 400 }, (_, i) => ({
      id: `job-${i}`,
      displayName: `nightly-retrain-${i}-${'x'.repeat(60)}`,
      compute: 'gpu-cluster-01',
      submittedBy: 'someone@contoso.com',
      endedAt: now.toISOString(),
      reason: `Reason number ${i} ${'y'.repeat(150)}`,
    }));
    const r: JobsStatusResult = {
      view: 'status.jobs',
      simulated: true,
      generatedAt: now.toISOString(),
      nextSteps: [],
      windowHours: 720,
      total: 400,
      counts: { queued: 0, running: 0, completed: 0, failed: 400, canceled: 0 },
      successRate: null,
      failuresLastHour: 400,
      failuresPerHourThreshold: 5,
      failures,
      reasons: failures.map((f) => ({ reason: f.reason, count: 1, example: f.reason })),
      status: 'critical',
    };
    const card = renderResult(r);
    expect(validateCard(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(maxCardBytes);
    expect(cardText(card)).toContain('…and 392 more.');
    expect(cardText(card)).toContain('…and 390 other kinds of failure.');
  });

  it('quota: used of limit in cores with percentage and the word', async () => {
    const text = cardText(renderResult(await result(troubled(), 'status.quota')));
    expect(text).toContain('90 of 96 cores (93.8%)');
    expect(text).toContain('Needs attention');
    expect(text).toContain('6 cores free; used by gpu-cluster-01.');
  });

  it('alerts: the rule that fired, its owner and action', async () => {
    const text = cardText(renderResult(await result(troubled(), 'status.alerts')));
    expect(text).toContain('High Latency on fraud-detection');
    expect(text).toContain('Observed: P95 412 ms');
    expect(text).toContain('Rule: P95 latency above 200 ms');
    expect(text).toContain('Owner: L2 Ops (Email)');
    expect(text).toContain('Severity: error');
  });

  it('alerts: nothing firing is said plainly', async () => {
    const text = cardText(renderResult(await result(new FixedLandingZone(now), 'status.alerts')));
    expect(text).toContain('No alert is firing.');
    expect(text).toContain('0 alerts firing now');
  });
});

function findTextBlocks(
  node: unknown,
  out: { text: string; color?: string }[] = [],
): { text: string; color?: string }[] {
  if (Array.isArray(node)) node.forEach((n) => findTextBlocks(n, out));
  else if (node && typeof node === 'object') {
    const r = node as Record<string, unknown>;
    if (r.type === 'TextBlock') out.push({ text: String(r.text), color: r.color as string | undefined });
    Object.values(r).forEach((v) => findTextBlocks(v, out));
  }
  return out;
}
