import type { LandingZoneConfig } from '../../core/config/landing-zone.schema';
import type { ManualClock } from '../../core/clock';
import type { LandingZone, OperationResult, ScenarioControl } from '../../core/ports';
import { loadShippedConfig } from '../helpers/landing-zone-config';

/** One implementation of the port under test, with the state behind it. */
export interface ContractSubject {
  landingZone: LandingZone;
  /** The scenario switches of the state behind it (the simulator, directly or behind the fake server). */
  scenarios: ScenarioControl;
  clock: ManualClock;
  close?: () => Promise<void>;
}

/** The instant every contract test starts at: a Wednesday afternoon, outside any blackout. */
export const contractStart = '2026-01-14T15:00:00Z';

/** The shipped config plus one compute instance, so start/stop have something to act on. */
export function contractConfig(): LandingZoneConfig {
  const config = loadShippedConfig();
  config.computes.push({
    name: 'ci-ops-01',
    kind: 'computeinstance',
    vmSize: 'Standard_DS3_v2',
    vmFamily: 'standardDSv2Family',
    minNodes: 0,
    maxNodes: 1,
    aliases: [],
  });
  return config;
}

async function rejection(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected the call to fail');
}

/**
 * The assertions every `LandingZone` implementation must pass. Run against the simulator directly
 * and against the Azure adapter through the fake ARM server, so the two cannot drift apart.
 */
export function landingZoneContract(
  label: string,
  create: (config: LandingZoneConfig) => Promise<ContractSubject>,
): void {
  describe(`LandingZone contract: ${label}`, () => {
    let config: LandingZoneConfig;
    let subject: ContractSubject;
    let lz: LandingZone;

    beforeEach(async () => {
      config = contractConfig();
      subject = await create(config);
      lz = subject.landingZone;
    });

    afterEach(async () => {
      await subject.close?.();
    });

    it('reports the health of every configured component', async () => {
      const health = await lz.getComponentHealth();
      expect(health.map((h) => h.resource).sort()).toEqual(config.components.map((c) => c.name).sort());
      for (const h of health) {
        expect(['available', 'degraded', 'unavailable', 'unknown']).toContain(h.state);
        expect(config.components.find((c) => c.name === h.resource)?.kind).toBe(h.kind);
      }
    });

    it('shows an unreachable Azure OpenAI account as not available, with a reason', async () => {
      subject.scenarios.setScenario('aoai-unreachable', true);
      subject.clock.advance(10 * 60_000);
      const aoai = (await lz.getComponentHealth()).find((h) => h.kind === 'openai')!;
      expect(aoai.state).not.toBe('available');
      expect(aoai.detail).toMatch(/\w+/);
    });

    it('describes an endpoint with its configured deployments and sane metrics', async () => {
      const endpoint = await lz.getEndpoint('fraud-detection');
      const configured = config.endpoints[0];
      expect(endpoint.name).toBe('fraud-detection');
      const deployments = [...endpoint.deployments].sort((a, b) => a.name.localeCompare(b.name));
      expect(deployments.map((d) => [d.name, d.instanceCount, d.vmSize, d.trafficPercent])).toEqual(
        [...configured.deployments]
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((d) => [d.name, d.instances, d.vmSize, d.trafficPercent]),
      );
      expect(endpoint.scoringUri).toMatch(/^https:\/\//);
      expect(endpoint.metrics.p95LatencyMs).toBeGreaterThan(0);
      expect(endpoint.metrics.requestsPerMinute).toBeGreaterThan(0);
      expect(endpoint.metrics.availabilityPercent).toBeGreaterThanOrEqual(0);
      expect(endpoint.metrics.availabilityPercent).toBeLessThanOrEqual(100);
      expect(endpoint.metrics.errorRatePercent).toBeGreaterThanOrEqual(0);
    });

    it('answers an unknown endpoint with OPS-401 naming it', async () => {
      const error = await rejection(lz.getEndpoint('no-such-endpoint'));
      expect(error.code).toBe('OPS-401');
      expect(error.message).toContain('"no-such-endpoint"');
    });

    it('describes a cluster as configured', async () => {
      const gpu = await lz.getCompute('gpu-cluster-01');
      expect(gpu).toMatchObject({
        name: 'gpu-cluster-01',
        kind: 'amlcompute',
        vmSize: 'Standard_NC24ads_A100_v4',
        vmFamily: 'standardNCADSA100v4Family',
        minNodes: 0,
        maxNodes: 4,
      });
      expect(gpu.currentNodes).toBeGreaterThanOrEqual(0);
      expect(gpu.currentNodes).toBeLessThanOrEqual(4);
      expect(gpu.runningJobs).toBeGreaterThanOrEqual(0);
      expect(gpu.utilisationPercent).toBeGreaterThanOrEqual(0);
      expect(gpu.utilisationPercent).toBeLessThanOrEqual(100);
    });

    it('lists every configured compute, and answers an unknown one with OPS-401', async () => {
      const computes = await lz.listComputes();
      expect(computes.map((c) => c.name).sort()).toEqual(config.computes.map((c) => c.name).sort());
      const error = await rejection(lz.getCompute('tpu-cluster-99'));
      expect(error.code).toBe('OPS-401');
      expect(error.message).toContain('"tpu-cluster-99"');
    });

    it('lists quota usage for the cluster VM families, never above the limit', async () => {
      const quota = await lz.listQuotaUsage();
      for (const family of config.computes.filter((c) => c.kind === 'amlcompute').map((c) => c.vmFamily)) {
        expect(quota.map((q) => q.family)).toContain(family);
      }
      for (const q of quota) {
        expect(q.limit).toBeGreaterThan(0);
        expect(q.used).toBeGreaterThanOrEqual(0);
        expect(q.used).toBeLessThanOrEqual(q.limit);
        expect(q.unit).toBe('cores');
      }
    });

    it('lists training jobs on configured clusters, failed ones with a reason', async () => {
      subject.scenarios.setScenario('training-failures', true);
      subject.clock.advance(2 * 60 * 60_000);
      const jobs = await lz.listTrainingJobs({ sinceHours: 24 });
      expect(jobs.length).toBeGreaterThan(0);
      expect(new Set(jobs.map((j) => j.id)).size).toBe(jobs.length);
      const failed = jobs.filter((j) => j.status === 'failed');
      expect(failed.length).toBeGreaterThan(0);
      for (const j of failed) expect(j.failureReason).toMatch(/\w+/);
      for (const j of jobs) {
        expect(config.computes.map((c) => c.name)).toContain(j.compute);
        expect(['queued', 'running', 'completed', 'failed', 'canceled']).toContain(j.status);
      }
    });

    it('lists firing alerts by configured rule id', async () => {
      subject.scenarios.setScenario('endpoint-503', true);
      subject.clock.advance(15 * 60_000);
      const alerts = await lz.listFiringAlerts();
      expect(alerts.length).toBeGreaterThan(0);
      for (const a of alerts) {
        expect(config.alertRules.map((r) => r.id)).toContain(a.rule);
        expect(a.observed).toMatch(/\w+/);
      }
    });

    it('lists a high-severity security alert while one is raised', async () => {
      subject.scenarios.setScenario('security-alert', true);
      subject.clock.advance(15 * 60_000);
      const alerts = await lz.listSecurityAlerts({ sinceHours: 24 });
      expect(alerts.some((a) => a.severity === 'high' && a.title.length > 0)).toBe(true);
    });

    it('reports cost, backups and storage', async () => {
      const cost = await lz.getCostSummary();
      expect(cost.currency).toMatch(/^[A-Z]{3}$/);
      expect(cost.dailyAverage).toBeGreaterThan(0);
      expect(cost.todaySpend).toBeGreaterThanOrEqual(0);
      const backups = await lz.listBackups();
      expect(backups.length).toBeGreaterThan(0);
      for (const b of backups) expect(['succeeded', 'failed', 'running']).toContain(b.status);
      const storage = await lz.getStorageUsage();
      expect(storage.account).toBe('stprodeus2aidatalake');
      expect(storage.usedTb).toBeGreaterThan(0);
      expect(storage.usedTb).toBeLessThanOrEqual(storage.capacityTb);
    });

    it('sets a deployment instance count, reports progress, and later reads show it', async () => {
      const progress: string[] = [];
      const result = await lz.setDeploymentInstances('fraud-detection', 'blue', 5, {
        onProgress: (m) => progress.push(m),
      });
      expect(result.status).toBe('succeeded');
      expect(result.summary).toMatch(/3 \S+ 5/);
      expect(result.operationId).toMatch(/\w+/);
      expect(progress.length).toBeGreaterThan(0);
      const blue = (await lz.getEndpoint('fraud-detection')).deployments.find((d) => d.name === 'blue');
      expect(blue?.instanceCount).toBe(5);
    });

    it('refuses zero instances and an unknown deployment, changing nothing', async () => {
      expect((await rejection(lz.setDeploymentInstances('fraud-detection', 'blue', 0))).code).toBe('OPS-202');
      const unknown = await rejection(lz.setDeploymentInstances('fraud-detection', 'purple', 4));
      expect(unknown.code).toBe('OPS-401');
      expect(unknown.message).toContain('"purple"');
      const blue = (await lz.getEndpoint('fraud-detection')).deployments.find((d) => d.name === 'blue');
      expect(blue?.instanceCount).toBe(3);
    });

    it('pre-warms a cluster and scales it back to zero through its scale settings', async () => {
      const warm = await lz.setComputeScale('gpu-cluster-01', { minNodes: 1, maxNodes: 4 });
      expect(warm.status).toBe('succeeded');
      expect((await lz.getCompute('gpu-cluster-01')).minNodes).toBe(1);
      const cold = await lz.setComputeScale('gpu-cluster-01', { minNodes: 0, maxNodes: 4 });
      expect(cold.status).toBe('succeeded');
      expect((await lz.getCompute('gpu-cluster-01')).minNodes).toBe(0);
    });

    it('refuses impossible scale settings and scale settings on a compute instance', async () => {
      expect((await rejection(lz.setComputeScale('cpu-cluster-01', { minNodes: 5, maxNodes: 2 }))).code).toBe(
        'OPS-202',
      );
      expect((await lz.getCompute('cpu-cluster-01')).minNodes).toBe(0);
      expect((await rejection(lz.setComputeScale('ci-ops-01', { minNodes: 0, maxNodes: 1 }))).code).toBe(
        'OPS-202',
      );
    });

    it('stops and starts a compute instance', async () => {
      const stopped = await lz.stopComputeInstance('ci-ops-01');
      expect(stopped.status).toBe('succeeded');
      subject.clock.advance(5 * 60_000);
      expect((await lz.getCompute('ci-ops-01')).state).toBe('Stopped');
      const started = await lz.startComputeInstance('ci-ops-01');
      expect(started.status).toBe('succeeded');
      subject.clock.advance(5 * 60_000);
      expect((await lz.getCompute('ci-ops-01')).state).toBe('Running');
    });

    it('refuses to start or stop a cluster', async () => {
      expect((await rejection(lz.startComputeInstance('cpu-cluster-01'))).code).toBe('OPS-202');
      expect((await rejection(lz.stopComputeInstance('gpu-cluster-01'))).code).toBe('OPS-202');
    });

    it('rotates a key: regenerate, store, verify; a wrong stored key fails verification', async () => {
      const secret = config.secrets[0];
      let seen = '';
      const results: OperationResult[] = [];
      results.push(
        await lz.regenerateAccountKey(secret.account, 'key2', async (value) => {
          seen = value;
          results.push(await lz.setSecret(secret.vault, secret.name, value));
        }),
      );
      expect(seen.length).toBeGreaterThan(8);
      const verified = await lz.verifyAccountKey(secret.account, secret.vault, secret.name);
      expect(verified.status).toBe('succeeded');
      results.push(verified);
      for (const r of results) {
        expect(r.status).toBe('succeeded');
        expect(JSON.stringify(r)).not.toContain(seen);
      }
      await lz.setSecret(secret.vault, secret.name, 'not-the-account-key');
      const rejected = await lz.verifyAccountKey(secret.account, secret.vault, secret.name);
      expect(rejected.status).toBe('failed');
      expect(rejected.summary).not.toContain('not-the-account-key');
    });

    it('answers an unknown account with OPS-401 and never calls useKey', async () => {
      let called = false;
      const error = await rejection(
        lz.regenerateAccountKey('aoai-nowhere', 'key1', async () => {
          called = true;
        }),
      );
      expect(error.code).toBe('OPS-401');
      expect(called).toBe(false);
    });
  });
}
