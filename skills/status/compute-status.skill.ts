import { percentOf, statusOfUsage, worstStatus, type CheckStatus } from '../../core/baselines';
import { namesOf, resolveExactName } from '../../core/config/resource-names';
import type { ComputeStatus } from '../../core/ports';
import type { SkillContext } from '../skill';
import { statusFacts } from './status-facts';
import type { ComputeStatusResult, NextStep } from './status-results';

/** `status.compute`: one compute's state, nodes, VM size, running jobs, utilisation and quota. */
export async function runComputeStatus(
  args: { cluster: string },
  ctx: SkillContext,
): Promise<ComputeStatusResult> {
  const name = resolveExactName(ctx.config, 'compute', args.cluster) ?? args.cluster.trim();
  const compute = await statusFacts.withKnownNames(
    () => ctx.landingZone.getCompute(name),
    'compute',
    namesOf(ctx.config, 'compute'),
  );
  const quotas = await ctx.landingZone.listQuotaUsage();
  const quota = quotas.find((q) => q.family.toLowerCase() === compute.vmFamily.toLowerCase());

  const gpu = isGpu(compute);
  const threshold = gpu
    ? ctx.config.thresholds.gpuSustainedPercent
    : ctx.config.thresholds.cpuSustainedPercent;
  const idle = compute.currentNodes > 0 && compute.runningJobs === 0;
  const busy = compute.utilisationPercent > threshold;
  const quotaStatus: CheckStatus = quota
    ? statusOfUsage(quota.used, quota.limit, ctx.config.thresholds.quotaNearLimitPercent)
    : 'ok';
  const status = worstStatus([
    /fail|error|unusable/i.test(compute.state) ? 'critical' : 'ok',
    idle || busy ? 'warning' : 'ok',
    quotaStatus,
  ]);

  const nextSteps: NextStep[] = [];
  if (idle && compute.kind === 'amlcompute') {
    nextSteps.push({ label: 'Scale to zero', command: `stop ${compute.name}` });
  } else if (idle) {
    nextSteps.push({ label: 'Stop', command: `stop ${compute.name}` });
  }
  if (quotaStatus !== 'ok') nextSteps.push({ label: 'Quota', command: 'quota' });
  if (busy && quota && percentOf(quota.used, quota.limit) < 100) {
    nextSteps.push(
      statusFacts.askCommand(`${compute.name} runs above ${threshold}% utilisation, should we add nodes`),
    );
  }
  nextSteps.push({ label: 'Training jobs', command: 'jobs 24' });

  return {
    view: 'status.compute',
    simulated: ctx.landingZone.simulated,
    generatedAt: ctx.clock.now().toISOString(),
    compute: compute.name,
    kind: compute.kind,
    state: compute.state,
    vmSize: compute.vmSize,
    vmFamily: compute.vmFamily,
    gpu,
    currentNodes: compute.currentNodes,
    minNodes: compute.minNodes,
    maxNodes: compute.maxNodes,
    runningJobs: compute.runningJobs,
    utilisationPercent: compute.utilisationPercent,
    utilisationThresholdPercent: threshold,
    idle,
    quota: quota ? { family: quota.family, used: quota.used, limit: quota.limit } : undefined,
    status,
    nextSteps,
  };
}

/** Azure's GPU sizes are the N series (NC, ND, NV). */
function isGpu(compute: ComputeStatus): boolean {
  return /^standard_n/i.test(compute.vmSize) || /^standardN/i.test(compute.vmFamily);
}
