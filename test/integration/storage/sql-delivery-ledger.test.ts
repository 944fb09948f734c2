import { SqlDeliveryLedger } from '../../../adapters/storage/sql-delivery-ledger';
import { ScratchDatabases, enginesUnderTest } from './scratch-databases';

const t0 = new Date('2026-03-02T10:00:00.000Z');
const at = (offsetInMs: number) => new Date(t0.getTime() + offsetInMs);
const minute = 60_000;
const key = { conversationId: 'a:conversation-1', activityId: 'activity-1' };

describe.each(enginesUnderTest)('SqlDeliveryLedger on %s', (engine) => {
  const scratch = new ScratchDatabases(engine);
  afterEach(() => scratch.dispose());

  async function newLedger(url?: string) {
    const database = await scratch.open(url ?? (await scratch.newUrl()));
    return new SqlDeliveryLedger(database, { windowInMs: 60 * minute, leaseInMs: 15_000 });
  }

  it('claims a delivery once; a redelivery while it runs is in progress, after it the recorded answer', async () => {
    const ledger = await newLedger();
    expect(await ledger.claim(key, t0)).toEqual({ kind: 'first' });
    expect(await ledger.claim(key, at(1000))).toEqual({ kind: 'in-progress' });
    const response = { status: 200, body: { statusCode: 200, value: { type: 'AdaptiveCard', body: [] } } };
    await ledger.complete(key, at(2000), response);
    expect(await ledger.claim(key, at(3000))).toEqual({ kind: 'handled', response });
    await ledger.complete({ ...key, activityId: 'activity-2' }, at(3000));
    expect(await ledger.claim({ ...key, activityId: 'activity-2' }, at(4000))).toEqual({ kind: 'first' });
  });

  it('keeps the same activity id apart in two conversations', async () => {
    const ledger = await newLedger();
    expect(await ledger.claim(key, t0)).toEqual({ kind: 'first' });
    expect(await ledger.claim({ ...key, conversationId: 'a:conversation-2' }, t0)).toEqual({ kind: 'first' });
  });

  it('records a handled message without an answer', async () => {
    const ledger = await newLedger();
    await ledger.claim(key, t0);
    await ledger.complete(key, at(10));
    expect(await ledger.claim(key, at(20))).toEqual({ kind: 'handled' });
  });

  it('lets a redelivery take over a claim whose lease ran out, and only once', async () => {
    const ledger = await newLedger();
    await ledger.claim(key, t0);
    expect(await ledger.claim(key, at(14_999))).toEqual({ kind: 'in-progress' });
    expect(await ledger.claim(key, at(15_001))).toEqual({ kind: 'first' });
    expect(await ledger.claim(key, at(15_002))).toEqual({ kind: 'in-progress' });
  });

  it('forgets a delivery after the window, and a released claim at once', async () => {
    const ledger = await newLedger();
    await ledger.claim(key, t0);
    await ledger.complete(key, at(1000));
    expect(await ledger.claim(key, at(60 * minute - 1))).toEqual({ kind: 'handled' });
    expect(await ledger.claim(key, at(60 * minute + 1001))).toEqual({ kind: 'first' });
    await ledger.release(key);
    expect(await ledger.claim(key, at(60 * minute + 2000))).toEqual({ kind: 'first' });
  });

  it('gives one of two instances on one database the claim when both claim at once', async () => {
    const url = await scratch.newUrl();
    const ledgers = [await newLedger(url), await newLedger(url)];
    const keys = Array.from({ length: 40 }, (_, i) => ({ conversationId: 'a:c', activityId: `a-${i}` }));
    const claims = await Promise.all(keys.flatMap((k) => ledgers.map((ledger) => ledger.claim(k, t0))));
    const firsts = claims.filter((c) => c.kind === 'first').length;
    expect(firsts).toBe(keys.length);
    expect(claims.filter((c) => c.kind === 'in-progress')).toHaveLength(keys.length);
  });

  it('refuses a window or lease that is not positive', async () => {
    const database = await scratch.open(await scratch.newUrl());
    expect(() => new SqlDeliveryLedger(database, { windowInMs: 0, leaseInMs: 1 })).toThrow(/windowInMs/);
    expect(() => new SqlDeliveryLedger(database, { windowInMs: 1, leaseInMs: -1 })).toThrow(/leaseInMs/);
  });
});
