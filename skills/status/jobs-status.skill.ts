import { type SkillContext, defineSkill, everyone } from '../skill';
import { statusFacts } from './status-facts';
import type { JobsStatusResult, NextStep } from './status-results';
import { hours } from '../../core/contract/value-params';

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

export const statusJobs = defineSkill({
  id: 'status.jobs',
  usage: '[status] jobs [hours]',
  title: 'Training jobs',
  description: 'Training jobs in a window (default 24 hours): counts, failures with reasons.',
  examples: [
    'jobs',
    'did anything fail overnight?',
    'training jobs in the last 6 hours',
    'show failed jobs from the past 48h',
    'how did the overnight training runs go',
    'any failed training jobs today',
    'job status for the last day',
    'list the training runs of the past 12 hours',
    'why are jobs failing this week',
    'training job status',
    'did any training runs fail last night',
    'failed jobs in the last 24 hours',
    'what happened to the training jobs yesterday',
    'jobs from the past week',
    'show me recent training runs',
    'were there any job failures in the last few hours',
    'how many jobs failed today',
    'training report for the last 3 days',
    'which training runs broke',
    'any failed runs since yesterday',
    'job failures over the past 2 hours',
    'what failed recently',
    'what broke since this morning',
    'training failures over the past few days',
    'data scientist here, which training runs broke overnight',
    'any jobs fail in the past 12h',
    'list failed runs since yesterday',
    'did my training job finish',
    '3am page, what jobs died in the last 2 hours',
    'show training job failures this week',
    'how many runs failed today',
    'jobs status for the last day pls',
    'new hire q: how do I see which jobs are running right now',
    'anything stuck in the training queue',
    'ugh my run failed again, list the failed jobs today',
    'before I resubmit anything, what failed in the past 4 hours',
    'did the retrain ever succeed',
    'has the nightly retrain finished ok',
    'pls list the runs that broke since yesterday',
    'quick one, any pipeline runs erroring out this morning?',
    'which trainings crashed over the weekend',
    'my experiment died, show me failed runs from the past 8 hours',
    'hi, could you pull the job history for today',
    'any job failures on the gpu cluster overnight',
    'failed runs overnight?',
    'show me the experiments that failed today',
    'did the nightly retrain pass',
    'pipeline runs from the last 6h',
    'how did the hyperparameter sweep go',
    'which runs failed in the last 3 hours and with what error',
    'my training was killed somewhere in the night, could you list the failed jobs with their reasons',
    'Hello, my experiment is not finishing since yesterday, I would like to see the status of the jobs please',
    'failure reasons for the runs that died today',
    'jobs last 48 hours',
    'any runs still queued or running',
    'how many training jobs succeeded overnight',
    '<at>opsbot</at> failed jobs since midnight',
    'after the release, did any pipelines break',
    'count of failed vs completed runs this week',
    'did the sweep finish over the weekend',
    'training runs today pls',
    'For the weekly report, please list all training job failures over the past seven days.',
    'overnight jobs: anything red?',
    'which experiments errored in the last 2 days',
    'recap of the training jobs from last night',
    'is my retrain still running or did it die',
    "the team's batch scoring pipeline, did it complete this morning",
    'Good morning, I launched an experiment on Friday from the credit risk project and it still shows as running, can you list the jobs please',
    'I am from the marketing analytics team, our pipeline from last night looks like it did not complete, please show me the training jobs',
    "has last night's training finished",
    'is the overnight training done yet',
    "sorry to bother, my colleague's runs disappeared after the weekend, could you show what happened to the jobs",
    'Hello, I work in the pricing team and my training since yesterday evening seems not finished, can you show the status of the jobs?',
    'Hi, I am a data scientist, my model training of this night is not appearing as completed, please can you show me the runs',
    'I started a retraining before I went home and this morning I cannot see the result, could you list the jobs from the last 16 hours',
    'pipeline failures and their error messages since yesterday',
    'before I rerun anything, which jobs failed this morning',
    'before I kick off another sweep I want the list of runs that died in the last 3 hours',
  ],
  params: { hours: hours({ min: 1, max: 720, default: 24 }).describe('Window in hours, default 24') },
  kind: 'read',
  roles: everyone,
  givesWayTo: ['how-to'],
  run: runJobsStatus,
});
