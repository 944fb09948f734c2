import { assertValidComputeScale } from '../../core/compute-scale';
import type { ComputeConfig } from '../../core/config/landing-zone.schema';
import { ErrorCodes, UserFacingError } from '../../core/errors';
import type {
  ChangeOptions,
  ComputePort,
  ComputeStatus,
  OperationResult,
  TrainingJob,
} from '../../core/ports';
import { vmSizeInfo } from '../../core/vm-sizes';
import { HOUR_MS, MINUTE_MS } from './local-time';
import type { SimulatorState } from './simulator-state';
import { LONGEST_JOB_MS } from './training-job-history';

/**
 * The compute seam of the simulator: clusters grow with their running jobs and their minimum
 * nodes (a pre-warm takes minutes, longer on GPU), compute instances run or not. Start and stop
 * apply to compute instances only: a cluster has no start or stop in Azure ML, so for one they
 * answer with a `UserFacingError` that points to its scale settings.
 */
export class SimulatedCompute implements ComputePort {
  constructor(private readonly state: SimulatorState) {}

  async getCompute(name: string): Promise<ComputeStatus> {
    const compute = this.state.computeConfig(name);
    const now = this.state.now();
    return this.computeAt(compute, now, this.state.jobsAt(now, now - LONGEST_JOB_MS));
  }

  async listComputes(): Promise<ComputeStatus[]> {
    const now = this.state.now();
    const jobs = this.state.jobsAt(now, now - LONGEST_JOB_MS);
    return this.state.config.computes.map((c) => this.computeAt(c, now, jobs));
  }

  async setComputeScale(
    cluster: string,
    scale: { minNodes: number; maxNodes: number },
    options?: ChangeOptions,
  ): Promise<OperationResult> {
    const { state } = this;
    const compute = state.computeConfig(cluster);
    if (compute.kind !== 'amlcompute') {
      throw new UserFacingError(
        ErrorCodes.invalidArguments,
        `${compute.name} is a compute instance, which has no scale settings: start or stop it instead.`,
      );
    }
    assertValidComputeScale(scale);
    const { minNodes, maxNodes } = scale;
    const now = state.now();
    const timeline = state.clusterScale.get(compute.name)!;
    const before = timeline.at(now);
    const nodes = this.computeAt(compute, now, state.jobsAt(now, now - LONGEST_JOB_MS)).currentNodes;
    const progress = options?.onProgress;
    progress?.(
      `Updating scale settings of ${compute.name}: minimum ${before.minNodes} → ${minNodes}, maximum ${before.maxNodes} → ${maxNodes} nodes`,
    );
    if (minNodes > nodes)
      progress?.(`Allocating ${minNodes - nodes} ${compute.vmSize} node(s); they join over the next minutes`);
    if (minNodes < before.minNodes) progress?.('Idle nodes above the new minimum will be released');
    timeline.set(now, { minNodes, maxNodes });
    return state.done(
      `${compute.name}: minimum nodes ${before.minNodes} → ${minNodes}, maximum nodes ${before.maxNodes} → ${maxNodes}`,
    );
  }

  async startComputeInstance(name: string, options?: ChangeOptions): Promise<OperationResult> {
    return this.switchComputeInstance(name, true, options);
  }

  async stopComputeInstance(name: string, options?: ChangeOptions): Promise<OperationResult> {
    return this.switchComputeInstance(name, false, options);
  }

  /** A compute as it stands at `t`, given the training jobs of that instant. */
  computeAt(compute: ComputeConfig, t: number, jobs: TrainingJob[]): ComputeStatus {
    const { state } = this;
    const size = vmSizeInfo(compute.vmSize);
    const common = {
      name: compute.name,
      kind: compute.kind,
      vmSize: compute.vmSize,
      vmFamily: compute.vmFamily,
    };
    if (compute.kind === 'computeinstance') {
      const timeline = state.instanceRunning.get(compute.name)!;
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
          ? Math.round(20 + 12 * state.random.smooth(t, HOUR_MS, 'util', compute.name))
          : 0,
      };
    }
    const timeline = state.clusterScale.get(compute.name)!;
    const scale = timeline.at(t);
    const resizeMs = (size.gpu ? 8 : 3) * MINUTE_MS;
    let effectiveMin = Math.min(scale.minNodes, timeline.at(t - resizeMs).minNodes);
    const quotaSince = state.scenarios.activeSince('gpu-quota-exceeded');
    if (quotaSince !== undefined && quotaSince <= t && compute.vmFamily === state.gpuFamily()) {
      effectiveMin = Math.min(effectiveMin, timeline.at(quotaSince - 1).minNodes);
    }
    const running = jobs.filter((j) => j.compute === compute.name && j.status === 'running');
    const nodes = Math.min(scale.maxNodes, Math.max(effectiveMin, running.length));
    const growing =
      effectiveMin < scale.minNodes || running.some((j) => t - j.startedAt.getTime() < resizeMs);
    const busy = nodes > 0 ? running.length / nodes : 0;
    const load = (size.gpu ? 72 : 55) + 15 * state.random.smooth(t, 30 * MINUTE_MS, 'util', compute.name);
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

  private async switchComputeInstance(
    name: string,
    running: boolean,
    options?: ChangeOptions,
  ): Promise<OperationResult> {
    const { state } = this;
    const compute = state.computeConfig(name);
    if (compute.kind !== 'computeinstance') {
      throw new UserFacingError(
        ErrorCodes.invalidArguments,
        `${compute.name} is a compute cluster, which is not started or stopped: change its minimum nodes instead (above 0 to pre-warm, 0 to scale to zero).`,
      );
    }
    const now = state.now();
    const timeline = state.instanceRunning.get(compute.name)!;
    const word = (on: boolean) => (on ? 'Running' : 'Stopped');
    if (timeline.at(now) === running)
      return state.done(`${compute.name} is already ${word(running).toLowerCase()}`);
    options?.onProgress?.(`${running ? 'Starting' : 'Stopping'} ${compute.name}`);
    timeline.set(now, running);
    return state.done(`${compute.name}: ${word(!running)} → ${word(running)}`);
  }
}
