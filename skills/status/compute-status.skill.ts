import { percentOf, statusOfUsage, worstStatus, type CheckStatus } from '../../core/baselines';
import { namesOf, resolveExactName } from '../../core/config/resource-names';
import type { ComputeStatus } from '../../core/ports';
import { type SkillContext, defineSkill, everyone } from '../skill';
import { statusFacts } from './status-facts';
import type { ComputeStatusResult, NextStep } from './status-results';
import { resource } from '../../core/contract/resource-params';

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

export const statusCompute = defineSkill({
  id: 'status.compute',
  usage: 'status <cluster>',
  title: 'Compute status',
  description: 'One compute: state, nodes (current/min/max), VM size, running jobs.',
  examples: [
    'status gpu-cluster-01',
    'how is the gpu cluster doing',
    'is the cpu cluster running',
    'how many nodes does gpu-cluster-01 have',
    'state of the cpu cluster',
    'is anything running on the gpu nodes',
    'check cpu-cluster-01',
    'did the gpu cluster scale down',
    'gpu cluster utilisation',
    'how is the cpu cluster',
    'gpu-cluster-01 state',
    'how many nodes are up on the cpu cluster',
    'is the gpu cluster idle or busy',
    'what size are the gpu cluster vms',
    'current node count of gpu-cluster-01',
    'is cpu-cluster-01 running anything',
    'has the gpu cluster scaled to zero',
    'show the cluster',
    'cluster status',
    'how busy is the cpu cluster',
    'are the gpu nodes in use',
    'is the gpu cluster up right now',
    'data scientist here, how many gpu nodes are busy',
    '3am, are the gpu boxes idle or still running',
    'cpu cluster status pls',
    "how's the gpu clstr looking",
    'is anything running on the cpu cluster',
    'before I queue my run, how loaded is the gpu cluster',
    'did the gpu cluster scale back down',
    'node count on gpu-cluster-01?',
    'IT manager here, are the gpu nodes sitting idle costing money',
    'check the compute clusters for me',
    'what state is the cpu cluster in',
    'what vm size is the cpu cluster',
    'cpu cluster: node count and sku?',
    'how busy is the gpu cluster, whats queued on it',
    'is anything running on the gpu cluster at the moment',
    'jobs on gpu-cluster-01 and its vm size please',
    'how many nodes is the cpu clustr using',
    'need to know if the gpu cluster is idle before lunch',
    'state of the cpu compute?',
    'gpu nodes idle?',
    'whats running on the gpu cluster rn',
    'has cpu-cluster-01 scaled down yet',
    'how many nodes are allocated on the gpu cluster at the moment',
    'which vm size does the gpu cluster use',
    'min and max nodes on the cpu cluster',
    'is the gpu compute still spun up after the sweep',
    'my colleague says the gpu cluster is full, can u check how many nodes are busy',
    'For the cost review, please confirm whether the GPU cluster is currently idle.',
    '<at>opsbot</at> gpu cluster state',
    'cpu cluster busy?',
    'is the gpu pool back at zero nodes like it should be overnight',
    'what jobs are on the cpu compute right now',
    'gpu cluster: nodes, sku, running jobs',
    'are the gpu machines doing anything',
    'cost review: are the gpu nodes still up after hours',
    'how loaded is cpu-cluster-01',
    'I would like to know the current node count and size of the gpu cluster please',
    'is gpu-cluster-01 healthy',
    'did the cpu cluster come back down to its minimum',
    'are there free nodes on the gpu cluster for my run',
    'who is using the gpu cluster right now',
    'is there anything odd going on with the gpu cluster',
    'are there any issues with the cpu cluster right now',
    'I submitted my experiment an hour ago and it is still waiting, is the gpu cluster even up at the moment',
    'Hello, my job is queued since morning, can you tell me if the cpu cluster has nodes running',
    'any warnings on cpu-cluster-01?',
  ],
  params: { cluster: resource('cluster').describe('Compute name') },
  kind: 'read',
  roles: everyone,
  givesWayTo: ['how-to', 'quota'],
  run: runComputeStatus,
});
