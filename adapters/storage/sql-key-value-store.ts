import { randomUUID } from 'node:crypto';
import { systemClock } from '../../core/clock';
import { ConcurrencyError, StorageError } from '../../core/errors';
import type { Clock, KeyValueStore, StoredItem } from '../../core/ports';
import type { Database } from './database';
import { prepareStatement, type PreparedStatement } from './prepared-statement';

/** Options for {@link SqlKeyValueStore}. */
export interface SqlKeyValueStoreOptions {
  /** Stamps `updated_at`; the system clock when absent. */
  clock?: Clock;
}

/** Reads of up to this many keys are built once per count (every turn reads its state); longer ones each time. */
const preparedReadSizes = 8;

type ReadRow = { key: string; value: string; etag: string };

interface PreparedWrite {
  key: string;
  json: string;
  /** The tag the caller last read; undefined for an unconditional write. */
  expected?: string;
}

/**
 * Conversation and user state in the `kv_items` table, with optimistic concurrency that holds across
 * bot instances sharing one database. Every write stores a new eTag. A write with eTag `*`, an empty
 * one or none replaces the item; with any other eTag it succeeds only when the stored item still has
 * that tag or does not exist yet, and otherwise throws `ConcurrencyError`. Each item is written
 * atomically on its own: all items are checked before the first is written, and a conflict stops the
 * batch at that item.
 */
export class SqlKeyValueStore implements KeyValueStore {
  private readonly clock: Clock;
  private readonly reads = new Map<number, PreparedStatement<string, ReadRow>>();

  constructor(
    private readonly database: Database,
    options: SqlKeyValueStoreOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  async read(keys: string[]): Promise<Record<string, StoredItem>> {
    const wanted = [...new Set(keys)];
    if (wanted.length === 0) return {};
    const rows = await this.guard('read', async () =>
      wanted.length > preparedReadSizes
        ? await this.database.db
            .selectFrom('kv_items')
            .select(['key', 'value', 'etag'])
            .where('key', 'in', wanted)
            .execute()
        : (await this.readOf(wanted.length).run(Object.fromEntries(wanted.map((key, i) => [i, key])))).rows,
    );
    const found: Record<string, StoredItem> = {};
    for (const row of rows) {
      let value: Record<string, unknown>;
      try {
        value = JSON.parse(row.value) as Record<string, unknown>;
      } catch (error) {
        throw new StorageError(`The stored item "${row.key}" is not valid JSON.`, { cause: error });
      }
      found[row.key] = { value, eTag: row.etag };
    }
    return found;
  }

  async write(items: Record<string, { value: Record<string, unknown>; eTag?: string }>): Promise<void> {
    const prepared = Object.entries(items).map(([key, item]) => prepare(key, item));
    for (const write of prepared) await this.writeOne(write);
  }

  async delete(keys: string[]): Promise<void> {
    const doomed = [...new Set(keys)];
    if (doomed.length === 0) return;
    await this.guard('delete', () =>
      this.database.db.deleteFrom('kv_items').where('key', 'in', doomed).execute(),
    );
  }

  private async writeOne({ key, json, expected }: PreparedWrite): Promise<void> {
    const db = this.database.db;
    const row = { key, value: json, etag: randomUUID(), updated_at: this.clock.now().toISOString() };
    if (expected === undefined) {
      await this.guard('write', () =>
        db
          .insertInto('kv_items')
          .values(row)
          .onConflict((oc) =>
            oc.column('key').doUpdateSet({ value: row.value, etag: row.etag, updated_at: row.updated_at }),
          )
          .execute(),
      );
      return;
    }
    const updated = await this.guard('write', () =>
      db
        .updateTable('kv_items')
        .set({ value: row.value, etag: row.etag, updated_at: row.updated_at })
        .where('key', '=', key)
        .where('etag', '=', expected)
        .executeTakeFirst(),
    );
    if (updated.numUpdatedRows === 1n) return;
    const inserted = await this.guard('write', () =>
      db
        .insertInto('kv_items')
        .values(row)
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst(),
    );
    if (inserted.numInsertedOrUpdatedRows === 1n) return;
    throw new ConcurrencyError(key);
  }

  private readOf(count: number): PreparedStatement<string, ReadRow> {
    let read = this.reads.get(count);
    if (!read) {
      const names = Array.from({ length: count }, (_, i) => String(i));
      read = prepareStatement(this.database.db, names, (db, value) =>
        db
          .selectFrom('kv_items')
          .select(['key', 'value', 'etag'])
          .where(
            'key',
            'in',
            names.map((name) => value[name]!),
          ),
      );
      this.reads.set(count, read);
    }
    return read;
  }

  private async guard<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw new StorageError(
        `Cannot ${operation} state in the key/value store: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }
}

function prepare(
  key: string,
  item: { value: Record<string, unknown>; eTag?: string } | undefined,
): PreparedWrite {
  if (typeof key !== 'string' || key.length === 0)
    throw new TypeError('A stored item needs a non-empty key.');
  const value = item?.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`The stored item "${key}" must have an object as its value.`);
  }
  let json: string;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new TypeError(`The stored item "${key}" cannot be written as JSON: ${(error as Error).message}`);
  }
  const eTag = item?.eTag;
  return { key, json, expected: eTag === undefined || eTag === '' || eTag === '*' ? undefined : eTag };
}
