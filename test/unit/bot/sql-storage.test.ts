import { SqlStorage } from '../../../bot/sql-storage';
import { ConcurrencyError } from '../../../core/errors';
import type { KeyValueStore, StoredItem } from '../../../core/ports';

/** An in-memory KeyValueStore with the port's concurrency rule, to test the translation only. */
class MemoryStore implements KeyValueStore {
  readonly items = new Map<string, StoredItem>();
  private next = 1;
  async read(keys: string[]) {
    const found: Record<string, StoredItem> = {};
    for (const key of keys) if (this.items.has(key)) found[key] = structuredClone(this.items.get(key)!);
    return found;
  }
  async write(items: Record<string, { value: Record<string, unknown>; eTag?: string }>) {
    for (const [key, item] of Object.entries(items)) {
      const stored = this.items.get(key);
      if (item.eTag && item.eTag !== '*' && stored && stored.eTag !== item.eTag)
        throw new ConcurrencyError(key);
      this.items.set(key, { value: structuredClone(item.value), eTag: String(this.next++) });
    }
  }
  async delete(keys: string[]) {
    keys.forEach((k) => this.items.delete(k));
  }
}

describe('SqlStorage', () => {
  it('stores values without their eTag and hands the tag back on read', async () => {
    const store = new MemoryStore();
    const storage = new SqlStorage(store);
    await storage.write({ 'msteams/bot/conversations/c1': { welcomedAt: '2026-01-01', eTag: '*' } });
    expect(store.items.get('msteams/bot/conversations/c1')?.value).toEqual({ welcomedAt: '2026-01-01' });
    const read = await storage.read(['msteams/bot/conversations/c1', 'missing']);
    expect(read).toEqual({ 'msteams/bot/conversations/c1': { welcomedAt: '2026-01-01', eTag: '1' } });
  });

  it('passes a stale eTag through so that a concurrent change is refused', async () => {
    const storage = new SqlStorage(new MemoryStore());
    await storage.write({ k: { n: 1 } });
    const first = (await storage.read(['k'])).k;
    await storage.write({ k: { ...first, n: 2 } });
    await expect(storage.write({ k: { ...first, n: 3 } })).rejects.toBeInstanceOf(ConcurrencyError);
  });

  it('deletes', async () => {
    const store = new MemoryStore();
    const storage = new SqlStorage(store);
    await storage.write({ k: { n: 1 } });
    await storage.delete(['k']);
    expect(await storage.read(['k'])).toEqual({});
  });
});
