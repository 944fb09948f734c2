import { silentLogger, type Logger } from '../logger';
import type { Clock } from '../ports';
import type { DurableJob, JobStore } from './job-store';

/** What a handler is told besides the job itself. */
export interface JobContext {
  /** The clock's time when the job was claimed. */
  claimedAt: Date;
  /** Until when this instance holds the job; a handler that runs past it may find the job run again elsewhere. */
  leaseUntil: Date;
  /**
   * True when this is not the first claim (`job.attempts > 1`): an earlier run failed, or stopped
   * part-way because its instance crashed or outran its lease. The handler must then check what
   * is already done before it acts.
   */
  isRetry: boolean;
  logger: Logger;
}

/**
 * Runs one kind of durable job. Jobs run at least once: after a crash, or when a run outlasts its
 * lease, the job is claimed again, so a handler must be idempotent (check the proposal's or the
 * incident's state, use compare-and-set, pass idempotency keys to the outside world). Throwing
 * means "failed": the runner retries with backoff until its `maxAttempts`, then the job ends `failed`.
 */
export type JobHandler = (job: DurableJob, ctx: JobContext) => Promise<void>;

/** Options for {@link JobRunner}. */
export interface JobRunnerOptions {
  store: JobStore;
  /** Decides what is due; the loop's own interval is real time. */
  clock: Clock;
  /** This instance's id, written as the lease owner. Unique per running process. */
  owner: string;
  /** A handler per job kind. */
  handlers: Record<string, JobHandler>;
  /** How long a claim holds. Default 60000. */
  leaseInMs?: number;
  /** Most jobs claimed (and run at once) per tick. Default 10. */
  batchSize?: number;
  /** Most runs of a job, counting runs cut short by a crash. Default 5. */
  maxAttempts?: number;
  /** Wait before the next run after attempt number `attempt` failed. Default 30 s doubling, at most 1 h. */
  backoff?: (attempt: number) => number;
  logger?: Logger;
}

/** What one tick did: handlers that finished, and jobs that failed (to be retried or for good). */
export interface TickResult {
  ran: number;
  failed: number;
}

/** 30 s, 60 s, 120 s … capped at one hour. */
export function defaultBackoff(attempt: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
}

/**
 * The scheduling loop: each tick claims the jobs due by the injected clock and runs each one's
 * handler once, then records the outcome in the store under the lease. Several runners (one per
 * instance) may share a store; the store's claim keeps them from taking the same job. A job whose
 * claims reached `maxAttempts` without an outcome (its runs kept crashing) ends `failed` unrun.
 */
export class JobRunner {
  private readonly store: JobStore;
  private readonly clock: Clock;
  private readonly owner: string;
  private readonly handlers: Record<string, JobHandler>;
  private readonly leaseInMs: number;
  private readonly batchSize: number;
  private readonly maxAttempts: number;
  private readonly backoff: (attempt: number) => number;
  private readonly logger: Logger;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(options: JobRunnerOptions) {
    if (!options.owner) throw new TypeError('A job runner needs an owner (the instance id).');
    this.store = options.store;
    this.clock = options.clock;
    this.owner = options.owner;
    this.handlers = { ...options.handlers };
    this.leaseInMs = positive('leaseInMs', options.leaseInMs ?? 60_000);
    this.batchSize = whole('batchSize', options.batchSize ?? 10);
    this.maxAttempts = whole('maxAttempts', options.maxAttempts ?? 5);
    this.backoff = options.backoff ?? defaultBackoff;
    this.logger = (options.logger ?? silentLogger).child({ component: 'scheduler', owner: this.owner });
  }

  /** Claims the jobs due now and runs them. Rejects only when the claim itself fails. */
  tick(): Promise<TickResult> {
    const work = this.runTick();
    this.inFlight.add(work);
    const forget = () => this.inFlight.delete(work);
    work.then(forget, forget);
    return work;
  }

  /** Ticks now and then every `intervalInMs` after the previous tick ended, until {@link stop}. */
  start(intervalInMs: number): void {
    positive('intervalInMs', intervalInMs);
    if (this.running) return;
    this.running = true;
    const loop = async () => {
      this.timer = undefined;
      try {
        await this.tick();
      } catch (error) {
        this.logger.error({ err: error }, 'claiming due jobs failed; trying again at the next tick');
      }
      if (this.running) {
        this.timer = setTimeout(loop, intervalInMs);
        this.timer.unref?.();
      }
    };
    void loop();
  }

  /** Stops the loop and waits for the ticks under way; their jobs finish and are recorded. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await Promise.allSettled([...this.inFlight]);
  }

  private async runTick(): Promise<TickResult> {
    const claimedAt = this.clock.now();
    const jobs = await this.store.claimDue(claimedAt, this.owner, this.leaseInMs, this.batchSize);
    const outcomes = await Promise.all(jobs.map((job) => this.runOne(job, claimedAt)));
    return {
      ran: outcomes.filter((o) => o === 'ran').length,
      failed: outcomes.filter((o) => o === 'failed').length,
    };
  }

  private async runOne(job: DurableJob, claimedAt: Date): Promise<'ran' | 'failed'> {
    const log = this.logger.child({ jobId: job.id, kind: job.kind, key: job.key, attempt: job.attempts });
    const handler = Object.hasOwn(this.handlers, job.kind) ? this.handlers[job.kind] : undefined;
    if (!handler) {
      const known = Object.keys(this.handlers).sort().join(', ') || 'none';
      await this.record(log, 'fail', () =>
        this.store.fail(
          job.id,
          this.owner,
          `No handler for the job kind "${job.kind}" (handlers: ${known}).`,
          this.clock.now(),
        ),
      );
      log.error({ known }, 'durable job has a kind no handler runs; it is marked failed');
      return 'failed';
    }
    if (job.attempts > this.maxAttempts) {
      await this.record(log, 'fail', () =>
        this.store.fail(
          job.id,
          this.owner,
          `Gave up after ${job.attempts - 1} claims without an outcome (each run crashed or outran its lease).`,
          this.clock.now(),
        ),
      );
      log.error('durable job never finished within its lease; it is marked failed');
      return 'failed';
    }
    const leaseUntil = job.leaseUntil ?? new Date(claimedAt.getTime() + this.leaseInMs);
    try {
      await handler(job, { claimedAt, leaseUntil, isRetry: job.attempts > 1, logger: log });
    } catch (error) {
      const now = this.clock.now();
      const message = describe(error);
      const retryAt =
        job.attempts < this.maxAttempts
          ? new Date(now.getTime() + Math.max(0, this.backoff(job.attempts) || 0))
          : undefined;
      await this.record(log, 'fail', () => this.store.fail(job.id, this.owner, message, now, retryAt));
      if (retryAt) log.warn({ err: error, retryAt }, 'durable job failed; it will run again');
      else log.error({ err: error }, 'durable job failed for the last time');
      return 'failed';
    }
    const finishedAt = this.clock.now();
    if (finishedAt.getTime() > leaseUntil.getTime()) {
      log.warn({ leaseUntil, finishedAt }, 'durable job outran its lease; another instance may run it too');
    }
    await this.record(log, 'complete', () => this.store.complete(job.id, this.owner, finishedAt));
    return 'ran';
  }

  /** Writes an outcome; a lost lease or a store failure is logged, never thrown (the lease then decides). */
  private async record(log: Logger, what: string, write: () => Promise<boolean>): Promise<void> {
    try {
      if (!(await write())) log.warn(`could not ${what} the durable job: another instance holds it now`);
    } catch (error) {
      log.error({ err: error }, `could not ${what} the durable job; it runs again when its lease ends`);
    }
  }
}

function positive(name: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new RangeError(`The job runner's ${name} must be a positive number of milliseconds, not ${value}.`);
  }
  return value;
}

function whole(name: string, value: number): number {
  if (!(Number.isInteger(value) && value > 0)) {
    throw new RangeError(`The job runner's ${name} must be a positive whole number, not ${value}.`);
  }
  return value;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}
