import { ConcurrencyError } from '../../core/errors';
import type { KeyValueStore, StoredItem } from '../../core/ports';

/** An in-memory key/value store with eTags, for unit tests of dialogs that keep state. */
export class MemoryKeyValueStore implements KeyValueStore {
  readonly items = new Map<string, StoredItem>();
  private version = 0;

  async read(keys: string[]): Promise<Record<string, StoredItem>> {
    const found: Record<string, StoredItem> = {};
    for (const key of keys) {
      const item = this.items.get(key);
      if (item) found[key] = structuredClone(item);
    }
    return found;
  }

  async write(items: Record<string, { value: Record<string, unknown>; eTag?: string }>): Promise<void> {
    for (const [key, item] of Object.entries(items)) {
      const current = this.items.get(key);
      if (item.eTag && item.eTag !== '*' && current && current.eTag !== item.eTag)
        throw new ConcurrencyError(key);
      this.version += 1;
      this.items.set(key, { value: structuredClone(item.value), eTag: String(this.version) });
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
  }
}
