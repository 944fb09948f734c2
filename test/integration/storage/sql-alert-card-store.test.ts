import type { NewAlertCard } from '../../../core/alerts/alert-card';
import { SqlAlertCardStore } from '../../../adapters/storage/sql-alert-card-store';
import { ScratchDatabases, enginesUnderTest } from './scratch-databases';

const t0 = new Date('2026-01-12T14:58:00.000Z');
const card = (overrides: Partial<NewAlertCard> = {}): NewAlertCard => ({
  foldKey: 'inference endpoint down|fraud-detection',
  state: 'firing',
  rule: 'Inference Endpoint Down',
  severity: 'Sev0',
  resources: ['fraud-detection'],
  conversationId: 'ops',
  firedIds: ['a1'],
  resolvedIds: [],
  firstFiredAt: t0,
  lastFiredAt: t0,
  ...overrides,
});

describe.each(enginesUnderTest)('SqlAlertCardStore on %s', (engine) => {
  const scratch = new ScratchDatabases(engine);
  afterEach(() => scratch.dispose());
  const newStore = async (url?: string) =>
    new SqlAlertCardStore(await scratch.open(url ?? (await scratch.newUrl())));

  it('stores a card and finds it by fold key while it fires and by any of its alert ids', async () => {
    const store = await newStore();
    const created = await store.create(card());
    expect(created).toMatchObject({ version: 1, firedIds: ['a1'], firstFiredAt: t0 });
    expect(await store.findFiring('inference endpoint down|fraud-detection')).toEqual(created);
    expect(await store.findByAlertId('a1')).toEqual(created);
    expect(await store.findByAlertId('a2')).toBeUndefined();
    expect(await store.findFiring('other|')).toBeUndefined();
  });

  it('lists the firing cards only, and keeps the incident an update links to a card', async () => {
    const store = await newStore();
    const firing = (await store.create(card()))!;
    const other = (await store.create(card({ foldKey: 'high latency|fraud-detection', firedIds: ['b1'] })))!;
    await store.update(other.id, 1, { state: 'resolved', resolvedAt: t0 });
    expect((await store.listFiring()).map((c) => c.id)).toEqual([firing.id]);
    const linked = await store.update(firing.id, 1, { incidentId: 'INC-0007' });
    expect((await store.findByAlertId('a1'))?.incidentId).toBe('INC-0007');
    expect(linked?.version).toBe(2);
  });

  it('updates by compare-and-set, records new alert ids, and a stale version changes nothing', async () => {
    const store = await newStore();
    const created = (await store.create(card()))!;
    const later = new Date(t0.getTime() + 60_000);
    const next = await store.update(created.id, 1, {
      firedIds: ['a1', 'a2'],
      lastFiredAt: later,
      activityId: 'm-1',
    });
    expect(next).toMatchObject({ version: 2, firedIds: ['a1', 'a2'], lastFiredAt: later, activityId: 'm-1' });
    expect(await store.update(created.id, 1, { firedIds: ['a1', 'a3'] })).toBeUndefined();
    expect((await store.findByAlertId('a2'))?.version).toBe(2);
    expect(await store.findByAlertId('a3')).toBeUndefined();

    const resolved = await store.update(created.id, 2, {
      state: 'resolved',
      resolvedIds: ['a1', 'a2'],
      resolvedAt: later,
    });
    expect(resolved).toMatchObject({ state: 'resolved', resolvedAt: later });
    expect(await store.findFiring(created.foldKey)).toBeUndefined();
    expect((await store.findByAlertId('a1'))?.state).toBe('resolved');
    // After the resolution the same rule may fire into a new card.
    expect(await store.create(card({ firedIds: ['a9'] }))).toBeDefined();
  });

  it('keeps one firing card per fold key: a second create for the key changes nothing', async () => {
    const store = await newStore();
    const first = await store.create(card());
    expect(await store.create(card({ firedIds: ['a2'] }))).toBeUndefined();
    expect(await store.findFiring(card().foldKey)).toEqual(first);
    expect(await store.findByAlertId('a2')).toBeUndefined();
  });

  // Two instances share one database only on PostgreSQL (SQLite is the one-instance default).
  (engine === 'postgres' ? it : it.skip)(
    'lets only one of two instances create the firing card of a fold key',
    async () => {
      const url = await scratch.newUrl();
      const stores = [await newStore(url), await newStore(url)];
      const results = await Promise.all(
        stores.flatMap((store, i) => [1, 2, 3].map((n) => store.create(card({ firedIds: [`a-${i}-${n}`] })))),
      );
      expect(results.filter((r) => r !== undefined)).toHaveLength(1);
      expect(await stores[1].findFiring(card().foldKey)).toEqual(results.find((r) => r !== undefined));
    },
  );
});
