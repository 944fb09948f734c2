import type { SkillContext } from '../skill';
import { statusFacts } from './status-facts';
import type { JobsStatusResult, NextStep } from './status-results';

const noReason = 'No reason given';

/**
 * The kind of a failure: the platform's text up to its first ": " ("CUDA out of memory: tried to
 * allocate 11.00 GiB …" → "CUDA out of memory"), so that failures differing only in details group.
 */
function reasonLabel(reason: string): string {
  const cut = reason.indexOf(': ');
  return cut > 0 && cut <= 80 ? reason.slice(0, cut) : reason;
}

/** `status.jobs`: training jobs of a window, failures with their reasons, success rate against the baseline. */
export async function runJobsStatus(args: { hours?: number }, ctx: SkillContext): Promise<JobsStatusResult> {
  const windowHours = args.hours ?? 24;
  const now = ctx.clock.now();
  const jobs = await ctx.landingZone.listTrainingJobs({ sinceHours: windowHours });
  const summary = statusFacts.trainingSummary(jobs, now, ctx.config);

  const failures = jobs
    .filter((j) => j.status === 'failed')
    .sort((a, b) => (b.endedAt ?? b.startedAt).getTime() - (a.endedAt ?? a.startedAt).getTime())
    .map((j) => ({
      id: j.id,
      displayName: j.displayName,
      compute: j.compute,
      submittedBy: j.submittedBy,
      endedAt: j.endedAt?.toISOString(),
      reason: j.failureReason?.trim() || noReason,
    }));
  const groups = new Map<string, { reason: string; count: number; example: string }>();
  for (const f of failures) {
    const label = reasonLabel(f.reason);
    const key = label.toLowerCase().replace(/\d+/g, '#');
    const group = groups.get(key) ?? { reason: label, count: 0, example: f.reason };
    group.count += 1;
    groups.set(key, group);
  }
  const reasons = [...groups.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));

  const nextSteps: NextStep[] = [];
  const top = reasons.find((r) => r.reason !== noReason);
  if (top) nextSteps.push(statusFacts.askCommand(`why does my training job fail with "${top.reason}"`));
  if (reasons.some((r) => /quota/i.test(r.reason))) nextSteps.push({ label: 'Quota', command: 'quota' });
  if (
    summary.failuresLastHour > summary.failuresPerHourThreshold ||
    summary.successRate?.level === 'critical'
  ) {
    nextSteps.push(
      statusFacts.declareCommand(
        'P2',
        `training jobs failing: ${summary.counts.failed} of ${summary.counts.completed + summary.counts.failed} finished jobs failed in the last ${windowHours} h`,
      ),
    );
  }
  if (windowHours !== 24) nextSteps.push({ label: 'Last 24 h', command: 'jobs 24' });

  return {
    view: 'status.jobs',
    simulated: ctx.landingZone.simulated,
    generatedAt: now.toISOString(),
    windowHours,
    total: jobs.length,
    counts: summary.counts,
    successRate: summary.successRate,
    failuresLastHour: summary.failuresLastHour,
    failuresPerHourThreshold: summary.failuresPerHourThreshold,
    failures,
    reasons,
    status: summary.status,
    nextSteps,
  };
}
