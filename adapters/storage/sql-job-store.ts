import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { StorageError } from '../../core/errors';
import type {
  DurableJob,
  DurableJobState,
  JobFilter,
  JobStore,
  ScheduleRequest,
} from '../../core/scheduling/job-store';
import type { Database } from './database';
import type { DurableJobsTable } from './storage-schema';

/** What a claim may take: pending jobs, and running jobs whose lease has run out. */
type ClaimableState = Extract<DurableJobState, 'pending' | 'running'>;

/**
 * Durable jobs in the `durable_jobs` table, shared by every bot instance on the database.
 * A claim is one statement on both engines: on PostgreSQL it locks the rows it takes with
 * `for update skip locked`, so concurrent claimers pass each other's rows by; on SQLite the
 * statement holds the database's write lock, so a second process waits for it (busy timeout).
 * `complete` and `fail` are compare-and-set on the lease owner: an instance whose lease was taken
 * over can no longer change the job. The owner still holds its lease after `leaseUntil` as long as
 * nobody has claimed the job again.
 */
export class SqlJobStore implements JobStore {
  constructor(private readonly database: Database) {}

  async schedule(request: ScheduleRequest, now: Date): Promise<{ job: DurableJob; created: boolean }> {
    const row = toNewRow(request, now);
    const db = this.database.db;
    const inserted = await this.guard('schedule', () =>
      db
        .insertInto('durable_jobs')
        .values(row)
        .onConflict((oc) => oc.column('key').doNothing())
        .returningAll()
        .executeTakeFirst(),
    );
    if (inserted) return { job: toJob(inserted), created: true };
    const existing = await this.get(request.key);
    if (!existing) {
      throw new StorageError(`The job "${request.key}" was neither scheduled nor found; try again.`);
    }
    return { job: existing, created: false };
  }

  async cancel(key: string, now: Date): Promise<boolean> {
    const at = instant(now, 'now');
    const result = await this.guard('cancel', () =>
      this.database.db
        .updateTable('durable_jobs')
        .set({ state: 'cancelled', finished_at: at })
        .where('key', '=', key)
        .where('state', '=', 'pending')
        .executeTakeFirst(),
    );
    return result.numUpdatedRows === 1n;
  }

  async claimDue(now: Date, owner: string, leaseInMs: number, limit: number): Promise<DurableJob[]> {
    const at = instant(now, 'now');
    requireOwner(owner);
    if (!(Number.isFinite(leaseInMs) && leaseInMs > 0)) {
      throw new RangeError(`A lease must last a positive number of milliseconds, not ${leaseInMs}.`);
    }
    if (!(Number.isInteger(limit) && limit > 0)) {
      throw new RangeError(`A claim limit must be a positive whole number, not ${limit}.`);
    }
    const leaseUntil = new Date(now.getTime() + leaseInMs).toISOString();
    const db = this.database.db;
    const pending: ClaimableState = 'pending';
    const running: ClaimableState = 'running';
    let due = db
      .selectFrom('durable_jobs')
      .select('id')
      .where('due_at', '<=', at)
      .where((eb) =>
        eb.or([eb('state', '=', pending), eb.and([eb('state', '=', running), eb('lease_until', '<=', at)])]),
      )
      .orderBy('due_at', 'asc')
      .orderBy('id', 'asc')
      .limit(limit);
    if (this.database.dialect === 'postgres') due = due.forUpdate().skipLocked();
    const rows = await this.guard('claim', () =>
      db
        .updateTable('durable_jobs')
        .set((eb) => ({
          state: 'running',
          lease_owner: owner,
          lease_until: leaseUntil,
          attempts: eb('attempts', '+', 1),
        }))
        .where('id', 'in', due)
        .returningAll()
        .execute(),
    );
    return rows.map(toJob).sort(byDueAt);
  }

  async complete(id: string, owner: string, now: Date): Promise<boolean> {
    const at = instant(now, 'now');
    const result = await this.guard('complete', () =>
      this.database.db
        .updateTable('durable_jobs')
        .set({ state: 'done', finished_at: at, lease_until: null })
        .where('id', '=', id)
        .where('state', '=', 'running')
        .where('lease_owner', '=', owner)
        .executeTakeFirst(),
    );
    return result.numUpdatedRows === 1n;
  }

  async fail(id: string, owner: string, error: string, now: Date, retryAt?: Date): Promise<boolean> {
    const at = instant(now, 'now');
    const next =
      retryAt === undefined
        ? { state: 'failed' as const, finished_at: at, lease_until: null, last_error: error }
        : {
            state: 'pending' as const,
            due_at: instant(retryAt, 'retryAt'),
            lease_owner: null,
            lease_until: null,
            last_error: error,
          };
    const result = await this.guard('record a failure of', () =>
      this.database.db
        .updateTable('durable_jobs')
        .set(next)
        .where('id', '=', id)
        .where('state', '=', 'running')
        .where('lease_owner', '=', owner)
        .executeTakeFirst(),
    );
    return result.numUpdatedRows === 1n;
  }

  async get(key: string): Promise<DurableJob | undefined> {
    const row = await this.guard('read', () =>
      this.database.db.selectFrom('durable_jobs').selectAll().where('key', '=', key).executeTakeFirst(),
    );
    return row && toJob(row);
  }

  async list(filter: JobFilter = {}): Promise<DurableJob[]> {
    if (filter.state !== undefined && filter.state.length === 0) return [];
    let select = this.database.db.selectFrom('durable_jobs').selectAll();
    if (filter.kind !== undefined) select = select.where('kind', '=', filter.kind);
    if (filter.state !== undefined) select = select.where('state', 'in', filter.state);
    const rows = await this.guard('list', () =>
      select.orderBy('due_at', 'asc').orderBy('created_at', 'asc').orderBy('id', 'asc').execute(),
    );
    return rows.map(toJob);
  }

  private async guard<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw new StorageError(
        `Cannot ${operation} durable jobs: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }
}

function toNewRow(request: ScheduleRequest, now: Date) {
  if (typeof request.kind !== 'string' || request.kind.length === 0) {
    throw new TypeError('A durable job needs a non-empty kind.');
  }
  if (typeof request.key !== 'string' || request.key.length === 0) {
    throw new TypeError(`The durable job of kind "${request.kind}" needs a non-empty key.`);
  }
  const payload = request.payload;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new TypeError(`The durable job "${request.key}" must have an object as its payload.`);
  }
  let json: string;
  try {
    json = JSON.stringify(payload);
  } catch (error) {
    throw new TypeError(
      `The payload of the durable job "${request.key}" cannot be written as JSON: ${(error as Error).message}`,
    );
  }
  return {
    id: randomUUID(),
    kind: request.kind,
    key: request.key,
    due_at: instant(request.dueAt, 'dueAt'),
    payload: json,
    state: 'pending' as const,
    attempts: 0,
    created_at: instant(now, 'now'),
  };
}

function instant(value: Date, name: string): string {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new TypeError(`A durable job operation needs a valid date in "${name}".`);
  }
  return value.toISOString();
}

function requireOwner(owner: string): void {
  if (typeof owner !== 'string' || owner.length === 0) {
    throw new TypeError('A job claim needs a non-empty owner (the instance id).');
  }
}

function byDueAt(a: DurableJob, b: DurableJob): number {
  return a.dueAt.getTime() - b.dueAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function toJob(row: Selectable<DurableJobsTable>): DurableJob {
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(row.payload) as Record<string, unknown>;
  } catch (error) {
    throw new StorageError(`The payload of the durable job "${row.key}" is not valid JSON.`, {
      cause: error,
    });
  }
  const job: DurableJob = {
    id: row.id,
    kind: row.kind,
    key: row.key,
    dueAt: new Date(row.due_at),
    payload,
    state: row.state,
    attempts: Number(row.attempts),
    createdAt: new Date(row.created_at),
  };
  if (row.last_error !== null) job.lastError = row.last_error;
  if (row.lease_owner !== null) job.leaseOwner = row.lease_owner;
  if (row.lease_until !== null) job.leaseUntil = new Date(row.lease_until);
  if (row.finished_at !== null) job.finishedAt = new Date(row.finished_at);
  return job;
}
