import { randomBytes } from 'node:crypto';
import type { ComputeConfig, EndpointConfig, LandingZoneConfig } from '../../core/config/landing-zone.schema';
import { ErrorCodes, NotFoundError, UserFacingError } from '../../core/errors';
import { assertValidComputeScale } from '../../core/compute-scale';
import type {
  BackupStatus,
  ChangeOptions,
  Clock,
  ComponentHealth,
  ComputeStatus,
  CostSummary,
  EndpointMetrics,
  EndpointStatus,
  FiringAlert,
  LandingZone,
  OperationResult,
  QuotaUsage,
  ScenarioControl,
  SecurityAlert,
  StorageUsage,
  TrainingJob,
} from '../../core/ports';
import { DAY_MS, HOUR_MS, LocalTime, MINUTE_MS } from './local-time';
import { ScenarioBoard } from './scenarios';
import { evaluateAlertRules, type AlertReadings } from './simulated-alert-rules';
import { SeededRandom } from './seeded-random';
import { Timeline } from './timeline';
import {
  LONGEST_JOB_MS,
  TrainingJobHistory,
  type JobScenarioEffects,
  type PlannedJob,
} from './training-job-history';
import { vmSizeInfo } from '../../core/vm-sizes';

/** Options of the simulated landing zone. */
export interface SimulatedLandingZoneOptions {
  /** The landing zone to simulate: every component, compute, endpoint and secret in it. */
  config: LandingZoneConfig;
  clock: Clock;
  /** Seed of every simulated reading: the same seed and instant give the same readings. Default 1. */
  seed?: number;
  /** Scenarios switched on from the start, by name; an unknown name throws `UserFacingError`. */
  scenarios?: string[];
}

/** Storage capacity and use of the data lake (handover: 5 TB used of 50 TB). */
const DATA_LAKE_CAPACITY_TB = 50;
const DATA_LAKE_USED_TB = 5;
const METRICS_WINDOW_MINUTES = 5;
/** Requests per minute one vCPU of a scoring instance serves before latency climbs. */
const RPM_PER_CORE = 150;
interface AccountKeys {
  key1: string;
  key2: string;
  generation: { key1: number; key2: number };
}

/**
 * The embedded landing zone (demo, training, what-if): every resource of the config with readings
 * that follow a daily cycle plus seeded noise, named fault scenarios, and change operations that
 * really change what later reads show. Change operations complete at once; `waitBudgetInMs` is
 * never reached. Names are canonical names (the router resolves aliases), matched without regard
 * to case. Start and stop apply to compute instances only: a cluster has no start or stop in Azure
 * ML, so for one they answer with a `UserFacingError` that points to its scale settings.
 */
export class SimulatedLandingZone implements LandingZone, ScenarioControl {
  readonly simulated = true;

  private readonly config: LandingZoneConfig;
  private readonly clock: Clock;
  private readonly random: SeededRandom;
  private readonly localTime: LocalTime;
  private readonly scenarios = new ScenarioBoard();
  private readonly jobHistory: TrainingJobHistory;
  private readonly deploymentInstances = new Map<string, Timeline<number>>();
  private readonly clusterScale = new Map<string, Timeline<{ minNodes: number; maxNodes: number }>>();
  private readonly instanceRunning = new Map<string, Timeline<boolean>>();
  private readonly quotaLimits = new Map<string, number>();
  private operationCount = 0;
  private readonly readings: AlertReadings = {
    endpointMetricsAt: (endpoint, t) => this.endpointMetricsAt(endpoint, t),
    failedJobEnds: (from, to) =>
      this.jobPlans(from - LONGEST_JOB_MS, to)
        .filter((p) => p.outcome === 'failed' && p.endAt >= from && p.endAt <= to)
        .map((p) => p.endAt),
    costAt: (t) => this.costAt(t),
    storageAt: (t) => this.storageAt(t),
    securityAlertsBetween: (from, to) => this.securityAlertsBetween(from, to),
  };
  readonly #accountKeys = new Map<string, AccountKeys>();
  /** Secret versions by `vault/name` (lower case), newest last. */
  readonly #secrets = new Map<
    string,
    { vault: string; name: string; versions: { id: string; value: string }[] }
  >();

  constructor(options: SimulatedLandingZoneOptions) {
    this.config = options.config;
    this.clock = options.clock;
    this.random = new SeededRandom(options.seed ?? 1);
    this.localTime = new LocalTime(this.config.changePolicy.productionWindow.timeZone);
    this.jobHistory = new TrainingJobHistory({
      random: this.random,
      localTime: this.localTime,
      clusters: this.config.computes
        .filter((c) => c.kind === 'amlcompute')
        .map((c) => ({
          name: c.name,
          vmFamily: c.vmFamily,
          cores: vmSizeInfo(c.vmSize).cores,
          gpu: vmSizeInfo(c.vmSize).gpu,
        })),
      registry: this.componentName('container-registry') ?? 'registry',
      dataLake: this.componentName('data-lake') ?? 'datalake',
    });
    for (const endpoint of this.config.endpoints) {
      for (const deployment of endpoint.deployments) {
        this.deploymentInstances.set(
          `${endpoint.name}/${deployment.name}`,
          new Timeline(deployment.instances),
        );
      }
    }
    for (const compute of this.config.computes) {
      if (compute.kind === 'amlcompute') {
        this.clusterScale.set(
          compute.name,
          new Timeline({ minNodes: compute.minNodes, maxNodes: compute.maxNodes }),
        );
      } else {
        this.instanceRunning.set(compute.name, new Timeline(true));
      }
    }
    this.computeQuotaLimits();
    for (const account of this.accountNames()) {
      this.#accountKeys.set(account, { key1: newKey(), key2: newKey(), generation: { key1: 1, key2: 1 } });
    }
    for (const secret of this.config.secrets) {
      const value = this.#accountKeys.get(secret.account)?.key1 ?? newKey();
      this.#secrets.set(secretKey(secret.vault, secret.name), {
        vault: secret.vault,
        name: secret.name,
        versions: [{ id: newVersionId(), value }],
      });
    }
    const start = this.now();
    for (const name of options.scenarios ?? []) this.scenarios.set(name, true, start);
  }

  // ---- ScenarioControl ----

  listScenarios(): { name: string; description: string; active: boolean }[] {
    return this.scenarios.list();
  }

  setScenario(name: string, active: boolean): void {
    this.scenarios.set(name, active, this.now());
  }

  clearScenarios(): void {
    this.scenarios.clear();
  }

  // ---- reads ----

  async getComponentHealth(): Promise<ComponentHealth[]> {
    const now = this.now();
    const checkedAt = new Date(now);
    return this.config.components.map((component): ComponentHealth => {
      if (component.kind === 'aks' && this.scenarios.affects('endpoint-503', now)) {
        return {
          resource: component.name,
          kind: component.kind,
          state: 'degraded',
          detail: '2 of 3 inference nodes are NotReady and scoring pods keep restarting',
          checkedAt,
        };
      }
      if (component.kind === 'openai' && this.scenarios.affects('aoai-unreachable', now)) {
        return {
          resource: component.name,
          kind: component.kind,
          state: 'unavailable',
          detail: `private endpoint not resolving: DNS has no private address for ${component.name}.openai.azure.com`,
          checkedAt,
        };
      }
      return { resource: component.name, kind: component.kind, state: 'available', checkedAt };
    });
  }

  async listTrainingJobs(options: { sinceHours: number }): Promise<TrainingJob[]> {
    const hours = this.checkHours(options.sinceHours);
    const now = this.now();
    const since = now - hours * HOUR_MS;
    return this.jobsAt(now, since - LONGEST_JOB_MS)
      .filter((job) => (job.endedAt?.getTime() ?? now) >= since)
      .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
  }

  async getEndpoint(name: string): Promise<EndpointStatus> {
    const endpoint = this.endpointConfig(name);
    const now = this.now();
    return {
      name: endpoint.name,
      state: 'Succeeded',
      scoringUri: `https://${endpoint.name}.${this.config.landingZone.location}.inference.ml.azure.com/score`,
      deployments: endpoint.deployments.map((d) => ({
        name: d.name,
        state: 'Succeeded',
        instanceCount: this.instancesAt(endpoint.name, d.name, now),
        vmSize: d.vmSize,
        trafficPercent: d.trafficPercent,
      })),
      metrics: this.endpointMetricsAt(endpoint, now),
    };
  }

  async getCompute(name: string): Promise<ComputeStatus> {
    const compute = this.computeConfig(name);
    const now = this.now();
    return this.computeAt(compute, now, this.jobsAt(now, now - LONGEST_JOB_MS));
  }

  async listComputes(): Promise<ComputeStatus[]> {
    const now = this.now();
    const jobs = this.jobsAt(now, now - LONGEST_JOB_MS);
    return this.config.computes.map((c) => this.computeAt(c, now, jobs));
  }

  async listQuotaUsage(): Promise<QuotaUsage[]> {
    const now = this.now();
    const jobs = this.jobsAt(now, now - LONGEST_JOB_MS);
    const used = new Map<string, number>([...this.quotaLimits.keys()].map((family) => [family, 0]));
    const add = (family: string | undefined, cores: number) => {
      if (family && used.has(family)) used.set(family, used.get(family)! + cores);
    };
    for (const compute of this.config.computes) {
      add(
        compute.vmFamily,
        this.computeAt(compute, now, jobs).currentNodes * vmSizeInfo(compute.vmSize).cores,
      );
    }
    for (const endpoint of this.config.endpoints) {
      for (const d of endpoint.deployments) {
        const size = vmSizeInfo(d.vmSize);
        add(size.family, this.instancesAt(endpoint.name, d.name, now) * size.cores);
      }
    }
    const exhausted = this.scenarios.affects('gpu-quota-exceeded', now) ? this.gpuFamily() : undefined;
    return [...this.quotaLimits].map(([family, limit]) => ({
      family,
      used: family === exhausted ? limit : used.get(family)!,
      limit,
      unit: 'cores',
    }));
  }

  async listFiringAlerts(): Promise<FiringAlert[]> {
    return evaluateAlertRules(this.config, this.readings, this.now());
  }

  async listSecurityAlerts(options: { sinceHours: number }): Promise<SecurityAlert[]> {
    const hours = this.checkHours(options.sinceHours);
    const now = this.now();
    return this.securityAlertsBetween(now - hours * HOUR_MS, now);
  }

  async getCostSummary(): Promise<CostSummary> {
    return this.costAt(this.now());
  }

  async listBackups(): Promise<BackupStatus[]> {
    const now = this.now();
    const workspace = this.config.landingZone.workspace;
    const day = this.localTime.dayIndex(now);
    const backupStart = (d: number) => this.localTime.at(d, 90 + this.random.between(0, 5, 'backup', d));
    const lastDay = backupStart(day) <= now ? day : day - 1;
    const lastStart = backupStart(lastDay);
    const running = now < lastStart + this.random.between(20, 35, 'backup-duration', lastDay) * MINUTE_MS;
    const configStatus: BackupStatus['status'] = this.scenarios.affects('backup-failed', now)
      ? 'failed'
      : running
        ? 'running'
        : 'succeeded';

    const syncSlot = 15 * MINUTE_MS;
    const syncAt = (slot: number) =>
      slot * syncSlot + this.random.between(0, 3, 'replication', slot) * MINUTE_MS;
    let slot = Math.floor(now / syncSlot);
    if (syncAt(slot) > now) slot--;

    let registration = day;
    const registrationAt = (d: number) =>
      this.localTime.at(d, 15 * 60 + this.random.between(0, 90, 'model', d));
    while (registration > day - 7 && (this.isWeekendDay(registration) || registrationAt(registration) > now))
      registration--;

    return [
      {
        item: `ML workspace configuration (${workspace}), daily`,
        lastRunAt: new Date(lastStart),
        status: configStatus,
      },
      {
        item: `Training data GRS replication (${this.componentName('data-lake') ?? 'data lake'})`,
        lastRunAt: new Date(syncAt(slot)),
        status: 'succeeded',
      },
      {
        item: `Model registry (${workspace}), on registration`,
        lastRunAt: new Date(registrationAt(registration)),
        status: 'succeeded',
      },
    ];
  }

  async getStorageUsage(): Promise<StorageUsage> {
    return this.storageAt(this.now());
  }

  // ---- changes ----

  async setDeploymentInstances(
    endpoint: string,
    deployment: string,
    instances: number,
    options?: ChangeOptions,
  ): Promise<OperationResult> {
    const endpointConfig = this.endpointConfig(endpoint);
    const deploymentConfig = findByName(endpointConfig.deployments, deployment);
    if (!deploymentConfig) {
      throw new NotFoundError(
        'deployment',
        deployment,
        endpointConfig.deployments.map((d) => d.name),
      );
    }
    if (!Number.isInteger(instances) || instances < 1) {
      throw new UserFacingError(
        ErrorCodes.invalidArguments,
        `An online deployment needs a whole number of instances, at least 1 (got ${instances}).`,
      );
    }
    const now = this.now();
    const timeline = this.deploymentInstances.get(`${endpointConfig.name}/${deploymentConfig.name}`)!;
    const before = timeline.at(now);
    const size = vmSizeInfo(deploymentConfig.vmSize);
    if (size.family) {
      const usage = (await this.listQuotaUsage()).find((q) => q.family === size.family);
      const needed = (instances - before) * size.cores;
      if (usage && needed > 0 && usage.used + needed > usage.limit) {
        throw new UserFacingError(
          ErrorCodes.azureConflict,
          `Not enough ${size.family} quota for ${instances} instances of ${deploymentConfig.name}: that needs ${needed} more cores and ${usage.limit - usage.used} of ${usage.limit} are free.`,
        );
      }
    }
    const progress = options?.onProgress;
    const label = `${deploymentConfig.name} of ${endpointConfig.name}`;
    progress?.(`Updating ${label}: ${before} → ${instances} instances`);
    if (instances > before)
      progress?.(`Provisioning ${instances - before} new ${deploymentConfig.vmSize} instance(s)`);
    if (instances < before) progress?.(`Draining and removing ${before - instances} instance(s)`);
    timeline.set(now, instances);
    progress?.(`${label} has ${instances} instances running`);
    return this.done(
      `${deploymentConfig.name}: ${before} → ${instances} instances${before === instances ? ' (no change)' : ''}`,
    );
  }

  async setComputeScale(
    cluster: string,
    scale: { minNodes: number; maxNodes: number },
    options?: ChangeOptions,
  ): Promise<OperationResult> {
    const compute = this.computeConfig(cluster);
    if (compute.kind !== 'amlcompute') {
      throw new UserFacingError(
        ErrorCodes.invalidArguments,
        `${compute.name} is a compute instance, which has no scale settings: start or stop it instead.`,
      );
    }
    assertValidComputeScale(scale);
    const { minNodes, maxNodes } = scale;
    const now = this.now();
    const timeline = this.clusterScale.get(compute.name)!;
    const before = timeline.at(now);
    const nodes = this.computeAt(compute, now, this.jobsAt(now, now - LONGEST_JOB_MS)).currentNodes;
    const progress = options?.onProgress;
    progress?.(
      `Updating scale settings of ${compute.name}: minimum ${before.minNodes} → ${minNodes}, maximum ${before.maxNodes} → ${maxNodes} nodes`,
    );
    if (minNodes > nodes)
      progress?.(`Allocating ${minNodes - nodes} ${compute.vmSize} node(s); they join over the next minutes`);
    if (minNodes < before.minNodes) progress?.('Idle nodes above the new minimum will be released');
    timeline.set(now, { minNodes, maxNodes });
    return this.done(
      `${compute.name}: minimum nodes ${before.minNodes} → ${minNodes}, maximum nodes ${before.maxNodes} → ${maxNodes}`,
    );
  }

  async startComputeInstance(name: string, options?: ChangeOptions): Promise<OperationResult> {
    return this.switchComputeInstance(name, true, options);
  }

  async stopComputeInstance(name: string, options?: ChangeOptions): Promise<OperationResult> {
    return this.switchComputeInstance(name, false, options);
  }

  async regenerateAccountKey(
    account: string,
    keyName: 'key1' | 'key2',
    useKey: (value: string) => Promise<void>,
  ): Promise<OperationResult> {
    const canonical = this.accountName(account);
    if (keyName !== 'key1' && keyName !== 'key2') {
      throw new UserFacingError(
        ErrorCodes.invalidArguments,
        `A key name is key1 or key2 (got "${String(keyName)}").`,
      );
    }
    const keys = this.#accountKeys.get(canonical)!;
    const before = keys.generation[keyName];
    keys[keyName] = newKey();
    keys.generation[keyName] = before + 1;
    await useKey(keys[keyName]);
    return this.done(`${keyName} of ${canonical} regenerated: generation ${before} → ${before + 1}`);
  }

  async setSecret(vault: string, name: string, value: string): Promise<OperationResult> {
    const vaultName = this.vaultName(vault);
    if (!/^[0-9a-zA-Z-]{1,127}$/.test(name)) {
      throw new UserFacingError(
        ErrorCodes.invalidArguments,
        `"${name}" is not a valid secret name: use 1–127 letters, digits and dashes.`,
      );
    }
    if (typeof value !== 'string' || value.length === 0) {
      throw new UserFacingError(
        ErrorCodes.invalidArguments,
        `The value for secret ${name} is empty; nothing was stored.`,
      );
    }
    const key = secretKey(vaultName, name);
    const secret = this.#secrets.get(key) ?? { vault: vaultName, name, versions: [] };
    const version = newVersionId();
    secret.versions.push({ id: version, value });
    this.#secrets.set(key, secret);
    return this.done(`${secret.name} in ${vaultName}: new version ${version}`);
  }

  async verifyAccountKey(account: string, vault: string, secretName: string): Promise<OperationResult> {
    const canonical = this.accountName(account);
    const vaultName = this.vaultName(vault);
    const secret = this.#secrets.get(secretKey(vaultName, secretName));
    if (!secret) {
      throw new NotFoundError(
        'secret',
        secretName,
        [...this.#secrets.values()].filter((s) => s.vault === vaultName).map((s) => s.name),
      );
    }
    if (this.isOpenAiAccount(canonical) && this.scenarios.affects('aoai-unreachable', this.now())) {
      throw new UserFacingError(
        ErrorCodes.azureUnavailable,
        `${canonical} cannot be reached: its private endpoint does not resolve in DNS, so the key could not be checked.`,
      );
    }
    const keys = this.#accountKeys.get(canonical)!;
    const stored = secret.versions[secret.versions.length - 1].value;
    const matching = stored === keys.key1 ? 'key1' : stored === keys.key2 ? 'key2' : undefined;
    const where = `${vaultName}/${secret.name}`;
    if (!matching) {
      return this.done(
        `${canonical} rejects the key in ${where} (HTTP 401): it matches neither key1 nor key2`,
        'failed',
      );
    }
    return this.done(`${canonical} accepts the key in ${where} (it is the current ${matching})`);
  }

  // ---- the model ----

  private now(): number {
    return this.clock.now().getTime();
  }

  private done(summary: string, status: OperationResult['status'] = 'succeeded'): OperationResult {
    this.operationCount += 1;
    return { operationId: `sim-op-${String(this.operationCount).padStart(6, '0')}`, status, summary };
  }

  private async switchComputeInstance(
    name: string,
    running: boolean,
    options?: ChangeOptions,
  ): Promise<OperationResult> {
    const compute = this.computeConfig(name);
    if (compute.kind !== 'computeinstance') {
      throw new UserFacingError(
        ErrorCodes.invalidArguments,
        `${compute.name} is a compute cluster, which is not started or stopped: change its minimum nodes instead (above 0 to pre-warm, 0 to scale to zero).`,
      );
    }
    const now = this.now();
    const timeline = this.instanceRunning.get(compute.name)!;
    const word = (on: boolean) => (on ? 'Running' : 'Stopped');
    if (timeline.at(now) === running)
      return this.done(`${compute.name} is already ${word(running).toLowerCase()}`);
    options?.onProgress?.(`${running ? 'Starting' : 'Stopping'} ${compute.name}`);
    timeline.set(now, running);
    return this.done(`${compute.name}: ${word(!running)} → ${word(running)}`);
  }

  private endpointMetricsAt(endpoint: EndpointConfig, t: number): EndpointMetrics {
    const r = this.random;
    const name = endpoint.name;
    const rpm =
      r.between(700, 1300, 'rpm', name) *
      (0.22 + 0.78 * this.localTime.workActivity(t)) *
      (1 + 0.08 * r.smooth(t, 20 * MINUTE_MS, 'rpm', name));
    let p95 = 0;
    let overloadShare = 0;
    let served = 0;
    for (const d of endpoint.deployments) {
      if (d.trafficPercent <= 0) continue;
      const share = d.trafficPercent / 100;
      const capacity = this.instancesAt(name, d.name, t) * vmSizeInfo(d.vmSize).cores * RPM_PER_CORE;
      const load = capacity > 0 ? (rpm * share) / capacity : 10;
      let latency = 61 + 26 * Math.min(load, 1) + 4 * r.smooth(t, 30 * MINUTE_MS, 'p95', name, d.name);
      if (load > 1) latency += Math.min(20_000, 600 * (load - 1) ** 1.5);
      p95 += latency * share;
      overloadShare += (load > 1.15 ? Math.min(0.9, (load - 1.15) * 0.4) : 0) * share;
      served += share;
    }
    if (served > 0) {
      p95 /= served;
      overloadShare /= served;
    }
    const baseErrors = 0.035 + 0.02 * r.smooth(t, 45 * MINUTE_MS, 'errors', name);
    let errorPercent = baseErrors + overloadShare * 100;
    let share503Percent = baseErrors * 0.3 + overloadShare * 100;
    if (this.scenarios.affects('latency-degraded', t)) {
      p95 = 350 + 95 * r.smooth(t, 40 * MINUTE_MS, 'degraded', name);
      errorPercent += 0.12;
    }
    if (name === this.failingEndpoint() && this.scenarios.affects('endpoint-503', t)) {
      const extra = 2.4 + 0.8 * r.smooth(t, 15 * MINUTE_MS, 'http-503', name);
      errorPercent += extra;
      share503Percent += extra;
      p95 += 25;
    }
    const errorRatePercent = round(Math.min(100, errorPercent), 3);
    return {
      windowMinutes: METRICS_WINDOW_MINUTES,
      requestsPerMinute: Math.round(rpm),
      p95LatencyMs: Math.round(p95),
      errorRatePercent,
      availabilityPercent: round(100 - errorRatePercent, 3),
      http503Count: Math.round((rpm * METRICS_WINDOW_MINUTES * Math.min(100, share503Percent)) / 100),
    };
  }

  private computeAt(compute: ComputeConfig, t: number, jobs: TrainingJob[]): ComputeStatus {
    const size = vmSizeInfo(compute.vmSize);
    const common = {
      name: compute.name,
      kind: compute.kind,
      vmSize: compute.vmSize,
      vmFamily: compute.vmFamily,
    };
    if (compute.kind === 'computeinstance') {
      const timeline = this.instanceRunning.get(compute.name)!;
      const running = timeline.at(t);
      const changed = timeline.changedAt(t);
      const recent = changed !== undefined && t - changed < (running ? 2 : 1) * MINUTE_MS;
      return {
        ...common,
        state: running ? (recent ? 'Starting' : 'Running') : recent ? 'Stopping' : 'Stopped',
        currentNodes: running ? 1 : 0,
        minNodes: compute.minNodes,
        maxNodes: compute.maxNodes,
        runningJobs: 0,
        utilisationPercent: running
          ? Math.round(20 + 12 * this.random.smooth(t, HOUR_MS, 'util', compute.name))
          : 0,
      };
    }
    const timeline = this.clusterScale.get(compute.name)!;
    const scale = timeline.at(t);
    const resizeMs = (size.gpu ? 8 : 3) * MINUTE_MS;
    let effectiveMin = Math.min(scale.minNodes, timeline.at(t - resizeMs).minNodes);
    const quotaSince = this.scenarios.activeSince('gpu-quota-exceeded');
    if (quotaSince !== undefined && quotaSince <= t && compute.vmFamily === this.gpuFamily()) {
      effectiveMin = Math.min(effectiveMin, timeline.at(quotaSince - 1).minNodes);
    }
    const running = jobs.filter((j) => j.compute === compute.name && j.status === 'running');
    const nodes = Math.min(scale.maxNodes, Math.max(effectiveMin, running.length));
    const growing =
      effectiveMin < scale.minNodes || running.some((j) => t - j.startedAt.getTime() < resizeMs);
    const busy = nodes > 0 ? running.length / nodes : 0;
    const load = (size.gpu ? 72 : 55) + 15 * this.random.smooth(t, 30 * MINUTE_MS, 'util', compute.name);
    return {
      ...common,
      state: growing ? 'Resizing' : 'Steady',
      currentNodes: nodes,
      minNodes: scale.minNodes,
      maxNodes: scale.maxNodes,
      runningJobs: running.length,
      utilisationPercent: nodes > 0 ? Math.round(busy * load + (1 - busy) * 3) : 0,
    };
  }

  private jobPlans(from: number, to: number): PlannedJob[] {
    const effects: JobScenarioEffects = {
      gpuQuotaSince: this.scenarios.activeSince('gpu-quota-exceeded'),
      gpuQuotaLimit: this.quotaLimits.get(this.gpuFamily() ?? ''),
      trainingFailuresSince: this.scenarios.activeSince('training-failures'),
    };
    return this.jobHistory.plans(from, to, effects);
  }

  private jobsAt(now: number, from: number): TrainingJob[] {
    return this.jobHistory.jobsAt(
      this.jobPlans(from, now),
      now,
      (compute) => this.clusterScale.get(compute)?.at(now).maxNodes ?? Infinity,
    );
  }

  private costAt(t: number): CostSummary {
    const day = this.localTime.dayIndex(t);
    let total = 0;
    for (let d = day - 30; d < day; d++) total += this.dailySpend(d);
    const dailyAverage = total / 30;
    let todaySpend = (this.dailySpend(day) * this.localTime.minutesOfDay(t)) / (24 * 60);
    if (this.scenarios.affects('cost-anomaly', t))
      todaySpend += dailyAverage * this.random.between(1.6, 2.0, 'cost-anomaly', day);
    return { currency: 'USD', todaySpend: round(todaySpend, 2), dailyAverage: round(dailyAverage, 2) };
  }

  private dailySpend(day: number): number {
    const weekend = this.isWeekendDay(day) ? 0.72 : 1;
    return (
      this.random.between(2100, 2600, 'cost-base') *
      weekend *
      (1 + this.random.between(-0.07, 0.07, 'cost-day', day))
    );
  }

  private storageAt(t: number): StorageUsage {
    const used = this.scenarios.affects('storage-near-capacity', t)
      ? DATA_LAKE_CAPACITY_TB * 0.86 + 0.5 * this.random.smooth(t, 2 * DAY_MS, 'storage-full')
      : DATA_LAKE_USED_TB + 0.3 * this.random.smooth(t, 2 * DAY_MS, 'storage');
    return {
      account: this.componentName('data-lake') ?? 'datalake',
      usedTb: round(used, 2),
      capacityTb: DATA_LAKE_CAPACITY_TB,
    };
  }

  private securityAlertsBetween(from: number, to: number): SecurityAlert[] {
    const titles = [
      'Sign-in to ML Studio from an unfamiliar location',
      'Repeated failed sign-ins for a service principal',
      `Container image with a known vulnerability pushed to ${this.componentName('container-registry') ?? 'the registry'}`,
      'Prompt blocked by Azure OpenAI content filtering (jailbreak attempt)',
      'Access to the data lake from an IP address seen for the first time',
    ];
    const alerts: SecurityAlert[] = [];
    for (let day = this.localTime.dayIndex(from) - 1; day <= this.localTime.dayIndex(to); day++) {
      const count = this.random.weighted(
        [
          { value: 0, weight: 45 },
          { value: 1, weight: 40 },
          { value: 2, weight: 15 },
        ],
        'security-count',
        day,
      );
      for (let i = 0; i < count; i++) {
        alerts.push({
          id: `SA-${hex(this.random.unit('security-id', day, i))}`,
          title: this.random.pick(titles, 'security-title', day, i),
          severity: this.random.unit('security-severity', day, i) < 0.7 ? 'low' : 'medium',
          raisedAt: new Date(this.localTime.at(day, this.random.between(0, 24 * 60, 'security-at', day, i))),
        });
      }
    }
    const since = this.scenarios.activeSince('security-alert');
    if (since !== undefined) {
      alerts.push({
        id: `SA-${hex(this.random.unit('security-incident', since))}`,
        title: `Mass secret reads from ${this.componentName('key-vault') ?? 'Key Vault'} by an unfamiliar identity`,
        severity: 'high',
        raisedAt: new Date(since),
      });
    }
    return alerts
      .filter((a) => a.raisedAt.getTime() >= from && a.raisedAt.getTime() <= to)
      .sort((a, b) => b.raisedAt.getTime() - a.raisedAt.getTime());
  }

  private computeQuotaLimits(): void {
    const maxUse = new Map<string, { cores: number; gpu: boolean }>();
    const add = (family: string | undefined, cores: number, gpu: boolean) => {
      if (!family) return;
      const entry = maxUse.get(family) ?? { cores: 0, gpu };
      maxUse.set(family, { cores: entry.cores + cores, gpu: entry.gpu || gpu });
    };
    for (const c of this.config.computes) {
      const size = vmSizeInfo(c.vmSize);
      add(c.vmFamily, c.maxNodes * size.cores, size.gpu);
    }
    for (const e of this.config.endpoints) {
      for (const d of e.deployments) {
        const size = vmSizeInfo(d.vmSize);
        add(size.family, e.autoscale.maxInstances * size.cores, size.gpu);
      }
    }
    for (const [family, { cores, gpu }] of maxUse) {
      this.quotaLimits.set(family, gpu ? cores : Math.ceil((cores * 1.5) / 10) * 10);
    }
  }

  private instancesAt(endpoint: string, deployment: string, t: number): number {
    return this.deploymentInstances.get(`${endpoint}/${deployment}`)!.at(t);
  }

  private failingEndpoint(): string {
    return findByName(this.config.endpoints, 'fraud-detection')?.name ?? this.config.endpoints[0].name;
  }

  private gpuFamily(): string | undefined {
    return this.config.computes.find((c) => vmSizeInfo(c.vmSize).gpu)?.vmFamily;
  }

  private isWeekendDay(day: number): boolean {
    const weekday = (((day + 4) % 7) + 7) % 7;
    return weekday === 0 || weekday === 6;
  }

  private componentName(kind: ComponentHealth['kind']): string | undefined {
    return this.config.components.find((c) => c.kind === kind)?.name;
  }

  private checkHours(hours: number): number {
    if (!Number.isFinite(hours) || hours <= 0) {
      throw new UserFacingError(
        ErrorCodes.invalidArguments,
        `A time window is a positive number of hours (got ${hours}).`,
      );
    }
    return Math.min(hours, 30 * 24);
  }

  private endpointConfig(name: string): EndpointConfig {
    const found = findByName(this.config.endpoints, name);
    if (!found)
      throw new NotFoundError(
        'endpoint',
        name,
        this.config.endpoints.map((e) => e.name),
      );
    return found;
  }

  private computeConfig(name: string): ComputeConfig {
    const found = findByName(this.config.computes, name);
    if (!found)
      throw new NotFoundError(
        'compute',
        name,
        this.config.computes.map((c) => c.name),
      );
    return found;
  }

  private accountNames(): string[] {
    const names = [
      ...this.config.components.filter((c) => c.kind === 'openai').map((c) => c.name),
      ...this.config.secrets.map((s) => s.account),
    ];
    return [...new Set(names)];
  }

  private isOpenAiAccount(name: string): boolean {
    return this.config.components.some((c) => c.kind === 'openai' && c.name === name);
  }

  private accountName(name: string): string {
    const found = this.accountNames().find((a) => a.toLowerCase() === name.trim().toLowerCase());
    if (!found) throw new NotFoundError('Azure OpenAI account', name, this.accountNames());
    return found;
  }

  private vaultName(name: string): string {
    const vaults = [
      ...new Set([
        ...this.config.components.filter((c) => c.kind === 'key-vault').map((c) => c.name),
        ...this.config.secrets.map((s) => s.vault),
      ]),
    ];
    const found = vaults.find((v) => v.toLowerCase() === name.trim().toLowerCase());
    if (!found) throw new NotFoundError('key vault', name, vaults);
    return found;
  }
}

function findByName<T extends { name: string }>(items: readonly T[], name: string): T | undefined {
  const wanted = name.trim().toLowerCase();
  return items.find((item) => item.name.toLowerCase() === wanted);
}

function secretKey(vault: string, name: string): string {
  return `${vault}/${name}`.toLowerCase();
}

/** An account key as Azure OpenAI shows one: 32 hex digits. */
function newKey(): string {
  return randomBytes(16).toString('hex');
}

/** A Key Vault secret version id: 32 hex digits. */
function newVersionId(): string {
  return randomBytes(16).toString('hex');
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function hex(unit: number): string {
  return Math.floor(unit * 0xffffffff)
    .toString(16)
    .padStart(8, '0');
}
