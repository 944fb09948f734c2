import { percentOf, statusOfUsage, worstStatus } from '../../core/baselines';
import type { SkillContext } from '../skill';
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
