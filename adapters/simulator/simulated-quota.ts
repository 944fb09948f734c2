import type { QuotaReader, QuotaUsage } from '../../core/ports';
import { vmSizeInfo } from '../../core/vm-sizes';
import type { SimulatedCompute } from './simulated-compute';
import type { SimulatorState } from './simulator-state';
import { LONGEST_JOB_MS } from './training-job-history';

/**
 * The quota part of the simulator's monitoring seam: the cores each VM family's nodes and
 * deployment instances take now, against the simulator's limits; the `gpu-quota-exceeded`
 * scenario uses up the GPU family.
 */
export class SimulatedQuota implements QuotaReader {
  constructor(
    private readonly state: SimulatorState,
    private readonly compute: SimulatedCompute,
  ) {}

  async listQuotaUsage(): Promise<QuotaUsage[]> {
    const { state } = this;
    const now = state.now();
    const jobs = state.jobsAt(now, now - LONGEST_JOB_MS);
    const used = new Map<string, number>([...state.quotaLimits.keys()].map((family) => [family, 0]));
    const add = (family: string | undefined, cores: number) => {
      if (family && used.has(family)) used.set(family, used.get(family)! + cores);
    };
    for (const compute of state.config.computes) {
      add(
        compute.vmFamily,
        this.compute.computeAt(compute, now, jobs).currentNodes * vmSizeInfo(compute.vmSize).cores,
      );
    }
    for (const endpoint of state.config.endpoints) {
      for (const d of endpoint.deployments) {
        const size = vmSizeInfo(d.vmSize);
        add(size.family, state.instancesAt(endpoint.name, d.name, now) * size.cores);
      }
    }
    const exhausted = state.scenarios.affects('gpu-quota-exceeded', now) ? state.gpuFamily() : undefined;
    return [...state.quotaLimits].map(([family, limit]) => ({
      family,
      used: family === exhausted ? limit : used.get(family)!,
      limit,
      unit: 'cores',
    }));
  }
}
