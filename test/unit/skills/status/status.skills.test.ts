import { createCatalog } from '../../../../skills/catalog';
import { propose } from '../../../../skills/propose';
import type { SkillResult } from '../../../../skills/results';
import type { SkillContext } from '../../../../skills/skill';
import { FixedLandingZone } from '../../../helpers/fixed-landing-zone';
import { MemoryAuditLog } from '../../../helpers/memory-audit-log';
import { statusSkillContext } from '../../../helpers/status-skill-context';

const now = new Date('2026-01-12T13:00:00Z');
const catalog = createCatalog();

function setUp(simulated = true): { lz: FixedLandingZone; ctx: SkillContext } {
  const lz = new FixedLandingZone(now, simulated);
  return { lz, ctx: statusSkillContext(lz, now) };
}

async function run<V extends SkillResult['view']>(
  ctx: SkillContext,
  skill: string,
  args: Record<string, unknown>,
  view: V,
): Promise<Extract<SkillResult, { view: V }>> {
  const result = await propose({ skill, args, source: 'command' }, ctx, catalog);
  if (result.view !== view) throw new Error(`expected ${view}, got ${JSON.stringify(result)}`);
  return result as Extract<SkillResult, { view: V }>;
}

describe('every status skill is enabled', () => {
  it.each([
    'status.overview',
    'status.endpoint',
    'status.compute',
    'status.jobs',
    'status.quota',
    'status.alerts',
  ])('%s has a run function', (id) => {
    expect(typeof catalog.get(id)?.run).toBe('function');
  });
});

describe('status.endpoint', () => {
  it('judges P95 latency and availability against the baselines and names the window', async () => {
    const { lz, ctx } = setUp();
    lz.data.endpoints[0].metrics.p95LatencyMs = 412;
    const r = await run(ctx, 'status.endpoint', { endpoint: 'fraud-detection' }, 'status.endpoint');
    expect(r).toMatchObject({
      simulated: true,
      generatedAt: '2026-01-12T13:00:00.000Z',
      endpoint: 'fraud-detection',
      level: 'degraded',
      windowMinutes: 15,
      latency: { value: 412, unit: 'ms', level: 'degraded', label: 'P95 latency' },
      availability: { value: 99.95, unit: '%', level: 'target' },
      autoscale: { minInstances: 3, maxInstances: 10 },
    });
    expect(r.deployments.map((d) => `${d.name}:${d.trafficPercent}`)).toEqual(['blue:100', 'green:0']);
    expect(r.nextSteps).toEqual([
      { label: 'Troubleshoot', command: 'ask P95 latency on fraud-detection is high, what should I check' },
      {
        label: 'Declare incident',
        command: 'declare P2 fraud-detection: P95 412 ms, availability 99.95% (degraded)',
      },
    ]);
  });

  it('accepts an alias from config and suggests the 503 guide when the endpoint returns 503', async () => {
    const { lz, ctx } = setUp(false);
    lz.data.endpoints[0].metrics.http503Count = 37;
    lz.data.endpoints[0].metrics.availabilityPercent = 98.2;
    const r = await run(ctx, 'status.endpoint', { endpoint: 'Fraud Endpoint' }, 'status.endpoint');
    expect(r.simulated).toBe(false);
    expect(r.level).toBe('critical');
    expect(r.nextSteps.map((s) => s.command)).toEqual([
      'ask the fraud-detection endpoint returns 503, what do I do',
      'declare P1 fraud-detection: P95 84 ms, availability 98.2% (critical)',
    ]);
  });

  it('tells the user which endpoints exist when the name is unknown', async () => {
    const { ctx } = setUp();
    const r = await run(ctx, 'status.endpoint', { endpoint: 'churn-model' }, 'message');
    expect(r.text).toBe('There is no endpoint called "churn-model". Known endpoints: fraud-detection.');
    const audit = (ctx.audit as MemoryAuditLog).events;
    expect(audit.at(-1)).toMatchObject({ skill: 'status.endpoint', outcome: 'error:OPS-401' });
  });
});

describe('status.compute', () => {
  it('lists the known computes when the name is unknown, even if the port does not', async () => {
    const { ctx } = setUp();
    const r = await run(ctx, 'status.compute', { cluster: 'gpu-cluster-99' }, 'message');
    expect(r.text).toBe(
      'There is no compute called "gpu-cluster-99". Known computes: cpu-cluster-01, gpu-cluster-01, dev-cpu-cluster-01.',
    );
  });

  it('flags a GPU cluster that keeps nodes up with nothing running, and offers to scale it to zero', async () => {
    const { lz, ctx } = setUp();
    Object.assign(lz.data.computes[1], { currentNodes: 2, state: 'Steady', utilisationPercent: 3 });
    const r = await run(ctx, 'status.compute', { cluster: 'gpu cluster' }, 'status.compute');
    expect(r).toMatchObject({
      compute: 'gpu-cluster-01',
      gpu: true,
      idle: true,
      status: 'warning',
      currentNodes: 2,
      maxNodes: 4,
      utilisationThresholdPercent: 80,
      quota: { family: 'standardNCADSA100v4Family', used: 24, limit: 96 },
    });
    expect(r.nextSteps[0]).toEqual({ label: 'Scale to zero', command: 'stop gpu-cluster-01' });
  });

  it('is ok for a CPU cluster at zero nodes, and uses the CPU threshold', async () => {
    const { ctx } = setUp();
    const r = await run(ctx, 'status.compute', { cluster: 'cpu-cluster-01' }, 'status.compute');
    expect(r).toMatchObject({ gpu: false, idle: false, status: 'ok', utilisationThresholdPercent: 70 });
    expect(r.nextSteps.map((s) => s.command)).toEqual(['jobs 24']);
  });
});

describe('status.jobs', () => {
  it('counts jobs of the window, groups failure reasons and judges the success rate', async () => {
    const { lz, ctx } = setUp();
    const quota = 'Quota exceeded for Standard NCADSA100v4 Family';
    lz.data.jobs.push(
      lz.job({ id: 'f1', status: 'failed', startedHoursAgo: 2, endedHoursAgo: 0.2, failureReason: quota }),
      lz.job({ id: 'f2', status: 'failed', startedHoursAgo: 3, endedHoursAgo: 2.5, failureReason: quota }),
      lz.job({
        id: 'f3',
        status: 'failed',
        startedHoursAgo: 4,
        endedHoursAgo: 3.5,
        failureReason: 'CUDA out of memory: tried to allocate 11.00 GiB',
      }),
      lz.job({
        id: 'f5',
        status: 'failed',
        startedHoursAgo: 5,
        endedHoursAgo: 4.5,
        failureReason: 'CUDA out of memory: tried to allocate 3.00 GiB',
      }),
      lz.job({ id: 'f4', status: 'failed', startedHoursAgo: 4, endedHoursAgo: 3 }),
      lz.job({
        id: 'old',
        status: 'failed',
        startedHoursAgo: 30,
        endedHoursAgo: 29,
        failureReason: 'ancient',
      }),
      lz.job({ id: 'c1', status: 'canceled', startedHoursAgo: 2, endedHoursAgo: 1.5 }),
    );
    const r = await run(ctx, 'status.jobs', { hours: 6 }, 'status.jobs');
    expect(lz.calls).toContain('listTrainingJobs');
    expect(r.windowHours).toBe(6);
    expect(r.counts).toEqual({ queued: 0, running: 1, completed: 1, failed: 5, canceled: 1 });
    expect(r.total).toBe(8);
    expect(r.successRate).toMatchObject({ value: 16.7, unit: '%', level: 'critical' });
    expect(r.reasons).toEqual([
      { reason: 'CUDA out of memory', count: 2, example: 'CUDA out of memory: tried to allocate 11.00 GiB' },
      { reason: quota, count: 2, example: quota },
      { reason: 'No reason given', count: 1, example: 'No reason given' },
    ]);
    expect(r.failures.map((f) => f.id)).toEqual(['f1', 'f2', 'f4', 'f3', 'f5']);
    expect(r.failuresLastHour).toBe(1);
    expect(r.status).toBe('critical');
    expect(r.nextSteps.map((s) => s.command)).toEqual([
      'ask why does my training job fail with "CUDA out of memory"',
      'quota',
      'declare P2 training jobs failing: 5 of 6 finished jobs failed in the last 6 h',
      'jobs 24',
    ]);
  });

  it('defaults to 24 hours and has no success rate when nothing finished', async () => {
    const { lz, ctx } = setUp();
    lz.data.jobs = [lz.job({ id: 'q', status: 'queued', startedHoursAgo: 0.1 })];
    const r = await run(ctx, 'status.jobs', {}, 'status.jobs');
    expect(r.windowHours).toBe(24);
    expect(r.successRate).toBeNull();
    expect(r.status).toBe('ok');
    expect(r.failures).toEqual([]);
  });

  it('warns when failures in the last hour pass the alert threshold even if the rate is fine', async () => {
    const { lz, ctx } = setUp();
    for (let i = 0; i < 120; i++)
      lz.data.jobs.push(lz.job({ id: `ok${i}`, status: 'completed', startedHoursAgo: 5, endedHoursAgo: 4 }));
    for (let i = 0; i < 6; i++) {
      lz.data.jobs.push(
        lz.job({ id: `f${i}`, status: 'failed', startedHoursAgo: 1, endedHoursAgo: 0.5, failureReason: 'x' }),
      );
    }
    const r = await run(ctx, 'status.jobs', { hours: 12 }, 'status.jobs');
    expect(r.successRate?.level).toBe('target');
    expect(r.failuresLastHour).toBe(6);
    expect(r.status).toBe('warning');
  });
});

describe('status.quota', () => {
  it('shows each family against its limit, fullest first, with the computes that use it', async () => {
    const { lz, ctx } = setUp();
    lz.data.quotas[1].used = 80;
    const r = await run(ctx, 'status.quota', {}, 'status.quota');
    expect(r.families.map((f) => [f.family, f.usedPercent, f.status, f.computes])).toEqual([
      ['standardNCADSA100v4Family', 83.3, 'warning', ['gpu-cluster-01']],
      ['standardDSv5Family', 16, 'ok', ['cpu-cluster-01', 'dev-cpu-cluster-01']],
    ]);
    expect(r.status).toBe('warning');
    expect(r.nextSteps.map((s) => s.command)).toContain('status gpu-cluster-01');
  });
});

describe('status.alerts', () => {
  it('joins each alert with its rule and suggests an incident for the worst', async () => {
    const { lz, ctx } = setUp();
    lz.data.alerts = [
      {
        rule: 'storage-capacity',
        resource: 'stprodeus2aidatalake',
        severity: 'warning',
        firedAt: now,
        observed: '84% used',
      },
      {
        rule: 'endpoint-down',
        resource: 'fraud-detection',
        severity: 'critical',
        firedAt: now,
        observed: 'availability 97.1%',
      },
      {
        rule: 'mystery',
        resource: 'acrprodeus2ai01',
        severity: 'informational',
        firedAt: now,
        observed: 'n/a',
      },
    ];
    const r = await run(ctx, 'status.alerts', {}, 'status.alerts');
    expect(r.alerts.map((a) => a.ruleName)).toEqual([
      'Inference Endpoint Down',
      'Storage Near Capacity',
      'mystery',
    ]);
    expect(r.alerts[0]).toMatchObject({
      owner: 'L2 Ops',
      action: 'Email + PagerDuty',
      condition: 'availability below 99%',
    });
    expect(r.status).toBe('critical');
    expect(r.nextSteps[0]).toEqual({
      label: 'Declare incident',
      command: 'declare P1 Inference Endpoint Down on fraud-detection: availability 97.1%',
    });
    expect(r.nextSteps).toContainEqual({
      label: 'Status fraud-detection',
      command: 'status fraud-detection',
    });
  });

  it('is ok with nothing firing and offers no steps', async () => {
    const { ctx } = setUp();
    const r = await run(ctx, 'status.alerts', {}, 'status.alerts');
    expect(r).toMatchObject({ alerts: [], status: 'ok', nextSteps: [] });
  });
});

describe('status.overview', () => {
  it('reports a healthy landing zone as ok on every check', async () => {
    const { ctx } = setUp();
    const r = await run(ctx, 'status.overview', {}, 'status.overview');
    expect(r.status).toBe('ok');
    expect(r.landingZone).toBe('AI Landing Zone - Financial Services');
    for (const key of [
      'components',
      'training',
      'inference',
      'cost',
      'security',
      'backups',
      'scaleDown',
      'storage',
      'alerts',
    ] as const) {
      expect([key, r[key].status]).toEqual([key, 'ok']);
    }
    expect(r.training).toMatchObject({ windowHours: 12, total: 4, completed: 3, failed: 0, running: 1 });
    expect(r.cost).toMatchObject({ percentOfAverage: 94, anomalyPercent: 150 });
    expect(r.storage).toMatchObject({ usedPercent: 10, nearCapacityPercent: 80 });
    expect(r.nextSteps).toEqual([]);
  });

  it('says which day the spend is for when the landing zone reports a complete earlier day', async () => {
    const { lz, ctx } = setUp();
    lz.data.cost = { currency: 'USD', todaySpend: 1300, dailyAverage: 1250, spendDay: '2026-01-10' };
    const r = await run(ctx, 'status.overview', {}, 'status.overview');
    expect(r.cost).toMatchObject({ spendDay: '2026-01-10', todaySpend: 1300, percentOfAverage: 104 });
    lz.data.cost = { currency: 'USD', todaySpend: 1300, dailyAverage: 1250 };
    const today = await run(ctx, 'status.overview', {}, 'status.overview');
    expect(today.cost).not.toHaveProperty('spendDay');
  });

  it('finds every problem of the daily checklist', async () => {
    const { lz, ctx } = setUp();
    lz.data.components[1] = {
      ...lz.data.components[1],
      state: 'degraded',
      detail: 'private endpoint not resolving',
    };
    lz.data.jobs.push(
      lz.job({
        id: 'f1',
        status: 'failed',
        startedHoursAgo: 3,
        endedHoursAgo: 2,
        failureReason: 'Out of memory',
      }),
    );
    lz.data.endpoints[0].metrics.p95LatencyMs = 640;
    lz.data.cost = { currency: 'USD', todaySpend: 2000, dailyAverage: 1250 };
    lz.data.security = [
      {
        id: 's1',
        title: 'Impossible travel sign-in',
        severity: 'high',
        raisedAt: new Date(now.getTime() - 3_600_000),
      },
      {
        id: 's2',
        title: 'Old high alert',
        severity: 'high',
        raisedAt: new Date(now.getTime() - 30 * 3_600_000),
      },
      { id: 's3', title: 'Medium thing', severity: 'medium', raisedAt: now },
    ];
    lz.data.backups.push({ item: 'Model Registry', lastRunAt: now, status: 'failed' });
    Object.assign(lz.data.computes[1], { currentNodes: 2, minNodes: 1, runningJobs: 0 });
    lz.data.storage.usedTb = 42;
    lz.data.alerts = [
      {
        rule: 'high-latency',
        resource: 'fraud-detection',
        severity: 'error',
        firedAt: now,
        observed: 'P95 640 ms',
      },
    ];

    const r = await run(ctx, 'status.overview', {}, 'status.overview');
    expect(r.status).toBe('critical');
    expect(r.components.status).toBe('warning');
    expect(r.training).toMatchObject({
      failed: 1,
      completed: 3,
      successRate: { value: 75, level: 'critical' },
    });
    expect(r.inference).toMatchObject({
      status: 'critical',
      endpoints: [{ endpoint: 'fraud-detection', latency: { value: 640, level: 'critical' } }],
    });
    expect(r.cost).toMatchObject({ status: 'warning', percentOfAverage: 160 });
    expect(r.security).toMatchObject({ status: 'critical', windowHours: 24 });
    expect('highSeverity' in r.security && r.security.highSeverity.map((a) => a.id)).toEqual(['s1']);
    expect(r.backups.status).toBe('warning');
    expect(r.scaleDown).toMatchObject({
      status: 'warning',
      clustersChecked: 2,
      idle: [{ compute: 'gpu-cluster-01', currentNodes: 2, minNodes: 1 }],
    });
    expect(r.storage).toMatchObject({ status: 'warning', usedPercent: 84 });
    expect(r.alerts).toMatchObject({ status: 'critical', firing: [{ ruleName: 'High Latency' }] });
    expect(r.nextSteps.map((s) => s.command)).toEqual([
      'alerts',
      'status fraud-detection',
      'jobs 12',
      'declare P1 security: 1 high-severity Sentinel alert(s), latest "Impossible travel sign-in"',
      'stop gpu-cluster-01',
    ]);
  });

  it('still answers when one check cannot be read, and marks that check unknown', async () => {
    const { lz, ctx } = setUp();
    lz.failing.add('getCostSummary');
    const r = await run(ctx, 'status.overview', {}, 'status.overview');
    expect(r.cost).toEqual({
      status: 'unknown',
      unavailable: true,
      reason: 'Could not be read (reference c0ffee00).',
    });
    expect(r.inference.status).toBe('ok');
    expect(r.status).toBe('unknown');
  });

  it('never changes the landing zone', async () => {
    const { lz, ctx } = setUp();
    await run(ctx, 'status.overview', {}, 'status.overview');
    expect(lz.calls.sort()).toEqual(
      [
        'getComponentHealth',
        'getCostSummary',
        'getEndpoint',
        'getStorageUsage',
        'listBackups',
        'listComputes',
        'listFiringAlerts',
        'listSecurityAlerts',
        'listTrainingJobs',
      ].sort(),
    );
  });
});
