import { prepareStatement } from '../../../adapters/storage/prepared-statement';
import { ScratchDatabases, enginesUnderTest } from './scratch-databases';

describe.each(enginesUnderTest)('prepareStatement on %s', (engine) => {
  const scratch = new ScratchDatabases(engine);
  afterEach(() => scratch.dispose());

  it('runs one statement with new values each time, a value used twice landing in both places', async () => {
    const { db } = await scratch.open(await scratch.newUrl());
    const upsert = prepareStatement(db, ['key', 'value', 'etag', 'updated_at'], (db, row) =>
      db
        .insertInto('kv_items')
        .values(row)
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: row.value, etag: row.etag })),
    );
    await upsert.run({ key: 'a', value: '{"n":1}', etag: 'e1', updated_at: '2026-12-06T20:00:00.000Z' });
    await upsert.run({ key: 'b', value: '{"n":2}', etag: 'e2', updated_at: '2026-12-06T20:00:01.000Z' });
    const updated = await upsert.run({
      key: 'a',
      value: '{"n":3}',
      etag: 'e3',
      updated_at: '2026-12-06T20:00:02.000Z',
    });
    expect(updated.numAffectedRows).toBe(1n);
    const rows = await db.selectFrom('kv_items').select(['key', 'value', 'etag']).orderBy('key').execute();
    expect(rows).toEqual([
      { key: 'a', value: '{"n":3}', etag: 'e3' },
      { key: 'b', value: '{"n":2}', etag: 'e2' },
    ]);

    const read = prepareStatement(db, ['first', 'second'], (db, key) =>
      db
        .selectFrom('kv_items')
        .select(['key', 'etag'])
        .where('key', 'in', [key.first!, key.second!])
        .orderBy('key'),
    );
    expect((await read.run({ first: 'b', second: 'zz' })).rows).toEqual([{ key: 'b', etag: 'e2' }]);
    expect((await read.run({ first: 'a', second: 'b' })).rows).toEqual([
      { key: 'a', etag: 'e3' },
      { key: 'b', etag: 'e2' },
    ]);
  });

  it('refuses a builder that leaves a value out, and an undefined value', async () => {
    const { db } = await scratch.open(await scratch.newUrl());
    expect(() =>
      prepareStatement(db, ['key', 'unused'], (db, value) =>
        db.selectFrom('kv_items').select('key').where('key', '=', value.key!),
      ),
    ).toThrow('A prepared statement does not use its value "unused"');
    const read = prepareStatement(db, ['key'], (db, value) =>
      db.selectFrom('kv_items').select('key').where('key', '=', value.key!),
    );
    await expect(read.run({ key: undefined as unknown as string })).rejects.toThrow(
      'The prepared statement\'s value "key" is undefined.',
    );
  });
});
