import { ManualClock } from '../../../core/clock';
import { silentLogger } from '../../../core/logger';
import type { Intent } from '../../../core/routing/intent';
import { ClarifyDialog } from '../../../dialogs/clarify.dialog';
import { ConversationDialog } from '../../../dialogs/conversation.dialog';
import { PendingInteractions } from '../../../dialogs/pending-interactions';
import { createCatalog } from '../../../skills/catalog';
import { FixedLandingZone } from '../../helpers/fixed-landing-zone';
import { loadShippedConfig } from '../../helpers/landing-zone-config';
import { MemoryAuditLog } from '../../helpers/memory-audit-log';
import { MemoryKeyValueStore } from '../../helpers/memory-key-value-store';

const start = '2026-11-27T10:00:00Z';
const alex = { conversationId: 'conv-1', aadObjectId: 'alex' };

/** A store that counts reads, to see that a message consults the registry once. */
class CountingStore extends MemoryKeyValueStore {
  reads = 0;
  override async read(keys: string[]) {
    this.reads += 1;
    return super.read(keys);
  }
}

describe('pending interactions', () => {
  it('keeps a question per kind and person under the key of before, so nothing is lost across a restart', async () => {
    const store = new MemoryKeyValueStore();
    const clock = new ManualClock(start);
    await new PendingInteractions({ store, clock }).put('clarify', alex, {
      askedAt: start,
      param: 'endpoint',
    });
    expect([...store.items.keys()]).toEqual(['clarify/conv-1/alex']);
    const afterRestart = new PendingInteractions({ store, clock });
    await expect(afterRestart.find(alex)).resolves.toEqual({
      kind: 'clarify',
      state: { askedAt: start, param: 'endpoint' },
    });
    await expect(afterRestart.find({ ...alex, aadObjectId: 'diego' })).resolves.toBeUndefined();
    await expect(afterRestart.find({ ...alex, conversationId: 'conv-2' })).resolves.toBeUndefined();
  });

  it('drops an interaction older than its kind may wait', async () => {
    const store = new MemoryKeyValueStore();
    const clock = new ManualClock(start);
    const registry = new PendingInteractions({ store, clock, ttlInMs: { clarify: 60_000 } });
    await registry.put('clarify', alex, { askedAt: start });
    clock.advance(60_000);
    await expect(registry.find(alex)).resolves.toBeDefined();
    clock.advance(1);
    await expect(registry.find(alex)).resolves.toBeUndefined();
    expect(store.items.size).toBe(0);
  });

  it('is consulted once by a message that answers a question, which then runs the request', async () => {
    const store = new CountingStore();
    const clock = new ManualClock(start);
    const config = loadShippedConfig();
    const catalog = createCatalog();
    const routed: string[] = [];
    const dialog = new ConversationDialog({
      config,
      catalog,
      landingZone: new FixedLandingZone(new Date(start)),
      audit: new MemoryAuditLog(),
      clock,
      logger: silentLogger,
      router: {
        route: async (text: string): Promise<Intent> => {
          routed.push(text);
          return { skill: 'status.endpoint', args: {}, confidence: 0.95, source: 'offline' };
        },
      },
      clarify: new ClarifyDialog({ store, config, catalog, clock }),
    });
    const turn = (text: string) => ({
      text,
      caller: { aadObjectId: 'alex', name: 'Alex Wilber', roles: ['l2' as const] },
      conversationId: 'conv-1',
      correlationId: 'corr-1',
      localMode: true,
    });
    const [question] = await dialog.handleMessage(turn('how is that endpoint doing'));
    expect(question).toMatchObject({ view: 'clarify', question: 'Which endpoint?' });
    store.reads = 0;
    const [answer] = await dialog.handleMessage(turn('fraud'));
    expect(answer.view).toBe('status.endpoint');
    expect(store.reads).toBe(1);
    expect(routed).toEqual(['how is that endpoint doing']);
    expect(store.items.size).toBe(0);
  });
});
