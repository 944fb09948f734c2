/**
 * The durable job port: everything that must happen later (a scheduled change when its window
 * opens, an approval that expires, an escalation timer) is a row that survives restarts and is
 * claimed under a lease, so that instances sharing one database run each job once.
 * `adapters/storage/sql-job-store.ts` implements it on SQLite and PostgreSQL.
 */

/** Where a durable job is in its life: `pending` → `running` → `done` | `failed`, or `cancelled` while pending. */
export type DurableJobState = 'pending' | 'running' | 'done' | 'failed' | 'cancelled';

/** A durable job as stored: what to do (`kind` + `payload`), when (`dueAt`), and how its runs went. */
export interface DurableJob {
  id: string;
  /** Selects the handler, e.g. `approval.expire`. */
  kind: string;
  /** The caller's idempotency key, unique over all jobs ever scheduled, e.g. `approval.expire:PRP-42`. */
  key: string;
  dueAt: Date;
  /** JSON object handed to the handler; ids, never secret values. */
  payload: Record<string, unknown>;
  state: DurableJobState;
  /** How many times the job has been claimed; the run under way counts. */
  attempts: number;
  lastError?: string;
  /** The instance that holds (or last held) the lease. */
  leaseOwner?: string;
  /** Until when that lease holds; after it the job may be claimed again. */
  leaseUntil?: Date;
  createdAt: Date;
  finishedAt?: Date;
}

/** A request to run `kind` with `payload` once `dueAt` has come. */
export interface ScheduleRequest {
  kind: string;
  key: string;
  dueAt: Date;
  payload: Record<string, unknown>;
}

/** Which jobs {@link JobStore.list} returns; every given field must match. */
export interface JobFilter {
  kind?: string;
  state?: DurableJobState[];
}

/**
 * Durable jobs with leases. Every instant is passed in by the caller (from the injected `Clock`);
 * the store never reads the time itself. A claimed job can run again if its lease runs out before it
 * is completed (at-least-once), so handlers must be idempotent.
 */
export interface JobStore {
  /** Idempotent by `key`: a second schedule with the same key returns the existing job (created: false). */
  schedule(request: ScheduleRequest, now: Date): Promise<{ job: DurableJob; created: boolean }>;
  /** Cancels a pending job by key; returns whether one was cancelled. */
  cancel(key: string, now: Date): Promise<boolean>;
  /**
   * Claims up to `limit` due jobs (dueAt <= now, pending, or running with an expired lease) for `owner`
   * until now+leaseInMs, earliest due first. Each claim adds one to the job's `attempts`.
   */
  claimDue(now: Date, owner: string, leaseInMs: number, limit: number): Promise<DurableJob[]>;
  /** Marks a claimed job done — only if `owner` still holds its lease; returns false otherwise. */
  complete(id: string, owner: string, now: Date): Promise<boolean>;
  /** Records a failure; with `retryAt` it goes back to pending then, else it ends `failed`. Owner-checked. */
  fail(id: string, owner: string, error: string, now: Date, retryAt?: Date): Promise<boolean>;
  get(key: string): Promise<DurableJob | undefined>;
  /** Jobs matching the filter, earliest due first. */
  list(filter?: JobFilter): Promise<DurableJob[]>;
}
