import { SqlChangeStore } from '../../../adapters/storage/sql-change-store';
import { newChangeRequest } from '../../helpers/change-fixtures';
import { ScratchDatabases, enginesUnderTest } from './scratch-databases';

const now = new Date('2026-12-01T10:00:00.000Z');
const later = new Date('2026-12-01T10:05:00.000Z');

describe.each(enginesUnderTest)('SqlChangeStore on %s', (engine) => {
  const scratch = new ScratchDatabases(engine);
  afterEach(() => scratch.dispose());

  it('numbers change requests CHG-00001, CHG-00002 and reads them back as stored', async () => {
    const store = new SqlChangeStore(await scratch.open(await scratch.newUrl()));
    const first = await store.create(newChangeRequest(), now);
    const second = await store.create(
      newChangeRequest({ skill: 'secret.rotate', args: { secret: 'aoai-api-key' } }),
      now,
    );
    expect(first.id).toBe('CHG-00001');
    expect(second.id).toBe('CHG-00002');
    expect(first.version).toBe(1);
    const read = await store.get('CHG-00001');
    expect(read).toEqual(first);
    expect(read?.createdAt).toEqual(new Date('2026-12-01T10:00:00.000Z'));
    expect(read?.expiresAt).toEqual(new Date('2026-12-01T11:00:00.000Z'));
    expect(await store.get('chg-2')).toEqual(second);
    expect(await store.get('CHG-00003')).toBeUndefined();
    expect(await store.get("CHG-1' or 1=1 --")).toBeUndefined();
    expect((await store.list()).map((c) => c.id)).toEqual(['CHG-00002', 'CHG-00001']);
  });

  it('lets exactly one of two updates holding the same version win', async () => {
    const store = new SqlChangeStore(await scratch.open(await scratch.newUrl()));
    const created = await store.create(newChangeRequest(), now);
    const results = await Promise.all([
      store.update(created.id, 1, { state: 'running' }, later),
      store.update(created.id, 1, { state: 'cancelled' }, later),
    ]);
    const winners = results.filter((r) => r !== undefined);
    expect(winners).toHaveLength(1);
    const stored = await store.get(created.id);
    expect(stored?.version).toBe(2);
    expect(stored?.state).toBe(winners[0]!.state);
    expect(await store.update(created.id, 1, { state: 'failed' }, later)).toBeUndefined();
    const approved = await store.update(
      created.id,
      2,
      { approvals: [{ actorId: 'x', name: 'X', roles: ['cab'], slot: 0, at: later }] },
      later,
    );
    expect(approved?.version).toBe(3);
    expect((await store.get(created.id))?.approvals).toEqual([
      { actorId: 'x', name: 'X', roles: ['cab'], slot: 0, at: later },
    ]);
  });

  it('gives distinct numbers to requests created at once through two connections', async () => {
    const url = await scratch.newUrl();
    const a = new SqlChangeStore(await scratch.open(url));
    const b = new SqlChangeStore(await scratch.open(url));
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).create(newChangeRequest(), now)),
    );
    const ids = created.map((c) => c.id).sort();
    expect(ids).toEqual(Array.from({ length: 12 }, (_, i) => `CHG-${String(i + 1).padStart(5, '0')}`));
    const updates = await Promise.all([
      a.update('CHG-00005', 1, { state: 'running' }, later),
      b.update('CHG-00005', 1, { state: 'running' }, later),
    ]);
    expect(updates.filter(Boolean)).toHaveLength(1);
  });

  it('keeps card copies per change, once each', async () => {
    const store = new SqlChangeStore(await scratch.open(await scratch.newUrl()));
    const change = await store.create(newChangeRequest(), now);
    const copy = {
      changeId: change.id,
      conversationId: 'a:1',
      activityId: 'act-1',
      reference: { conversation: { id: 'a:1' } },
    };
    await store.addCardCopy(copy);
    await store.addCardCopy(copy);
    await store.addCardCopy({ ...copy, conversationId: 'a:2', activityId: 'act-2', viewerId: 'megan' });
    expect(await store.listCardCopies(change.id)).toEqual([
      copy,
      { ...copy, conversationId: 'a:2', activityId: 'act-2', viewerId: 'megan' },
    ]);
    expect(await store.listCardCopies('CHG-00099')).toEqual([]);
  });
});
