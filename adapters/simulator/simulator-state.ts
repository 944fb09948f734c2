import type { ComputeConfig, EndpointConfig, LandingZoneConfig } from '../../core/config/landing-zone.schema';
import { ErrorCodes, NotFoundError, UserFacingError } from '../../core/errors';
import type { Clock, ComponentKind, OperationResult, TrainingJob } from '../../core/ports';
import { vmSizeInfo } from '../../core/vm-sizes';
import { LocalTime } from './local-time';
import { ScenarioBoard } from './scenarios';
import { SeededRandom } from './seeded-random';
import { Timeline } from './timeline';
import { TrainingJobHistory, type JobScenarioEffects, type PlannedJob } from './training-job-history';

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

/**
 * What the simulated landing zone is at any instant, in one place: the config, the seeded
 * randomness and local time every reading is drawn from, the fault scenarios, the training-job
 * history, and the timelines change operations write (deployment instances, cluster scale
 * settings, compute instances on or off) with the quota limits they are held to. Every seam reads
 * and writes here; account keys and secret values alone live in the key-rotation seam, in fields
 * no inspection reaches.
 */
export class SimulatorState {
  readonly config: LandingZoneConfig;
  readonly clock: Clock;
  readonly random: SeededRandom;
  readonly localTime: LocalTime;
  readonly scenarios = new ScenarioBoard();
  readonly jobHistory: TrainingJobHistory;
  readonly deploymentInstances = new Map<string, Timeline<number>>();
  readonly clusterScale = new Map<string, Timeline<{ minNodes: number; maxNodes: number }>>();
  readonly instanceRunning = new Map<string, Timeline<boolean>>();
  /** Cores per VM family: what the largest configured use would take, with room to spare on CPU. */
  readonly quotaLimits = new Map<string, number>();
  private operationCount = 0;

  constructor(options: Omit<SimulatedLandingZoneOptions, 'scenarios'>) {
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
  }

  now(): number {
    return this.clock.now().getTime();
  }

  /** The result of a change operation, with the next simulator operation id. */
  done(summary: string, status: OperationResult['status'] = 'succeeded'): OperationResult {
    this.operationCount += 1;
    return { operationId: `sim-op-${String(this.operationCount).padStart(6, '0')}`, status, summary };
  }

  /** The training jobs planned between two instants, with the scenarios that shape them. */
  jobPlans(from: number, to: number): PlannedJob[] {
    const effects: JobScenarioEffects = {
      gpuQuotaSince: this.scenarios.activeSince('gpu-quota-exceeded'),
      gpuQuotaLimit: this.quotaLimits.get(this.gpuFamily() ?? ''),
      trainingFailuresSince: this.scenarios.activeSince('training-failures'),
    };
    return this.jobHistory.plans(from, to, effects);
  }

  /** The training jobs as they stand at `now`, of those planned since `from`. */
  jobsAt(now: number, from: number): TrainingJob[] {
    return this.jobHistory.jobsAt(
      this.jobPlans(from, now),
      now,
      (compute) => this.clusterScale.get(compute)?.at(now).maxNodes ?? Infinity,
    );
  }

  instancesAt(endpoint: string, deployment: string, t: number): number {
    return this.deploymentInstances.get(`${endpoint}/${deployment}`)!.at(t);
  }

  /** The endpoint the `endpoint-503` scenario breaks: fraud-detection when configured, else the first. */
  failingEndpoint(): string {
    return findByName(this.config.endpoints, 'fraud-detection')?.name ?? this.config.endpoints[0].name;
  }

  gpuFamily(): string | undefined {
    return this.config.computes.find((c) => vmSizeInfo(c.vmSize).gpu)?.vmFamily;
  }

  isWeekendDay(day: number): boolean {
    const weekday = (((day + 4) % 7) + 7) % 7;
    return weekday === 0 || weekday === 6;
  }

  componentName(kind: ComponentKind): string | undefined {
    return this.config.components.find((c) => c.kind === kind)?.name;
  }

  /** A read window in hours, at most 30 days; throws `UserFacingError` unless it is positive. */
  checkHours(hours: number): number {
    if (!Number.isFinite(hours) || hours <= 0) {
      throw new UserFacingError(
        ErrorCodes.invalidArguments,
        `A time window is a positive number of hours (got ${hours}).`,
      );
    }
    return Math.min(hours, 30 * 24);
  }

  endpointConfig(name: string): EndpointConfig {
    return configured('endpoint', this.config.endpoints, name);
  }

  computeConfig(name: string): ComputeConfig {
    return configured('compute', this.config.computes, name);
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
}

/** The configured item of that name; throws `NotFoundError` listing the configured names. */
function configured<T extends { name: string }>(kind: string, items: readonly T[], name: string): T {
  const found = findByName(items, name);
  if (!found)
    throw new NotFoundError(
      kind,
      name,
      items.map((item) => item.name),
    );
  return found;
}

/** The item of that name, compared without case or surrounding spaces. */
export function findByName<T extends { name: string }>(items: readonly T[], name: string): T | undefined {
  const wanted = name.trim().toLowerCase();
  return items.find((item) => item.name.toLowerCase() === wanted);
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
