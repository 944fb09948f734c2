import type { Storage, StoreItems } from 'botbuilder';
import type { KeyValueStore } from '../core/ports';

/**
 * The bot framework's `Storage` over opsbot's SQL key/value store, so that conversation and user
 * state live in the same database as everything else. An item's `eTag` travels as the store's
 * optimistic-concurrency tag (botbuilder's convention: absent or `*` overwrites).
 */
export class SqlStorage implements Storage {
  constructor(private readonly store: KeyValueStore) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const stored = await this.store.read(keys);
    const items: StoreItems = {};
    for (const [key, item] of Object.entries(stored)) items[key] = { ...item.value, eTag: item.eTag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const items: Record<string, { value: Record<string, unknown>; eTag?: string }> = {};
    for (const [key, change] of Object.entries(changes)) {
      const { eTag, ...value } = (change ?? {}) as Record<string, unknown>;
      items[key] = typeof eTag === 'string' && eTag ? { value, eTag } : { value };
    }
    if (Object.keys(items).length) await this.store.write(items);
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length) await this.store.delete(keys);
  }
}
