import { percentOf, statusOfUsage, worstStatus } from '../../core/baselines';
import { type SkillContext, defineSkill, everyone } from '../skill';
import type { NextStep, QuotaStatusResult } from './status-results';

/** `status.quota`: cores in use per VM family against the limit, with the computes that draw on each. */
export async function runQuotaStatus(_args: object, ctx: SkillContext): Promise<QuotaStatusResult> {
  const usage = await ctx.landingZone.listQuotaUsage();
  const families = usage
    .map((q) => ({
      family: q.family,
      used: q.used,
      limit: q.limit,
      unit: q.unit,
      usedPercent: Math.round(percentOf(q.used, q.limit) * 10) / 10,
      status: statusOfUsage(q.used, q.limit, ctx.config.thresholds.quotaNearLimitPercent),
      computes: ctx.config.computes
        .filter((c) => c.vmFamily.toLowerCase() === q.family.toLowerCase())
        .map((c) => c.name),
    }))
    .sort((a, b) => b.usedPercent - a.usedPercent || a.family.localeCompare(b.family));

  const nextSteps: NextStep[] = [];
  const tight = families.find((f) => f.status !== 'ok');
  if (tight) {
    nextSteps.push({ label: 'Troubleshoot', command: 'ask how do I fix a quota exceeded error' });
    nextSteps.push({ label: 'Failed jobs', command: 'jobs 24' });
    const compute = tight.computes[0];
    if (compute) nextSteps.push({ label: `Status ${compute}`, command: `status ${compute}` });
  }

  return {
    view: 'status.quota',
    simulated: ctx.landingZone.simulated,
    generatedAt: ctx.clock.now().toISOString(),
    nearLimitPercent: ctx.config.thresholds.quotaNearLimitPercent,
    families,
    status: worstStatus(families.map((f) => f.status)),
    nextSteps,
  };
}

export const statusQuota = defineSkill({
  id: 'status.quota',
  usage: '[status] quota',
  title: 'Compute quota',
  description: 'Quota usage per VM family against its limit.',
  examples: [
    'quota',
    'how much gpu quota is left',
    'are we near our core limit',
    'show compute quota usage',
    'check quota for the workspace',
    'vm family usage vs limits',
    'do we have enough quota for another gpu node',
    'quota usage please',
    'how many cores do we have left',
    'gpu quota',
    'quota for the a100 family',
    'are we out of quota',
    'core quota per family',
    'how much of our vm quota is used',
    'quota limits',
    'will we hit the quota limit',
    'remaining quota',
    'cpu core usage against quota',
    'vcpu usage against our limits',
    'how many vcpus are left in the subscription',
    'capacity left per vm family',
    'are we close to the vcpu limit',
    'cores used versus the regional limit',
    'how much headroom do we have on cores',
    'finance pinged me, how much vcpu quota is left',
    'do we have enough gpu cores for another run',
    'data scientist here, am I going to hit the quota limit',
    'how close are we to the NC family limit',
    'remaining cores in eastus2?',
    'before I submit a big sweep, how much capacity is free',
    "what's our subscription core usage",
    'are we near any limits',
    'vcpu headroom for the gpu family',
    'IT manager here, are we running out of quota',
    'how many spare cores do we have',
    'where do we stand on cores in the region',
    'how close are we to the vcpu limit',
    'what is left of our gpu quota',
    'before the big run, whats our core headroom',
    'how many cores can we still use',
    'remaining quota for the NC family?',
    'are we near our subscription core cap',
    'show quota',
    'vcpu headroom?',
    'cores left in the NC family',
    'how many vCPUs are we using out of the limit',
    'quota check pls before I launch the sweep',
    'For capacity planning, please report current compute quota consumption per VM family.',
    'are we maxed out on gpu cores',
    'limit vs usage for each vm family',
    'someone said we hit the core limit, is that right',
    'how much room is left under our regional vcpu cap',
    'finance review: how much of our gpu quota do we actually use',
    '<at>opsbot</at> quota usage',
    'could we fit two more gpu nodes within quota',
    'core usage by family',
    'what percentage of the vCPU limit is used',
    'do we have spare cores in the subscription for a big run',
    'gpu family limit?',
    'Hello, I am planning a large training, I would like to know if there are enough cores available',
    'are any vm families close to their limit',
    'how much quota is free rn',
    'quota headroom before the retrain',
    'is our core allocation nearly used up',
    'before I request more nodes I want to see our core headroom',
    'I need our vcpu numbers before raising a capacity request',
    'ahead of the capacity request, how much quota are we using',
    'Hello, I would like to start a large experiment next week and need to know how many gpu cores are still free in our quota',
  ],
  params: {},
  kind: 'read',
  roles: everyone,
  givesWayTo: ['how-to'],
  run: runQuotaStatus,
});
