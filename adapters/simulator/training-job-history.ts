import type { TrainingJob } from '../../core/ports';
import { HOUR_MS, MINUTE_MS, type LocalTime } from './local-time';
import type { SeededRandom } from './seeded-random';

/** A cluster that runs training jobs, as the job history needs it. */
export interface JobCluster {
  name: string;
  vmFamily: string;
  cores: number;
  gpu: boolean;
}

/** What the job history is built from. */
export interface TrainingJobHistoryOptions {
  random: SeededRandom;
  localTime: LocalTime;
  clusters: JobCluster[];
  /** Container registry name, for image-pull failures. */
  registry: string;
  /** Data lake account name, for data-access failures. */
  dataLake: string;
}

/** Scenario effects on the job history, with the instants they were switched on. */
export interface JobScenarioEffects {
  /** GPU jobs submitted from this instant fail on quota. */
  gpuQuotaSince?: number;
  /** The GPU family's limit in cores, for the quota failure message. */
  gpuQuotaLimit?: number;
  /** A failing job every few minutes, from an hour before this instant. */
  trainingFailuresSince?: number;
}

/** One job of the history: fixed when generated; its status at an instant follows from its times. */
export interface PlannedJob {
  id: string;
  displayName: string;
  compute: string;
  submittedBy: string;
  submittedAt: number;
  /** When it got nodes and started running. */
  startAt: number;
  endAt: number;
  outcome: 'completed' | 'failed' | 'canceled';
  failureReason?: string;
}

const AD_HOC_SLOT_MS = 15 * MINUTE_MS;
const QUOTA_SLOT_MS = 30 * MINUTE_MS;
const FAILURE_SLOT_MS = 7 * MINUTE_MS;
/** Longer than any job runs: how far before a window plans must be generated. */
export const LONGEST_JOB_MS = 7 * HOUR_MS;

const cpuExperiments = [
  'fraud-features-etl',
  'txn-aggregates-daily',
  'churn-lgbm-sweep',
  'credit-risk-gbm',
  'aml-rules-backtest',
  'customer-segmentation-kmeans',
  'doc-ocr-preprocess',
];
const gpuExperiments = [
  'fraud-gnn-train',
  'txn-embedding-finetune',
  'doc-classifier-bert',
  'kyc-ner-finetune',
  'anomaly-autoencoder',
  'call-summary-llm-eval',
];
const scientists = [
  'priya.raman@contoso.com',
  'tomas.lindqvist@contoso.com',
  'amara.okafor@contoso.com',
  'kenji.watanabe@contoso.com',
  'sofia.marquez@contoso.com',
  'daniel.cohen@contoso.com',
];
const pipelineIdentity = 'ml-pipelines@contoso.com';
const adjectives = [
  'amber',
  'brave',
  'calm',
  'dreamy',
  'eager',
  'frosty',
  'gentle',
  'honest',
  'jolly',
  'keen',
  'lucid',
  'mellow',
];
const nouns = [
  'kettle',
  'lemon',
  'owl',
  'pasta',
  'river',
  'spoon',
  'tiger',
  'tulip',
  'vase',
  'window',
  'yam',
  'zebra',
];

type FailureKind = 'quota' | 'oom' | 'image' | 'data' | 'user';

/**
 * The simulated workspace's training-job history: ad-hoc jobs during business hours, nightly
 * pipeline runs around 01:00, about 3% failing with the platform's usual reasons. Every job is a
 * pure function of the seed and its slot, so ids and outcomes are the same at every read.
 */
export class TrainingJobHistory {
  /**
   * Planned ad-hoc jobs by slot, one entry per cluster in the clusters' order: they are pure functions
   * of the seed, so each is worked out once (every status read walks a day and more of slots).
   */
  private readonly planned = new Map<number, (PlannedJob | undefined)[]>();
  private readonly nightly = new Map<number, PlannedJob[]>();

  constructor(private readonly options: TrainingJobHistoryOptions) {}

  /** Jobs submitted in [from, to], oldest first. */
  plans(from: number, to: number, effects: JobScenarioEffects = {}): PlannedJob[] {
    const plans: PlannedJob[] = [];
    const { clusters } = this.options;
    for (let slot = Math.floor(from / AD_HOC_SLOT_MS); slot * AD_HOC_SLOT_MS <= to; slot++) {
      const slotPlans = this.remembered(this.planned, slot, () =>
        clusters.map((cluster) => this.adHocJob(cluster, slot)),
      );
      for (const plan of slotPlans) if (plan) plans.push(plan);
    }
    const { localTime } = this.options;
    for (let day = localTime.dayIndex(from) - 1; day <= localTime.dayIndex(to); day++) {
      plans.push(...this.remembered(this.nightly, day, () => this.nightlyJobs(day)));
    }
    const affected = plans.map((plan) => this.applyQuotaScenario(plan, effects));
    affected.push(
      ...this.quotaScenarioJobs(from, to, effects),
      ...this.failureScenarioJobs(from, to, effects),
    );
    return affected
      .filter((p) => p.submittedAt >= from && p.submittedAt <= to)
      .sort((a, b) => a.submittedAt - b.submittedAt);
  }

  /**
   * The jobs as the workspace shows them at `now`. A cluster runs one job per node: running jobs
   * beyond its `capacity` wait in the queue.
   */
  jobsAt(plans: PlannedJob[], now: number, capacity: (compute: string) => number): TrainingJob[] {
    const running = new Map<string, number>();
    return plans
      .filter((plan) => plan.submittedAt <= now)
      .map((plan): TrainingJob => {
        let status: TrainingJob['status'] =
          now < plan.startAt ? 'queued' : now < plan.endAt ? 'running' : plan.outcome;
        if (status === 'running') {
          const count = (running.get(plan.compute) ?? 0) + 1;
          running.set(plan.compute, count);
          if (count > capacity(plan.compute)) status = 'queued';
        }
        const started = status === 'queued' ? plan.submittedAt : plan.startAt;
        return {
          id: plan.id,
          displayName: plan.displayName,
          compute: plan.compute,
          status,
          submittedBy: plan.submittedBy,
          startedAt: new Date(started),
          ...(status === plan.outcome ? { endedAt: new Date(plan.endAt) } : {}),
          ...(status === 'failed' && plan.failureReason ? { failureReason: plan.failureReason } : {}),
        };
      });
  }

  /** Looks a slot up, working it out on a miss; the cache is dropped whole when it grows past ~100 days of slots. */
  private remembered<K, V>(cache: Map<K, V>, key: K, work: () => V): V {
    const known = cache.get(key);
    if (known !== undefined) return known;
    if (cache.size > 10_000) cache.clear();
    const value = work();
    cache.set(key, value);
    return value;
  }

  private adHocJob(cluster: JobCluster, slot: number): PlannedJob | undefined {
    const { random, localTime } = this.options;
    const slotStart = slot * AD_HOC_SLOT_MS;
    const rate = cluster.gpu ? 0.15 : 0.4;
    if (random.unit('job', cluster.name, slot) >= rate * localTime.workActivity(slotStart)) return undefined;
    const submittedAt =
      slotStart + Math.floor(random.unit('job-offset', cluster.name, slot) * AD_HOC_SLOT_MS);
    const shape = random.unit('job-duration', cluster.name, slot);
    const durationMin = cluster.gpu ? 35 + 300 * shape ** 2 : 8 + 80 * shape ** 1.5;
    return this.plan(cluster, `adhoc-${slot}`, {
      submittedAt,
      durationMin,
      experiment: random.pick(cluster.gpu ? gpuExperiments : cpuExperiments, 'job-name', cluster.name, slot),
      submittedBy: random.pick(scientists, 'job-owner', cluster.name, slot),
    });
  }

  private nightlyJobs(day: number): PlannedJob[] {
    const { random, localTime, clusters } = this.options;
    const gpu = clusters.find((c) => c.gpu);
    const cpu = clusters.find((c) => !c.gpu);
    const runs: {
      cluster: JobCluster | undefined;
      experiment: string;
      atMinute: number;
      minMin: number;
      maxMin: number;
    }[] = [
      { cluster: gpu, experiment: 'nightly-fraud-retrain', atMinute: 60, minMin: 60, maxMin: 150 },
      { cluster: cpu, experiment: 'nightly-feature-build', atMinute: 60, minMin: 20, maxMin: 60 },
      { cluster: cpu, experiment: 'nightly-drift-report', atMinute: 105, minMin: 10, maxMin: 30 },
    ];
    return runs.flatMap((run) => {
      if (!run.cluster) return [];
      const key = `nightly-${run.experiment}-${day}`;
      return [
        this.plan(run.cluster, key, {
          submittedAt: localTime.at(day, run.atMinute + random.between(0, 10, key, 'offset')),
          durationMin: random.between(run.minMin, run.maxMin, key, 'duration'),
          experiment: run.experiment,
          submittedBy: pipelineIdentity,
        }),
      ];
    });
  }

  private plan(
    cluster: JobCluster,
    key: string,
    job: { submittedAt: number; durationMin: number; experiment: string; submittedBy: string },
  ): PlannedJob {
    const { random } = this.options;
    const queueMin = cluster.gpu ? random.between(2, 9, key, 'queue') : random.between(0.5, 3, key, 'queue');
    const startAt = job.submittedAt + queueMin * MINUTE_MS;
    const fate = random.unit(key, 'outcome');
    const base = {
      id: this.jobId(cluster.name, key),
      displayName: job.experiment,
      compute: cluster.name,
      submittedBy: job.submittedBy,
      submittedAt: job.submittedAt,
      startAt,
    };
    if (fate < 0.03) {
      const kind = random.weighted<FailureKind>(
        [
          { value: 'oom', weight: 30 },
          { value: 'user', weight: 25 },
          { value: 'data', weight: 15 },
          { value: 'image', weight: 15 },
          { value: 'quota', weight: cluster.gpu ? 15 : 0 },
        ],
        key,
        'failure',
      );
      if (kind === 'quota') {
        const at = job.submittedAt + random.between(1, 3, key, 'fail-at') * MINUTE_MS;
        return {
          ...base,
          startAt: at,
          endAt: at,
          outcome: 'failed',
          failureReason: this.reason(kind, cluster, key),
        };
      }
      const share = kind === 'oom' ? random.between(0.2, 0.8, key, 'fail-at') : 0;
      const earlyMin = random.between(1, 6, key, 'fail-early');
      return {
        ...base,
        endAt: startAt + (share * job.durationMin + earlyMin) * MINUTE_MS,
        outcome: 'failed',
        failureReason: this.reason(kind, cluster, key),
      };
    }
    const ranMin =
      fate < 0.045 ? job.durationMin * random.between(0.1, 0.6, key, 'cancel-at') : job.durationMin;
    return { ...base, endAt: startAt + ranMin * MINUTE_MS, outcome: fate < 0.045 ? 'canceled' : 'completed' };
  }

  private applyQuotaScenario(plan: PlannedJob, effects: JobScenarioEffects): PlannedJob {
    const since = effects.gpuQuotaSince;
    if (since === undefined || plan.submittedAt < since) return plan;
    const cluster = this.options.clusters.find((c) => c.name === plan.compute);
    if (!cluster?.gpu) return plan;
    const at = plan.submittedAt + this.options.random.between(1, 3, plan.id, 'quota-fail') * MINUTE_MS;
    return {
      ...plan,
      startAt: at,
      endAt: at,
      outcome: 'failed',
      failureReason: this.quotaReason(cluster, effects.gpuQuotaLimit, 0),
    };
  }

  private quotaScenarioJobs(from: number, to: number, effects: JobScenarioEffects): PlannedJob[] {
    const since = effects.gpuQuotaSince;
    const cluster = this.options.clusters.find((c) => c.gpu);
    if (since === undefined || !cluster) return [];
    const { random } = this.options;
    const jobs: PlannedJob[] = [];
    const first = Math.ceil(Math.max(from, since - 40 * MINUTE_MS) / QUOTA_SLOT_MS);
    for (let slot = first; slot * QUOTA_SLOT_MS <= to; slot++) {
      const key = `quota-${slot}`;
      const submittedAt = slot * QUOTA_SLOT_MS + random.between(0, 5, key, 'offset') * MINUTE_MS;
      const at = submittedAt + random.between(1, 3, key, 'fail-at') * MINUTE_MS;
      jobs.push({
        id: this.jobId(cluster.name, key),
        displayName: random.pick(gpuExperiments, key, 'name'),
        compute: cluster.name,
        submittedBy: random.pick(scientists, key, 'owner'),
        submittedAt,
        startAt: at,
        endAt: at,
        outcome: 'failed',
        failureReason: this.quotaReason(cluster, effects.gpuQuotaLimit, 0),
      });
    }
    return jobs;
  }

  private failureScenarioJobs(from: number, to: number, effects: JobScenarioEffects): PlannedJob[] {
    const since = effects.trainingFailuresSince;
    const { random, clusters } = this.options;
    if (since === undefined || clusters.length === 0) return [];
    const jobs: PlannedJob[] = [];
    const first = Math.ceil(Math.max(from, since - HOUR_MS) / FAILURE_SLOT_MS);
    for (let slot = first; slot * FAILURE_SLOT_MS <= to; slot++) {
      const key = `failing-${slot}`;
      const cluster = clusters[slot % clusters.length];
      const kind = random.pick<FailureKind>(['oom', 'image', 'data'], key, 'kind');
      const submittedAt = slot * FAILURE_SLOT_MS + random.between(0, 1, key, 'offset') * MINUTE_MS;
      jobs.push({
        id: this.jobId(cluster.name, key),
        displayName: random.pick(cluster.gpu ? gpuExperiments : cpuExperiments, key, 'name'),
        compute: cluster.name,
        submittedBy: random.pick(scientists, key, 'owner'),
        submittedAt,
        startAt: submittedAt + 0.5 * MINUTE_MS,
        endAt: submittedAt + random.between(2, 5, key, 'fail-at') * MINUTE_MS,
        outcome: 'failed',
        failureReason: this.reason(kind, cluster, key),
      });
    }
    return jobs;
  }

  private reason(kind: FailureKind, cluster: JobCluster, key: string): string {
    const { random, registry, dataLake } = this.options;
    switch (kind) {
      case 'quota':
        return this.quotaReason(cluster, undefined, random.int(0, cluster.cores - 1, key, 'free'));
      case 'oom':
        return cluster.gpu
          ? `CUDA out of memory: tried to allocate ${random.int(2, 12, key, 'gib')}.00 GiB on GPU 0 (exit code 1)`
          : 'Process killed by the kernel: out of memory (exit code 137)';
      case 'image':
        return `Image pull failed for ${registry}.azurecr.io/training/${random.pick(['pytorch-cuda12', 'sklearn-py311', 'lightgbm-py311'], key, 'image')}:${random.int(10, 40, key, 'tag')}: unauthorized: authentication required`;
      case 'data':
        return `Data access denied: 403 AuthorizationPermissionMismatch reading abfss://curated@${dataLake}.dfs.core.windows.net/${random.pick(['transactions/2025', 'customers/kyc', 'features/fraud'], key, 'path')}`;
      case 'user':
        return `UserError: ModuleNotFoundError: No module named '${random.pick(['xgboost', 'lightgbm', 'transformers'], key, 'module')}'`;
    }
  }

  private quotaReason(cluster: JobCluster, limit: number | undefined, free: number): string {
    return `Quota exceeded for ${cluster.vmFamily}: the job needs ${cluster.cores} cores and ${free} are free${limit !== undefined ? ` of the ${limit}-core limit` : ''}`;
  }

  private jobId(compute: string, key: string): string {
    const { random } = this.options;
    const suffix = Math.floor(random.unit('job-id', compute, key) * 36 ** 8)
      .toString(36)
      .padStart(8, '0');
    return `${random.pick(adjectives, 'adj', compute, key)}_${random.pick(nouns, 'noun', compute, key)}_${suffix}`;
  }
}
