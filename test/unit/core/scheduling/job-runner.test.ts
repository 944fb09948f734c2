import { openDatabase, type Database } from '../../../../adapters/storage/database';
import { SqlJobStore } from '../../../../adapters/storage/sql-job-store';
import { ManualClock } from '../../../../core/clock';
import { JobRunner, defaultBackoff, type JobContext } from '../../../../core/scheduling/job-runner';
import type { DurableJob } from '../../../../core/scheduling/job-store';

const t0 = '2025-03-01T08:00:00.000Z';

describe('JobRunner (on the SQL store, sqlite::memory:)', () => {
  let database: Database;
  let store: SqlJobStore;
  let clock: ManualClock;

  beforeEach(async () => {
    database = await openDatabase('sqlite::memory:');
    store = new SqlJobStore(database);
    clock = new ManualClock('2025-03-01T07:00:00.000Z');
  });
  afterEach(() => database.close());

  async function schedule(key: string, dueAt: string, kind = 'approval.expire', payload = {}) {
    return (await store.schedule({ kind, key, dueAt: new Date(dueAt), payload }, clock.now())).job;
  }

  /** A handler that records what it was called with. */
  function recorder(behaviour: (job: DurableJob) => Promise<void> = async () => undefined) {
    const calls: { key: string; attempts: number; payload: unknown; ctx: JobContext }[] = [];
    const handler = async (job: DurableJob, ctx: JobContext) => {
      calls.push({ key: job.key, attempts: job.attempts, payload: job.payload, ctx });
      await behaviour(job);
    };
    return { calls, handler };
  }

  it('runs a job only once its due instant has come, then marks it done', async () => {
    await schedule('approval.expire:PRP-1', t0, 'approval.expire', { proposalId: 'PRP-1' });
    const { calls, handler } = recorder();
    const runner = new JobRunner({ store, clock, owner: 'bot-a', handlers: { 'approval.expire': handler } });

    clock.set('2025-03-01T07:59:59.999Z');
    expect(await runner.tick()).toEqual({ ran: 0, failed: 0 });
    expect(calls).toHaveLength(0);

    clock.set(t0);
    expect(await runner.tick()).toEqual({ ran: 1, failed: 0 });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      key: 'approval.expire:PRP-1',
      attempts: 1,
      payload: { proposalId: 'PRP-1' },
    });
    expect(calls[0].ctx.isRetry).toBe(false);
    expect(calls[0].ctx.claimedAt.toISOString()).toBe(t0);
    expect(calls[0].ctx.leaseUntil.toISOString()).toBe('2025-03-01T08:01:00.000Z');

    const done = await store.get('approval.expire:PRP-1');
    expect(done).toMatchObject({ state: 'done', attempts: 1, leaseOwner: 'bot-a' });
    expect(done?.finishedAt?.toISOString()).toBe(t0);
    expect(await runner.tick()).toEqual({ ran: 0, failed: 0 });
    expect(calls).toHaveLength(1);
  });

  it('retries a failing handler after the backoff, then marks the job failed after maxAttempts', async () => {
    await schedule('change.run:CHG-7', t0, 'change.run');
    const { calls, handler } = recorder(async () => {
      throw new Error('endpoint is Updating');
    });
    const runner = new JobRunner({
      store,
      clock,
      owner: 'bot-a',
      handlers: { 'change.run': handler },
      maxAttempts: 3,
      backoff: (attempt) => attempt * 1000,
    });

    clock.set(t0);
    expect(await runner.tick()).toEqual({ ran: 0, failed: 1 });
    let job = await store.get('change.run:CHG-7');
    expect(job).toMatchObject({ state: 'pending', attempts: 1, lastError: 'endpoint is Updating' });
    expect(job?.dueAt.toISOString()).toBe('2025-03-01T08:00:01.000Z');
    expect(job).not.toHaveProperty('leaseOwner');

    clock.set('2025-03-01T08:00:00.999Z');
    expect(await runner.tick()).toEqual({ ran: 0, failed: 0 });
    clock.set('2025-03-01T08:00:01.000Z');
    expect(await runner.tick()).toEqual({ ran: 0, failed: 1 });
    job = await store.get('change.run:CHG-7');
    expect(job?.dueAt.toISOString()).toBe('2025-03-01T08:00:03.000Z');

    clock.set('2025-03-01T08:00:03.000Z');
    expect(await runner.tick()).toEqual({ ran: 0, failed: 1 });
    job = await store.get('change.run:CHG-7');
    expect(job).toMatchObject({ state: 'failed', attempts: 3, lastError: 'endpoint is Updating' });
    expect(job?.finishedAt?.toISOString()).toBe('2025-03-01T08:00:03.000Z');

    clock.set('2025-03-02T00:00:00.000Z');
    expect(await runner.tick()).toEqual({ ran: 0, failed: 0 });
    expect(calls.map((c) => [c.attempts, c.ctx.isRetry])).toEqual([
      [1, false],
      [2, true],
      [3, true],
    ]);
  });

  it('marks a job of a kind without a handler failed, naming the kind and the handlers it has', async () => {
    await schedule('mystery:1', t0, 'incident.mystery');
    const { calls, handler } = recorder();
    const runner = new JobRunner({ store, clock, owner: 'bot-a', handlers: { 'approval.expire': handler } });
    clock.set(t0);
    expect(await runner.tick()).toEqual({ ran: 0, failed: 1 });
    const job = await store.get('mystery:1');
    expect(job?.state).toBe('failed');
    expect(job?.lastError).toBe(
      'No handler for the job kind "incident.mystery" (handlers: approval.expire).',
    );
    expect(calls).toHaveLength(0);
  });

  it('runs a job again on another instance when the first one crashed holding it, telling it so', async () => {
    await schedule('incident.escalate:INC-3:L2', t0, 'incident.escalate');
    clock.set(t0);
    const crashed = await store.claimDue(clock.now(), 'bot-crashed', 60_000, 10);
    expect(crashed.map((j) => j.key)).toEqual(['incident.escalate:INC-3:L2']);

    const { calls, handler } = recorder();
    const survivor = new JobRunner({
      store,
      clock,
      owner: 'bot-b',
      handlers: { 'incident.escalate': handler },
    });
    clock.set('2025-03-01T08:00:59.999Z');
    expect(await survivor.tick()).toEqual({ ran: 0, failed: 0 });
    clock.set('2025-03-01T08:01:00.000Z');
    expect(await survivor.tick()).toEqual({ ran: 1, failed: 0 });
    expect(calls.map((c) => [c.attempts, c.ctx.isRetry])).toEqual([[2, true]]);
    expect(await store.get('incident.escalate:INC-3:L2')).toMatchObject({
      state: 'done',
      leaseOwner: 'bot-b',
    });
  });

  it('gives up on a job whose runs kept crashing, without running it again', async () => {
    await schedule('change.run:CHG-9', t0, 'change.run');
    clock.set(t0);
    for (const owner of ['bot-1', 'bot-2']) {
      expect(await store.claimDue(clock.now(), owner, 1000, 10)).toHaveLength(1);
      clock.advance(1000);
    }
    const { calls, handler } = recorder();
    const runner = new JobRunner({
      store,
      clock,
      owner: 'bot-3',
      handlers: { 'change.run': handler },
      maxAttempts: 2,
    });
    expect(await runner.tick()).toEqual({ ran: 0, failed: 1 });
    expect(calls).toHaveLength(0);
    const job = await store.get('change.run:CHG-9');
    expect(job).toMatchObject({ state: 'failed', attempts: 3 });
    expect(job?.lastError).toMatch(/Gave up after 2 claims/);
  });

  it('claims at most batchSize jobs per tick, earliest due first', async () => {
    await schedule('c', '2025-03-01T07:30:00.000Z');
    await schedule('a', '2025-03-01T07:10:00.000Z');
    await schedule('b', '2025-03-01T07:20:00.000Z');
    const { calls, handler } = recorder();
    const runner = new JobRunner({
      store,
      clock,
      owner: 'bot-a',
      handlers: { 'approval.expire': handler },
      batchSize: 2,
    });
    clock.set(t0);
    expect(await runner.tick()).toEqual({ ran: 2, failed: 0 });
    expect(calls.map((c) => c.key).sort()).toEqual(['a', 'b']);
    expect(await runner.tick()).toEqual({ ran: 1, failed: 0 });
    expect(calls.map((c) => c.key)[2]).toBe('c');
  });

  it('start() ticks on its own; stop() waits for the handler under way and records its outcome', async () => {
    await schedule('approval.expire:PRP-5', t0);
    clock.set(t0);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const handlerEntered = new Promise<void>((resolve) => (entered = resolve));
    const runner = new JobRunner({
      store,
      clock,
      owner: 'bot-a',
      handlers: {
        'approval.expire': async () => {
          entered();
          await released;
        },
      },
    });
    runner.start(5);
    await handlerEntered;
    let stopped = false;
    const stopping = runner.stop().then(() => (stopped = true));
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    expect((await store.get('approval.expire:PRP-5'))?.state).toBe('running');
    release();
    await stopping;
    expect((await store.get('approval.expire:PRP-5'))?.state).toBe('done');
  });

  it('refuses options it cannot work with', () => {
    const base = { store, clock, owner: 'bot-a', handlers: {} };
    expect(() => new JobRunner({ ...base, owner: '' })).toThrow(/owner/);
    expect(() => new JobRunner({ ...base, leaseInMs: 0 })).toThrow(/leaseInMs/);
    expect(() => new JobRunner({ ...base, maxAttempts: 1.5 })).toThrow(/maxAttempts/);
    expect(() => new JobRunner({ ...base, batchSize: -1 })).toThrow(/batchSize/);
  });

  it('backs off 30 s, doubling per attempt, at most one hour', () => {
    expect([1, 2, 3, 7, 8, 20].map(defaultBackoff)).toEqual([
      30_000, 60_000, 120_000, 1_920_000, 3_600_000, 3_600_000,
    ]);
  });
});
