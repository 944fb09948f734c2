import { SqlKeyValueStore } from '../../../adapters/storage/sql-key-value-store';
import { ManualClock } from '../../../core/clock';
import { ConcurrencyError } from '../../../core/errors';
import { ScratchDatabases, enginesUnderTest } from './scratch-databases';

describe.each(enginesUnderTest)('SqlKeyValueStore on %s', (engine) => {
  const scratch = new ScratchDatabases(engine);
  afterEach(() => scratch.dispose());

  async function newStore(clock?: ManualClock): Promise<SqlKeyValueStore> {
    return new SqlKeyValueStore(await scratch.open(await scratch.newUrl()), { clock });
  }

  it('reads nothing for keys never written', async () => {
    const store = await newStore();
    expect(await store.read(['conv-1', 'user-1'])).toEqual({});
    expect(await store.read([])).toEqual({});
  });

  it('writes, reads back and stamps each write with a new eTag and the clock', async () => {
    const clock = new ManualClock('2025-03-01T08:00:00.000Z');
    const database = await scratch.open(await scratch.newUrl());
    const store = new SqlKeyValueStore(database, { clock });
    const state = { dialog: { step: 'clarify', missing: ['endpoint'] }, turns: 3, note: 'é ✓ "quoted"' };
    await store.write({ 'conv-1': { value: state }, 'user-1': { value: { locale: 'en-US' } } });
    const first = await store.read(['conv-1', 'user-1', 'unknown']);
    expect(Object.keys(first).sort()).toEqual(['conv-1', 'user-1']);
    expect(first['conv-1'].value).toEqual(state);
    expect(first['conv-1'].eTag).not.toEqual(first['user-1'].eTag);

    clock.advance(60_000);
    await store.write({ 'conv-1': { value: { turns: 4 }, eTag: first['conv-1'].eTag } });
    const second = await store.read(['conv-1']);
    expect(second['conv-1'].value).toEqual({ turns: 4 });
    expect(second['conv-1'].eTag).not.toEqual(first['conv-1'].eTag);
    const row = await database.db
      .selectFrom('kv_items')
      .select('updated_at')
      .where('key', '=', 'conv-1')
      .executeTakeFirstOrThrow();
    expect(new Date(row.updated_at).toISOString()).toBe('2025-03-01T08:01:00.000Z');
  });

  it('overwrites unconditionally with eTag "*" or none', async () => {
    const store = await newStore();
    await store.write({ k: { value: { v: 1 } } });
    await store.write({ k: { value: { v: 2 }, eTag: '*' } });
    expect((await store.read(['k'])).k.value).toEqual({ v: 2 });
    await store.write({ k: { value: { v: 3 } } });
    expect((await store.read(['k'])).k.value).toEqual({ v: 3 });
  });

  it('refuses a write with a stale eTag and keeps the stored item', async () => {
    const store = await newStore();
    await store.write({ k: { value: { v: 1 } } });
    const stale = (await store.read(['k'])).k.eTag;
    await store.write({ k: { value: { v: 2 }, eTag: stale } });
    const current = (await store.read(['k'])).k;

    const failure = store.write({ k: { value: { v: 'lost update' }, eTag: stale } });
    await expect(failure).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(failure).rejects.toMatchObject({ code: 'OPS-502', key: 'k' });
    expect(await store.read(['k'])).toEqual({ k: current });
  });

  it('inserts an item that does not exist yet even when the write carries an eTag', async () => {
    const store = await newStore();
    await store.write({ fresh: { value: { v: 1 }, eTag: 'tag-from-a-deleted-item' } });
    expect((await store.read(['fresh'])).fresh.value).toEqual({ v: 1 });
  });

  it('deletes the given keys and ignores unknown ones', async () => {
    const store = await newStore();
    await store.write({ a: { value: { v: 1 } }, b: { value: { v: 2 } }, c: { value: { v: 3 } } });
    await store.delete(['a', 'c', 'never-written']);
    await store.delete([]);
    expect(Object.keys(await store.read(['a', 'b', 'c']))).toEqual(['b']);
  });

  it('checks the whole batch before writing: bad input writes nothing', async () => {
    const store = await newStore();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const bad: Record<string, { value: Record<string, unknown> }>[] = [
      { ok: { value: { v: 1 } }, list: { value: [1, 2] as unknown as Record<string, unknown> } },
      { ok: { value: { v: 1 } }, nothing: { value: null as unknown as Record<string, unknown> } },
      { ok: { value: { v: 1 } }, loop: { value: circular } },
      { ok: { value: { v: 1 } }, '': { value: { v: 2 } } },
    ];
    for (const items of bad) await expect(store.write(items)).rejects.toBeInstanceOf(TypeError);
    expect(await store.read(['ok'])).toEqual({});
  });

  it('keeps state across a restart, eTags included', async () => {
    const url = await scratch.newUrl();
    const before = await scratch.open(url);
    await new SqlKeyValueStore(before).write({ k: { value: { v: 1 } } });
    const { eTag } = (await new SqlKeyValueStore(before).read(['k'])).k;
    await before.close();

    const after = new SqlKeyValueStore(await scratch.open(url));
    expect((await after.read(['k'])).k).toEqual({ value: { v: 1 }, eTag });
    await after.write({ k: { value: { v: 2 }, eTag } });
    expect((await after.read(['k'])).k.value).toEqual({ v: 2 });
  });

  describe('two bot instances on one database', () => {
    async function twoStores(): Promise<[SqlKeyValueStore, SqlKeyValueStore]> {
      const url = await scratch.newUrl();
      const a = await scratch.open(url);
      const b = await scratch.open(url);
      return [new SqlKeyValueStore(a), new SqlKeyValueStore(b)];
    }

    it('lets exactly one of two writes from the same read win, round after round', async () => {
      const [a, b] = await twoStores();
      await a.write({ k: { value: { round: 0 } } });
      for (let round = 1; round <= 10; round++) {
        const { eTag } = (await a.read(['k'])).k;
        const outcomes = await Promise.allSettled([
          a.write({ k: { value: { round, by: 'a' }, eTag } }),
          b.write({ k: { value: { round, by: 'b' }, eTag } }),
        ]);
        const winners = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [i === 0 ? 'a' : 'b'] : []));
        const losers = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
        expect(winners).toHaveLength(1);
        expect(losers).toEqual([expect.any(ConcurrencyError)]);
        expect((await b.read(['k'])).k.value).toEqual({ round, by: winners[0] });
      }
    });

    it('lets exactly one of two first writes of the same new key win', async () => {
      const [a, b] = await twoStores();
      for (let round = 1; round <= 10; round++) {
        const key = `new-${round}`;
        const outcomes = await Promise.allSettled([
          a.write({ [key]: { value: { by: 'a' }, eTag: 'seen-before-delete' } }),
          b.write({ [key]: { value: { by: 'b' }, eTag: 'seen-before-delete' } }),
        ]);
        const winners = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [i === 0 ? 'a' : 'b'] : []));
        expect(winners).toHaveLength(1);
        expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({
          reason: expect.any(ConcurrencyError),
        });
        expect((await a.read([key]))[key].value).toEqual({ by: winners[0] });
      }
    });

    it('loses no update when both instances increment one counter with retries', async () => {
      const [a, b] = await twoStores();
      await a.write({ counter: { value: { n: 0 } } });
      const increment = async (store: SqlKeyValueStore, times: number) => {
        for (let done = 0, attempts = 0; done < times; attempts++) {
          if (attempts > times * 20) throw new Error('too many conflicts');
          const { value, eTag } = (await store.read(['counter'])).counter;
          try {
            await store.write({ counter: { value: { n: (value.n as number) + 1 }, eTag } });
            done++;
          } catch (error) {
            if (!(error instanceof ConcurrencyError)) throw error;
          }
        }
      };
      await Promise.all([increment(a, 15), increment(b, 15)]);
      expect((await a.read(['counter'])).counter.value).toEqual({ n: 30 });
    });
  });
});
