import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { parse } from 'yaml';
import { SimulatedLandingZone } from '../../../../adapters/simulator/simulated-landing-zone';
import { ManualClock } from '../../../../core/clock';
import { LandingZoneConfig } from '../../../../core/config/landing-zone.schema';
import { NotFoundError, UserFacingError } from '../../../../core/errors';
import type { TrainingJob } from '../../../../core/ports';

const config = LandingZoneConfig.parse(
  parse(readFileSync(join(__dirname, '../../../../config/landing-zone.yaml'), 'utf8')),
);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Tuesday 10 March 2026, 13:00 in New York (EDT): the working day is in full swing. */
const NOON = '2026-03-10T17:00:00.000Z';
/** The same Tuesday, 06:00 in New York: nightly runs are over, the day has not started. */
const DAWN = '2026-03-10T10:00:00.000Z';
const GPU_FAMILY = 'standardNCADSA100v4Family';

function build(
  options: { at?: string; seed?: number; scenarios?: string[]; config?: LandingZoneConfig } = {},
) {
  const clock = new ManualClock(options.at ?? NOON);
  const lz = new SimulatedLandingZone({
    config: options.config ?? config,
    clock,
    seed: options.seed ?? 7,
    scenarios: options.scenarios,
  });
  return { clock, lz };
}

async function readEverything(lz: SimulatedLandingZone) {
  return {
    health: await lz.getComponentHealth(),
    jobs: await lz.listTrainingJobs({ sinceHours: 720 }),
    endpoint: await lz.getEndpoint('fraud-detection'),
    computes: await lz.listComputes(),
    quota: await lz.listQuotaUsage(),
    alerts: await lz.listFiringAlerts(),
    security: await lz.listSecurityAlerts({ sinceHours: 72 }),
    cost: await lz.getCostSummary(),
    backups: await lz.listBackups(),
    storage: await lz.getStorageUsage(),
  };
}

function failedWithin(jobs: TrainingJob[], now: Date, ms: number): TrainingJob[] {
  return jobs.filter((j) => j.status === 'failed' && j.endedAt!.getTime() > now.getTime() - ms);
}

async function rejection(promise: Promise<unknown> | (() => unknown)): Promise<Error> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('SimulatedLandingZone readings', () => {
  it('says it is simulated', () => {
    expect(build().lz.simulated).toBe(true);
  });

  it('gives the same readings for the same seed and instant, in a fresh instance or on a second read', async () => {
    const first = build({ scenarios: ['training-failures'] }).lz;
    const again = await readEverything(first);
    expect(await readEverything(first)).toEqual(again);
    expect(await readEverything(build({ scenarios: ['training-failures'] }).lz)).toEqual(again);
  });

  it('gives other readings for another seed', async () => {
    const a = await readEverything(build({ seed: 1 }).lz);
    const b = await readEverything(build({ seed: 2 }).lz);
    expect(b.endpoint.metrics).not.toEqual(a.endpoint.metrics);
    expect(b.jobs.map((j) => j.id)).not.toEqual(a.jobs.map((j) => j.id));
  });

  it('drifts smoothly minute by minute, and the working day is busier than the night', async () => {
    const { clock, lz } = build({ at: '2026-03-10T13:00:00Z' });
    let previous = (await lz.getEndpoint('fraud-detection')).metrics.p95LatencyMs;
    for (let i = 0; i < 90; i++) {
      clock.advance(MINUTE);
      const p95 = (await lz.getEndpoint('fraud-detection')).metrics.p95LatencyMs;
      expect(Math.abs(p95 - previous)).toBeLessThanOrEqual(3);
      previous = p95;
    }
    clock.set(NOON);
    const day = (await lz.getEndpoint('fraud-detection')).metrics.requestsPerMinute;
    clock.set('2026-03-10T07:00:00Z');
    const night = (await lz.getEndpoint('fraud-detection')).metrics.requestsPerMinute;
    expect(day).toBeGreaterThan(2.5 * night);
  });

  it('stays inside the baselines and fires no alert without scenarios, at many instants and seeds', async () => {
    for (const seed of [1, 2, 3]) {
      const { clock, lz } = build({ seed, at: '2026-03-09T00:00:00Z' });
      for (let sample = 0; sample < 34; sample++) {
        const { metrics } = await lz.getEndpoint('fraud-detection');
        expect(metrics.p95LatencyMs).toBeGreaterThanOrEqual(55);
        expect(metrics.p95LatencyMs).toBeLessThan(config.baselines.inferenceLatencyP95Ms.target);
        expect(metrics.availabilityPercent).toBeGreaterThanOrEqual(
          config.baselines.endpointAvailabilityPercent.target,
        );
        expect(metrics.availabilityPercent).toBeLessThan(100);
        expect(await lz.listFiringAlerts()).toEqual([]);
        expect((await lz.getComponentHealth()).every((c) => c.state === 'available')).toBe(true);
        for (const q of await lz.listQuotaUsage()) expect(q.used).toBeLessThanOrEqual(q.limit);
        clock.advance(5 * HOUR);
      }
    }
  });

  it('scales the clusters down at dawn and keeps them busy during working days', async () => {
    const { clock, lz } = build({ at: DAWN });
    let daytimeNodes = 0;
    for (let day = 0; day < 4; day++) {
      for (const compute of await lz.listComputes()) {
        expect(compute).toMatchObject({
          currentNodes: 0,
          runningJobs: 0,
          state: 'Steady',
          utilisationPercent: 0,
        });
      }
      for (const hour of [5, 7, 9]) {
        clock.advance(hour * HOUR - (hour === 5 ? 0 : 2 * HOUR));
        for (const compute of await lz.listComputes()) daytimeNodes += compute.currentNodes;
      }
      clock.set(new Date(Date.parse(DAWN) + (day + 1) * 24 * HOUR));
    }
    expect(daytimeNodes).toBeGreaterThan(0);
  });

  it('keeps 30 days of training jobs with about 3% failures, each with a reason, under stable ids', async () => {
    const { clock, lz } = build();
    const jobs = await lz.listTrainingJobs({ sinceHours: 720 });
    expect(jobs.length).toBeGreaterThan(300);
    expect(new Set(jobs.map((j) => j.id)).size).toBe(jobs.length);
    const oldest = Math.min(...jobs.map((j) => j.startedAt.getTime()));
    expect(Date.parse(NOON) - oldest).toBeGreaterThan(29 * 24 * HOUR);
    const failed = jobs.filter((j) => j.status === 'failed');
    expect(failed.length / jobs.length).toBeGreaterThan(0.01);
    expect(failed.length / jobs.length).toBeLessThan(0.06);
    expect(failed.every((j) => (j.failureReason ?? '').length > 10)).toBe(true);
    const kinds = new Set(failed.map((j) => j.failureReason!.split(/[:\s]/)[0]));
    expect(kinds.size).toBeGreaterThanOrEqual(3);
    expect(jobs.every((j) => config.computes.some((c) => c.name === j.compute))).toBe(true);

    clock.advance(HOUR);
    const later = await lz.listTrainingJobs({ sinceHours: 720 });
    const laterById = new Map(later.map((j) => [j.id, j]));
    const finishedBefore = jobs.filter(
      (j) => j.endedAt && j.startedAt.getTime() > Date.parse(NOON) - 700 * HOUR,
    );
    for (const job of finishedBefore) expect(laterById.get(job.id)).toEqual(job);
  });

  it('limits the job list to the window asked for', async () => {
    const { lz } = build();
    const day = await lz.listTrainingJobs({ sinceHours: 24 });
    const week = await lz.listTrainingJobs({ sinceHours: 168 });
    expect(day.length).toBeGreaterThan(0);
    expect(week.length).toBeGreaterThan(day.length);
    for (const job of day)
      expect((job.endedAt ?? new Date(NOON)).getTime()).toBeGreaterThanOrEqual(Date.parse(NOON) - 24 * HOUR);
    await expect(lz.listTrainingJobs({ sinceHours: 0 })).rejects.toBeInstanceOf(UserFacingError);
  });

  it('reports quota for every VM family of the config, used by the nodes and instances running', async () => {
    const { lz } = build();
    const quota = await lz.listQuotaUsage();
    expect(quota.map((q) => q.family)).toEqual(['standardDSv5Family', GPU_FAMILY, 'standardDSv2Family']);
    const gpu = await lz.getCompute('gpu-cluster-01');
    expect(quota.find((q) => q.family === GPU_FAMILY)).toEqual({
      family: GPU_FAMILY,
      used: gpu.currentNodes * 24,
      limit: 96,
      unit: 'cores',
    });
    expect(quota.find((q) => q.family === 'standardDSv2Family')!.used).toBe(6 * 4);
  });

  it('shows the handover figures for storage, a daily workspace backup and ordinary cost', async () => {
    const { lz } = build();
    const storage = await lz.getStorageUsage();
    expect(storage.account).toBe('stprodeus2aidatalake');
    expect(storage.capacityTb).toBe(50);
    expect(storage.usedTb).toBeGreaterThan(4.5);
    expect(storage.usedTb).toBeLessThan(5.5);
    const backup = (await lz.listBackups()).find((b) => b.item.startsWith('ML workspace configuration'))!;
    expect(backup.status).toBe('succeeded');
    expect(Date.parse(NOON) - backup.lastRunAt.getTime()).toBeLessThan(24 * HOUR);
    const cost = await lz.getCostSummary();
    expect(cost.currency).toBe('USD');
    expect(cost.todaySpend).toBeGreaterThan(0);
    expect(cost.todaySpend).toBeLessThan(cost.dailyAverage * 1.5);
    const security = await lz.listSecurityAlerts({ sinceHours: 24 * 30 });
    expect(security.length).toBeGreaterThan(5);
    expect(security.some((a) => a.severity === 'high')).toBe(false);
  });

  it('names the known endpoints and computes when asked for an unknown one', async () => {
    const { lz } = build();
    const endpoint = await rejection(lz.getEndpoint('fraud'));
    expect(endpoint).toBeInstanceOf(NotFoundError);
    expect(endpoint.message).toBe('There is no endpoint called "fraud". Known endpoints: fraud-detection.');
    const compute = await rejection(lz.getCompute('gpu cluster'));
    expect(compute).toBeInstanceOf(NotFoundError);
    expect(compute.message).toBe(
      'There is no compute called "gpu cluster". Known computes: cpu-cluster-01, gpu-cluster-01, dev-cpu-cluster-01.',
    );
    expect((await lz.getCompute('GPU-Cluster-01')).name).toBe('gpu-cluster-01');
  });
});

describe('SimulatedLandingZone scenarios', () => {
  it('lists the scenarios and which are on', () => {
    const { lz } = build({ scenarios: ['latency-degraded'] });
    const list = lz.listScenarios();
    for (const name of [
      'endpoint-503',
      'gpu-quota-exceeded',
      'training-failures',
      'latency-degraded',
      'aoai-unreachable',
    ]) {
      expect(list.find((s) => s.name === name)?.description).toBeTruthy();
    }
    expect(list.filter((s) => s.active).map((s) => s.name)).toEqual(['latency-degraded']);
  });

  it('refuses an unknown scenario, names the known ones and changes nothing', async () => {
    const { lz } = build();
    const error = await rejection(() => lz.setScenario('meteor-strike', true));
    expect(error).toBeInstanceOf(UserFacingError);
    expect(error.message).toContain('"meteor-strike"');
    expect(error.message).toContain(
      'endpoint-503, gpu-quota-exceeded, training-failures, latency-degraded, aoai-unreachable',
    );
    expect(lz.listScenarios().some((s) => s.active)).toBe(false);
    expect(() => build({ scenarios: ['nope'] })).toThrow(UserFacingError);
  });

  it('endpoint-503: fraud-detection answers with 503s, availability under 99%, AKS degraded, endpoint-down fires', async () => {
    const { lz } = build();
    const before = (await lz.getEndpoint('fraud-detection')).metrics;
    lz.setScenario('endpoint-503', true);
    const { metrics } = await lz.getEndpoint('fraud-detection');
    expect(metrics.availabilityPercent).toBeLessThan(99);
    expect(metrics.http503Count).toBeGreaterThan(before.http503Count + 50);
    const aks = (await lz.getComponentHealth()).find((c) => c.kind === 'aks')!;
    expect(aks).toMatchObject({ resource: 'aks-prod-eus2-ai-inference', state: 'degraded' });
    expect(aks.detail).toBeTruthy();
    expect(await lz.listFiringAlerts()).toEqual([
      {
        rule: 'endpoint-down',
        resource: 'fraud-detection',
        severity: 'critical',
        firedAt: new Date(NOON),
        observed: `availability ${metrics.availabilityPercent}%`,
      },
    ]);
  });

  it('gpu-quota-exceeded: the GPU family is at its limit and GPU jobs fail on quota', async () => {
    const { clock, lz } = build({ scenarios: ['gpu-quota-exceeded'] });
    const gpuQuota = (await lz.listQuotaUsage()).find((q) => q.family === GPU_FAMILY)!;
    expect(gpuQuota.used).toBe(gpuQuota.limit);
    expect(
      failedWithin(await lz.listTrainingJobs({ sinceHours: 1 }), clock.now(), HOUR).some((j) =>
        j.failureReason!.startsWith(`Quota exceeded for ${GPU_FAMILY}`),
      ),
    ).toBe(true);

    clock.advance(3 * HOUR);
    const recent = (await lz.listTrainingJobs({ sinceHours: 3 })).filter(
      (j) => j.compute === 'gpu-cluster-01' && j.startedAt.getTime() > Date.parse(NOON) + 10 * MINUTE,
    );
    expect(recent.length).toBeGreaterThan(2);
    for (const job of recent.filter((j) => j.status !== 'queued')) {
      expect(job.status).toBe('failed');
      expect(job.failureReason).toMatch(
        /^Quota exceeded for standardNCADSA100v4Family: the job needs 24 cores and 0 are free of the 96-core limit/,
      );
    }
    expect((await lz.listQuotaUsage()).find((q) => q.family === 'standardDSv5Family')!.used).toBeLessThan(
      200,
    );
  });

  it('gpu-quota-exceeded: a pre-warm cannot allocate GPU nodes while the quota is used up', async () => {
    const { clock, lz } = build({ at: DAWN, scenarios: ['gpu-quota-exceeded'] });
    await lz.setComputeScale('gpu-cluster-01', { minNodes: 1, maxNodes: 4 });
    await lz.setComputeScale('cpu-cluster-01', { minNodes: 1, maxNodes: 8 });
    clock.advance(30 * MINUTE);
    expect(await lz.getCompute('gpu-cluster-01')).toMatchObject({
      minNodes: 1,
      currentNodes: 0,
      state: 'Resizing',
    });
    expect(await lz.getCompute('cpu-cluster-01')).toMatchObject({ minNodes: 1, currentNodes: 1 });
  });

  it('training-failures: more than 5 failures in the last hour, training-failed fires with the count', async () => {
    const { clock, lz } = build();
    lz.setScenario('training-failures', true);
    for (const later of [0, 25 * MINUTE, 2 * HOUR]) {
      clock.set(new Date(Date.parse(NOON) + later));
      const failed = failedWithin(await lz.listTrainingJobs({ sinceHours: 2 }), clock.now(), HOUR);
      expect(failed.length).toBeGreaterThan(5);
      const reasons = failed.map((j) => j.failureReason!).join('\n');
      expect(reasons).toMatch(/out of memory|Image pull failed|Data access denied/);
      const alerts = await lz.listFiringAlerts();
      expect(alerts.map((a) => [a.rule, a.resource, a.observed])).toEqual([
        ['training-failed', 'aml-prod-eus2-ai-01', `${failed.length} failed jobs in the last hour`],
      ]);
    }
  });

  it('latency-degraded: P95 sits between 250 and 450 ms and high-latency fires with the reading', async () => {
    const { clock, lz } = build({ scenarios: ['latency-degraded'] });
    for (let i = 0; i < 12; i++) {
      const { metrics } = await lz.getEndpoint('fraud-detection');
      expect(metrics.p95LatencyMs).toBeGreaterThanOrEqual(250);
      expect(metrics.p95LatencyMs).toBeLessThanOrEqual(450);
      const alerts = await lz.listFiringAlerts();
      expect(alerts.map((a) => [a.rule, a.observed])).toEqual([
        ['high-latency', `P95 ${metrics.p95LatencyMs} ms`],
      ]);
      expect(alerts[0].firedAt).toEqual(new Date(NOON));
      clock.advance(17 * MINUTE);
    }
  });

  it('aoai-unreachable: Azure OpenAI is unavailable with a DNS reason, and its key cannot be checked', async () => {
    const { lz } = build({ scenarios: ['aoai-unreachable'] });
    const aoai = (await lz.getComponentHealth()).find((c) => c.kind === 'openai')!;
    expect(aoai.state).toBe('unavailable');
    expect(aoai.detail).toMatch(/private endpoint/);
    expect(aoai.detail).toMatch(/DNS/);
    const error = await rejection(
      lz.verifyAccountKey('aoai-prod-eus2-ai-01', 'kv-prod-eus2-ai-01', 'aoai-api-key'),
    );
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as UserFacingError).code).toBe('OPS-406');
  });

  it('cost-anomaly, storage-near-capacity, security-alert and backup-failed show in reads and in alerts', async () => {
    const { lz } = build({
      scenarios: ['cost-anomaly', 'storage-near-capacity', 'security-alert', 'backup-failed'],
    });
    const cost = await lz.getCostSummary();
    expect(cost.todaySpend).toBeGreaterThan(cost.dailyAverage * 1.5);
    const storage = await lz.getStorageUsage();
    expect(storage.usedTb / storage.capacityTb).toBeGreaterThan(0.8);
    const high = (await lz.listSecurityAlerts({ sinceHours: 1 })).filter((a) => a.severity === 'high');
    expect(high).toHaveLength(1);
    expect((await lz.listBackups())[0].status).toBe('failed');
    const alerts = await lz.listFiringAlerts();
    expect(alerts.map((a) => a.rule).sort()).toEqual(['cost-anomaly', 'security-alert', 'storage-capacity']);
    expect(alerts.find((a) => a.rule === 'storage-capacity')!.observed).toBe(
      `${storage.usedTb} of 50 TB used (${Math.round((storage.usedTb / 50) * 100)}%)`,
    );
    expect(alerts.find((a) => a.rule === 'security-alert')!.observed).toContain(high[0].title);
  });

  it('fires an alert exactly from the instant the metric crosses the rule', async () => {
    const { clock, lz } = build();
    clock.set(new Date(Date.parse(NOON) + 1234));
    lz.setScenario('endpoint-503', true);
    clock.set(new Date(Date.parse(NOON) + 1233));
    expect((await lz.getEndpoint('fraud-detection')).metrics.availabilityPercent).toBeGreaterThan(99);
    expect(await lz.listFiringAlerts()).toEqual([]);
    clock.set(new Date(Date.parse(NOON) + 40 * MINUTE));
    expect((await lz.listFiringAlerts())[0].firedAt).toEqual(new Date(Date.parse(NOON) + 1234));
  });

  it('fires high-latency and endpoint-down whenever, and only when, an under-provisioned endpoint crosses them', async () => {
    const { clock, lz } = build({ at: '2026-03-10T04:00:00Z' });
    await lz.setDeploymentInstances('fraud-detection', 'blue', 1);
    const seen = { latency: [false, false], availability: [false, false] };
    for (let i = 0; i < 48; i++) {
      const { metrics } = await lz.getEndpoint('fraud-detection');
      const rules = (await lz.listFiringAlerts()).map((a) => a.rule);
      const slow = metrics.p95LatencyMs > 200;
      const down = metrics.availabilityPercent < 99;
      expect(rules.includes('high-latency')).toBe(slow);
      expect(rules.includes('endpoint-down')).toBe(down);
      seen.latency[Number(slow)] = true;
      seen.availability[Number(down)] = true;
      clock.advance(30 * MINUTE);
    }
    expect(seen).toEqual({ latency: [true, true], availability: [true, true] });
  });

  it('clearing the scenarios gives the normal landing zone back', async () => {
    const all = build()
      .lz.listScenarios()
      .map((s) => s.name);
    const { lz } = build({ scenarios: all });
    expect((await lz.listFiringAlerts()).length).toBeGreaterThanOrEqual(5);
    lz.clearScenarios();
    expect(lz.listScenarios().some((s) => s.active)).toBe(false);
    expect(await readEverything(lz)).toEqual(await readEverything(build().lz));
  });
});

describe('SimulatedLandingZone changes', () => {
  it('scales a deployment, reports progress, and later reads show it', async () => {
    const { lz } = build();
    const progress: string[] = [];
    const result = await lz.setDeploymentInstances('fraud-detection', 'blue', 6, {
      onProgress: (m) => progress.push(m),
    });
    expect(result).toMatchObject({ status: 'succeeded', summary: 'blue: 3 → 6 instances' });
    expect(result.operationId).toBeTruthy();
    expect(progress[0]).toBe('Updating blue of fraud-detection: 3 → 6 instances');
    expect(progress.length).toBeGreaterThan(1);
    const endpoint = await lz.getEndpoint('fraud-detection');
    expect(endpoint.deployments.map((d) => [d.name, d.instanceCount])).toEqual([
      ['blue', 6],
      ['green', 3],
    ]);
    expect((await lz.listQuotaUsage()).find((q) => q.family === 'standardDSv2Family')!.used).toBe(36);
  });

  it('refuses unknown endpoints and deployments, bad counts and counts over quota, changing nothing', async () => {
    const { lz } = build();
    const endpoint = await rejection(lz.setDeploymentInstances('fraud', 'blue', 4));
    expect(endpoint.message).toBe('There is no endpoint called "fraud". Known endpoints: fraud-detection.');
    const deployment = await rejection(lz.setDeploymentInstances('fraud-detection', 'red', 4));
    expect(deployment).toBeInstanceOf(NotFoundError);
    expect(deployment.message).toBe('There is no deployment called "red". Known deployments: blue, green.');
    for (const bad of [0, -2, 2.5]) {
      expect(await rejection(lz.setDeploymentInstances('fraud-detection', 'blue', bad))).toBeInstanceOf(
        UserFacingError,
      );
    }
    const quota = await rejection(lz.setDeploymentInstances('fraud-detection', 'blue', 40));
    expect(quota).toBeInstanceOf(UserFacingError);
    expect(quota.message).toContain('standardDSv2Family quota');
    expect((await lz.getEndpoint('fraud-detection')).deployments[0].instanceCount).toBe(3);
  });

  it('pre-warms a cluster: the new minimum shows at once and the nodes join after the resize', async () => {
    const { clock, lz } = build({ at: DAWN });
    const result = await lz.setComputeScale('gpu-cluster-01', { minNodes: 1, maxNodes: 4 });
    expect(result.summary).toBe('gpu-cluster-01: minimum nodes 0 → 1, maximum nodes 4 → 4');
    expect(await lz.getCompute('gpu-cluster-01')).toMatchObject({
      minNodes: 1,
      currentNodes: 0,
      state: 'Resizing',
    });
    clock.advance(10 * MINUTE);
    expect(await lz.getCompute('gpu-cluster-01')).toMatchObject({
      minNodes: 1,
      currentNodes: 1,
      state: 'Steady',
    });
    expect((await lz.listQuotaUsage()).find((q) => q.family === GPU_FAMILY)!.used).toBe(24);

    await lz.setComputeScale('gpu-cluster-01', { minNodes: 0, maxNodes: 4 });
    expect(await lz.getCompute('gpu-cluster-01')).toMatchObject({ minNodes: 0, currentNodes: 0 });
    const bad = await rejection(lz.setComputeScale('gpu-cluster-01', { minNodes: 5, maxNodes: 4 }));
    expect(bad).toBeInstanceOf(UserFacingError);
    expect((await lz.getCompute('gpu-cluster-01')).minNodes).toBe(0);
  });

  it('tells to use scale settings when asked to start or stop a cluster', async () => {
    const { lz } = build();
    for (const attempt of [
      lz.startComputeInstance('cpu-cluster-01'),
      lz.stopComputeInstance('gpu-cluster-01'),
    ]) {
      const error = await rejection(attempt);
      expect(error).toBeInstanceOf(UserFacingError);
      expect(error.message).toContain('minimum nodes');
    }
    expect(await rejection(lz.startComputeInstance('nope'))).toBeInstanceOf(NotFoundError);
  });

  it('stops and starts a compute instance', async () => {
    const withInstance = LandingZoneConfig.parse({
      ...config,
      computes: [
        ...config.computes,
        {
          name: 'ci-alex',
          kind: 'computeinstance',
          vmSize: 'Standard_DS3_v2',
          vmFamily: 'standardDSv2Family',
          minNodes: 0,
          maxNodes: 1,
        },
      ],
    });
    const { clock, lz } = build({ config: withInstance });
    expect(await lz.getCompute('ci-alex')).toMatchObject({ state: 'Running', currentNodes: 1 });
    expect((await lz.stopComputeInstance('ci-alex')).summary).toBe('ci-alex: Running → Stopped');
    expect((await lz.getCompute('ci-alex')).state).toBe('Stopping');
    clock.advance(5 * MINUTE);
    expect(await lz.getCompute('ci-alex')).toMatchObject({ state: 'Stopped', currentNodes: 0 });
    expect((await lz.stopComputeInstance('ci-alex')).summary).toBe('ci-alex is already stopped');
    expect((await lz.startComputeInstance('ci-alex')).summary).toBe('ci-alex: Stopped → Running');
    clock.advance(5 * MINUTE);
    expect((await lz.getCompute('ci-alex')).state).toBe('Running');
    const scale = await rejection(lz.setComputeScale('ci-alex', { minNodes: 0, maxNodes: 1 }));
    expect(scale).toBeInstanceOf(UserFacingError);
  });

  it('rotates a key: the new value goes only to useKey, the vault stores versions, verification follows the keys', async () => {
    const { lz } = build();
    const account = 'aoai-prod-eus2-ai-01';
    const vault = 'kv-prod-eus2-ai-01';
    expect((await lz.verifyAccountKey(account, vault, 'aoai-api-key')).status).toBe('succeeded');

    const handed: string[] = [];
    const regenerated = await lz.regenerateAccountKey(account, 'key2', async (value) => {
      handed.push(value);
    });
    expect(handed).toHaveLength(1);
    expect(handed[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(regenerated.summary).toBe('key2 of aoai-prod-eus2-ai-01 regenerated: generation 1 → 2');
    expect(JSON.stringify(regenerated)).not.toContain(handed[0]);

    const stored = await lz.setSecret(vault, 'aoai-api-key', handed[0]);
    const version = /new version ([0-9a-f]{32})$/.exec(stored.summary)?.[1];
    expect(version).toBeDefined();
    expect(JSON.stringify(stored)).not.toContain(handed[0]);
    expect(await lz.verifyAccountKey(account, vault, 'aoai-api-key')).toMatchObject({
      status: 'succeeded',
      summary: expect.stringContaining('current key2'),
    });

    await lz.regenerateAccountKey(account, 'key2', async (value) => {
      handed.push(value);
    });
    const stale = await lz.verifyAccountKey(account, vault, 'aoai-api-key');
    expect(stale.status).toBe('failed');
    expect(stale.summary).toContain('matches neither key1 nor key2');

    const everything =
      JSON.stringify(await readEverything(lz)) +
      JSON.stringify(lz) +
      inspect(lz, { depth: 20, showHidden: true });
    for (const value of handed) expect(everything).not.toContain(value);
  });

  it('names what exists when a key, vault or secret is unknown, and refuses bad secrets', async () => {
    const { lz } = build();
    const account = await rejection(lz.regenerateAccountKey('aoai-dev', 'key1', async () => undefined));
    expect(account.message).toBe(
      'There is no Azure OpenAI account called "aoai-dev". Known Azure OpenAI accounts: aoai-prod-eus2-ai-01.',
    );
    const vault = await rejection(lz.setSecret('kv-dev', 'x', 'y'));
    expect(vault.message).toBe(
      'There is no key vault called "kv-dev". Known key vaults: kv-prod-eus2-ai-01.',
    );
    const secret = await rejection(
      lz.verifyAccountKey('aoai-prod-eus2-ai-01', 'kv-prod-eus2-ai-01', 'other-key'),
    );
    expect(secret.message).toBe('There is no secret called "other-key". Known secrets: aoai-api-key.');
    expect(await rejection(lz.setSecret('kv-prod-eus2-ai-01', 'bad name!', 'v'))).toBeInstanceOf(
      UserFacingError,
    );
    expect(await rejection(lz.setSecret('kv-prod-eus2-ai-01', 'aoai-api-key', ''))).toBeInstanceOf(
      UserFacingError,
    );
    expect(
      (await lz.verifyAccountKey('aoai-prod-eus2-ai-01', 'kv-prod-eus2-ai-01', 'aoai-api-key')).status,
    ).toBe('succeeded');
  });
});
