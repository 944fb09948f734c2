import type { JobHandler } from '../../core/scheduling/job-runner';

/** The durable job kinds of change requests. */
export const changeJobKinds = {
  /** A pending change's approval time has passed. */
  expire: 'change.expire',
  /** An approved change's window has come. */
  run: 'change.run',
  /** A run that should long have finished: its instance stopped while it ran. */
  interrupted: 'change.interrupted',
} as const;

/** How long after its start a change still `running` counts as interrupted. */
export const runWatchInMs = 2 * 60 * 60_000;

/** The idempotency key of a change's job: one expiry and one scheduled run per change. */
export function changeJobKey(changeId: string, what: 'expire' | 'run' | 'interrupted'): string {
  return `change:${changeId}:${what}`;
}

/** What the change job handlers call; `skills/execute.ts` provides both. */
export interface ChangeJobActions {
  expire(changeId: string): Promise<void>;
  run(changeId: string, correlationId: string): Promise<void>;
  interrupted(changeId: string): Promise<void>;
}

/**
 * The handlers for the change job kinds. Both are idempotent: they act only on a change still in the
 * state they expect, through compare-and-set, so a job run twice (retry, second instance) does nothing
 * the second time.
 */
export function changeJobHandlers(actions: ChangeJobActions): Record<string, JobHandler> {
  return {
    [changeJobKinds.expire]: async (job) => actions.expire(String(job.payload.changeId)),
    [changeJobKinds.run]: async (job) => actions.run(String(job.payload.changeId), `job:${job.id}`),
    [changeJobKinds.interrupted]: async (job) => actions.interrupted(String(job.payload.changeId)),
  };
}
