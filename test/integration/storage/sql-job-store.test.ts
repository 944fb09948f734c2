import { SqlJobStore } from '../../../adapters/storage/sql-job-store';
import { ManualClock } from '../../../core/clock';
import { JobRunner } from '../../../core/scheduling/job-runner';
import type { DurableJob, ScheduleRequest } from '../../../core/scheduling/job-store';
import { startChildScript } from './child-script';
import { ScratchDatabases, enginesUnderTest } from './scratch-databases';

const t0 = new Date('2025-03-01T08:00:00.000Z');
const at = (offsetInMs: number) => new Date(t0.getTime() + offsetInMs);
const createdAt = new Date('2025-03-01T07:00:00.000Z');

function request(overrides: Partial<ScheduleRequest> = {}): ScheduleRequest {
  return {
    kind: 'approval.expire',
    key: 'approval.expire:PRP-1',
    dueAt: t0,
    payload: { proposalId: 'PRP-1' },
    ...overrides,
  };
}

describe.each(enginesUnderTest)('SqlJobStore on %s', (engine) => {
  const scratch = new ScratchDatabases(engine);
  afterEach(() => scratch.dispose());

  async function newStore(): Promise<SqlJobStore> {
    return new SqlJobStore(await scratch.open(await scratch.newUrl()));
  }

  it('schedules a job once per key and gives back the first one for a repeated key', async () => {
    const store = await newStore();
    const first = await store.schedule(
      request({ payload: { proposalId: 'PRP-1', nested: { tier: 'L2' } } }),
      createdAt,
    );
    expect(first.created).toBe(true);
    expect(first.job).toEqual({
      id: expect.any(String),
      kind: 'approval.expire',
      key: 'approval.expire:PRP-1',
      dueAt: new Date('2025-03-01T08:00:00.000Z'),
      payload: { proposalId: 'PRP-1', nested: { tier: 'L2' } },
      state: 'pending',
      attempts: 0,
      createdAt: new Date('2025-03-01T07:00:00.000Z'),
    });
    const again = await store.schedule(
      request({ dueAt: new Date('2025-03-09T00:00:00Z'), payload: { other: true } }),
      new Date('2025-03-01T07:30:00Z'),
    );
    expect(again).toEqual({ job: first.job, created: false });
    expect(await store.list()).toEqual([first.job]);
    expect(await store.get('approval.expire:PRP-1')).toEqual(first.job);
    expect(await store.get('no-such-key')).toBeUndefined();
  });

  it('does not claim a job before it is due and claims it at its due instant', async () => {
    const store = await newStore();
    await store.schedule(request(), createdAt);
    expect(await store.claimDue(at(-1), 'bot-a', 60_000, 10)).toEqual([]);
    const claimed = await store.claimDue(t0, 'bot-a', 60_000, 10);
    expect(claimed).toHaveLength(1);
    expect(claimed[0]).toMatchObject({
      key: 'approval.expire:PRP-1',
      state: 'running',
      attempts: 1,
      leaseOwner: 'bot-a',
      leaseUntil: new Date('2025-03-01T08:01:00.000Z'),
    });
    expect(await store.claimDue(at(59_999), 'bot-b', 60_000, 10)).toEqual([]);
    expect(await store.get('approval.expire:PRP-1')).toEqual(claimed[0]);
  });

  it('lets another owner take a job whose lease ran out; the old owner can then neither complete nor fail it', async () => {
    const store = await newStore();
    await store.schedule(request(), createdAt);
    const [job] = await store.claimDue(t0, 'bot-a', 1000, 10);
    expect(await store.claimDue(at(999), 'bot-b', 1000, 10)).toEqual([]);
    const retaken = await store.claimDue(at(1000), 'bot-b', 1000, 10);
    expect(retaken.map((j) => [j.id, j.attempts, j.leaseOwner])).toEqual([[job.id, 2, 'bot-b']]);

    expect(await store.complete(job.id, 'bot-a', at(1100))).toBe(false);
    expect(await store.fail(job.id, 'bot-a', 'late', at(1100), at(5000))).toBe(false);
    expect(await store.complete(job.id, 'bot-b', at(1200))).toBe(true);
    expect(await store.complete(job.id, 'bot-b', at(1300))).toBe(false);
    const done = await store.get('approval.expire:PRP-1');
    expect(done).toMatchObject({ state: 'done', attempts: 2, leaseOwner: 'bot-b' });
    expect(done?.finishedAt).toEqual(new Date('2025-03-01T08:00:01.200Z'));
    expect(done).not.toHaveProperty('leaseUntil');
    expect(done).not.toHaveProperty('lastError');
  });

  it('cancels a pending job by key, and only a pending one', async () => {
    const store = await newStore();
    await store.schedule(request(), createdAt);
    await store.schedule(request({ key: 'approval.expire:PRP-2' }), createdAt);
    expect(await store.cancel('approval.expire:PRP-1', at(-5000))).toBe(true);
    expect(await store.cancel('approval.expire:PRP-1', at(-4000))).toBe(false);
    expect(await store.cancel('no-such-key', at(-4000))).toBe(false);
    const cancelled = await store.get('approval.expire:PRP-1');
    expect(cancelled?.state).toBe('cancelled');
    expect(cancelled?.finishedAt).toEqual(new Date('2025-03-01T07:59:55.000Z'));

    const claimed = await store.claimDue(at(10_000), 'bot-a', 60_000, 10);
    expect(claimed.map((j) => j.key)).toEqual(['approval.expire:PRP-2']);
    expect(await store.cancel('approval.expire:PRP-2', at(10_000))).toBe(false);
    expect((await store.get('approval.expire:PRP-2'))?.state).toBe('running');
  });

  it('puts a failed job back to pending at retryAt, or ends it failed without one', async () => {
    const store = await newStore();
    await store.schedule(request(), createdAt);
    const [job] = await store.claimDue(t0, 'bot-a', 60_000, 10);
    expect(await store.fail(job.id, 'bot-a', 'throttled', at(200), at(30_000))).toBe(true);
    const retrying = await store.get('approval.expire:PRP-1');
    expect(retrying).toMatchObject({ state: 'pending', attempts: 1, lastError: 'throttled' });
    expect(retrying?.dueAt).toEqual(new Date('2025-03-01T08:00:30.000Z'));
    expect(retrying).not.toHaveProperty('leaseOwner');
    expect(await store.claimDue(at(29_999), 'bot-a', 60_000, 10)).toEqual([]);

    const [again] = await store.claimDue(at(30_000), 'bot-b', 60_000, 10);
    expect(again.attempts).toBe(2);
    expect(await store.fail(again.id, 'bot-b', 'still throttled', at(30_500))).toBe(true);
    const failed = await store.get('approval.expire:PRP-1');
    expect(failed).toMatchObject({ state: 'failed', attempts: 2, lastError: 'still throttled' });
    expect(failed?.finishedAt).toEqual(new Date('2025-03-01T08:00:30.500Z'));
    expect(await store.claimDue(at(3_600_000), 'bot-a', 60_000, 10)).toEqual([]);
  });

  it('retries through the runner with backoff and ends failed after maxAttempts', async () => {
    const store = await newStore();
    await store.schedule(request({ kind: 'change.run', key: 'change.run:CHG-1' }), createdAt);
    const clock = new ManualClock(t0);
    const runs: number[] = [];
    const runner = new JobRunner({
      store,
      clock,
      owner: 'bot-a',
      maxAttempts: 2,
      backoff: () => 10_000,
      handlers: {
        'change.run': async (job) => {
          runs.push(job.attempts);
          throw new Error('conflict');
        },
      },
    });
    expect(await runner.tick()).toEqual({ ran: 0, failed: 1 });
    clock.set(at(9_999));
    expect(await runner.tick()).toEqual({ ran: 0, failed: 0 });
    clock.set(at(10_000));
    expect(await runner.tick()).toEqual({ ran: 0, failed: 1 });
    expect(runs).toEqual([1, 2]);
    expect(await store.get('change.run:CHG-1')).toMatchObject({ state: 'failed', lastError: 'conflict' });
  });

  it('lists by kind and state, earliest due first', async () => {
    const store = await newStore();
    await store.schedule(request({ key: 'late', dueAt: at(5000) }), createdAt);
    await store.schedule(request({ key: 'early', dueAt: at(1000) }), createdAt);
    await store.schedule(request({ key: 'esc', kind: 'incident.escalate', dueAt: at(2000) }), createdAt);
    await store.cancel('late', createdAt);
    expect((await store.list()).map((j) => j.key)).toEqual(['early', 'esc', 'late']);
    expect((await store.list({ kind: 'approval.expire' })).map((j) => j.key)).toEqual(['early', 'late']);
    expect((await store.list({ state: ['pending'] })).map((j) => j.key)).toEqual(['early', 'esc']);
    expect(
      (await store.list({ kind: 'approval.expire', state: ['cancelled', 'done'] })).map((j) => j.key),
    ).toEqual(['late']);
    expect(await store.list({ state: [] })).toEqual([]);
  });

  it('refuses requests it cannot store or claim', async () => {
    const store = await newStore();
    await expect(store.schedule(request({ dueAt: new Date('nonsense') }), createdAt)).rejects.toThrow(
      /dueAt/,
    );
    await expect(store.schedule(request({ key: '' }), createdAt)).rejects.toThrow(/key/);
    await expect(
      store.schedule(request({ payload: [] as unknown as Record<string, unknown> }), createdAt),
    ).rejects.toThrow(/payload/);
    await expect(store.claimDue(t0, 'bot-a', 60_000, 0)).rejects.toThrow(/limit/);
    await expect(store.claimDue(t0, 'bot-a', 0, 10)).rejects.toThrow(/lease/);
    await expect(store.claimDue(t0, '', 60_000, 10)).rejects.toThrow(/owner/);
    expect(await store.list()).toEqual([]);
  });

  it('keeps pending and running jobs across a restart', async () => {
    const url = await scratch.newUrl();
    const first = await scratch.open(url);
    const before = new SqlJobStore(first);
    await before.schedule(request({ key: 'a', dueAt: at(0) }), createdAt);
    await before.schedule(request({ key: 'b', dueAt: at(60_000) }), createdAt);
    expect(await before.claimDue(at(0), 'bot-old', 30_000, 10)).toHaveLength(1);
    const stored = await before.list();
    await first.close();

    const reopened = await scratch.open(url);
    expect(reopened.appliedMigrations).toEqual([]);
    const after = new SqlJobStore(reopened);
    expect(await after.list()).toEqual(stored);
    const claimed = await after.claimDue(at(60_000), 'bot-new', 30_000, 10);
    expect(claimed.map((j) => [j.key, j.attempts])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
  });

  async function scheduleMany(store: SqlJobStore, count: number): Promise<string[]> {
    const keys = Array.from({ length: count }, (_, i) => `count:${String(i).padStart(3, '0')}`);
    for (const [i, key] of keys.entries()) {
      await store.schedule({ kind: 'test.count', key, dueAt: at(i), payload: { i } }, createdAt);
    }
    return keys;
  }

  async function expectAllDoneOnce(store: SqlJobStore, keys: string[]): Promise<void> {
    const jobs = await store.list();
    expect(jobs).toHaveLength(keys.length);
    expect(jobs.filter((j) => j.state !== 'done' || j.attempts !== 1)).toEqual([]);
  }

  it('lets two connections claim 200 due jobs at once and hands each job to exactly one of them', async () => {
    const url = await scratch.newUrl();
    const stores = [new SqlJobStore(await scratch.open(url)), new SqlJobStore(await scratch.open(url))];
    const keys = await scheduleMany(stores[0], 200);
    const claimedBy = await Promise.all(
      stores.map(async (store, n) => {
        const owner = `bot-${n}`;
        const mine: string[] = [];
        for (;;) {
          const jobs: DurableJob[] = await store.claimDue(at(10_000), owner, 60_000, 7);
          if (jobs.length === 0) return mine;
          for (const job of jobs) {
            mine.push(job.key);
            expect(await store.complete(job.id, owner, at(10_000))).toBe(true);
          }
        }
      }),
    );
    expect(claimedBy[0].length + claimedBy[1].length).toBe(200);
    expect([...claimedBy[0], ...claimedBy[1]].sort()).toEqual(keys);
    await expectAllDoneOnce(stores[0], keys);
  });

  it('lets two bot processes run 200 due jobs concurrently, each job exactly once', async () => {
    const url = await scratch.newUrl();
    const store = new SqlJobStore(await scratch.open(url));
    const keys = await scheduleMany(store, 200);
    const children = ['proc-1', 'proc-2'].map((owner) =>
      startChildScript<{ owner: string; ran: string[] }>('job-claimer.script.ts', [
        url,
        owner,
        at(10_000).toISOString(),
      ]),
    );
    await Promise.all(children.map((child) => child.ready));
    for (const child of children) child.go();
    const results = await Promise.all(children.map((child) => child.result));

    expect(results.map((r) => r.owner)).toEqual(['proc-1', 'proc-2']);
    for (const result of results) expect(result.ran.length).toBeGreaterThan(0);
    const ran = results.flatMap((r) => r.ran);
    expect(ran).toHaveLength(200);
    expect(ran.sort()).toEqual(keys);
    await expectAllDoneOnce(store, keys);
  });
});
