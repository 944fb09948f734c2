import type { EndpointConfig } from '../../core/config/landing-zone.schema';
import { ErrorCodes, NotFoundError, UserFacingError } from '../../core/errors';
import { assertValidInstanceCount, mostInstancesWithinQuota } from '../../core/instance-count';
import type {
  ChangeOptions,
  EndpointMetrics,
  EndpointPort,
  EndpointStatus,
  OperationResult,
  QuotaReader,
} from '../../core/ports';
import { vmSizeInfo } from '../../core/vm-sizes';
import { MINUTE_MS } from './local-time';
import { findByName, round, type SimulatorState } from './simulator-state';

const METRICS_WINDOW_MINUTES = 5;
/** Requests per minute one vCPU of a scoring instance serves before latency climbs. */
const RPM_PER_CORE = 150;

/**
 * The online-endpoint seam of the simulator: traffic that follows the working day, latency and
 * errors that climb when a deployment's instances cannot serve its share, the `latency-degraded`
 * and `endpoint-503` scenarios; a scale is held to the VM family's free quota.
 */
export class SimulatedEndpoints implements EndpointPort {
  constructor(
    private readonly state: SimulatorState,
    private readonly quota: QuotaReader,
  ) {}

  async getEndpoint(name: string): Promise<EndpointStatus> {
    const { state } = this;
    const endpoint = state.endpointConfig(name);
    const now = state.now();
    return {
      name: endpoint.name,
      state: 'Succeeded',
      scoringUri: `https://${endpoint.name}.${state.config.landingZone.location}.inference.ml.azure.com/score`,
      deployments: endpoint.deployments.map((d) => ({
        name: d.name,
        state: 'Succeeded',
        instanceCount: state.instancesAt(endpoint.name, d.name, now),
        vmSize: d.vmSize,
        trafficPercent: d.trafficPercent,
      })),
      metrics: this.endpointMetricsAt(endpoint, now),
    };
  }

  async setDeploymentInstances(
    endpoint: string,
    deployment: string,
    instances: number,
    options?: ChangeOptions,
  ): Promise<OperationResult> {
    const { state } = this;
    const endpointConfig = state.endpointConfig(endpoint);
    const deploymentConfig = findByName(endpointConfig.deployments, deployment);
    if (!deploymentConfig) {
      throw new NotFoundError(
        'deployment',
        deployment,
        endpointConfig.deployments.map((d) => d.name),
      );
    }
    assertValidInstanceCount(instances);
    const now = state.now();
    const timeline = state.deploymentInstances.get(`${endpointConfig.name}/${deploymentConfig.name}`)!;
    const before = timeline.at(now);
    const size = vmSizeInfo(deploymentConfig.vmSize);
    if (size.family) {
      const usage = (await this.quota.listQuotaUsage()).find((q) => q.family === size.family);
      if (usage && instances > mostInstancesWithinQuota(before, { ...usage, coresPerInstance: size.cores })) {
        const needed = (instances - before) * size.cores;
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
    return state.done(
      `${deploymentConfig.name}: ${before} → ${instances} instances${before === instances ? ' (no change)' : ''}`,
    );
  }

  /** The request figures of an endpoint over the window ending at `t`. */
  endpointMetricsAt(endpoint: EndpointConfig, t: number): EndpointMetrics {
    const { state } = this;
    const r = state.random;
    const name = endpoint.name;
    const rpm =
      r.between(700, 1300, 'rpm', name) *
      (0.22 + 0.78 * state.localTime.workActivity(t)) *
      (1 + 0.08 * r.smooth(t, 20 * MINUTE_MS, 'rpm', name));
    let p95 = 0;
    let overloadShare = 0;
    let served = 0;
    for (const d of endpoint.deployments) {
      if (d.trafficPercent <= 0) continue;
      const share = d.trafficPercent / 100;
      const capacity = state.instancesAt(name, d.name, t) * vmSizeInfo(d.vmSize).cores * RPM_PER_CORE;
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
    if (state.scenarios.affects('latency-degraded', t)) {
      p95 = 350 + 95 * r.smooth(t, 40 * MINUTE_MS, 'degraded', name);
      errorPercent += 0.12;
    }
    if (name === state.failingEndpoint() && state.scenarios.affects('endpoint-503', t)) {
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
}
