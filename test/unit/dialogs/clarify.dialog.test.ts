import { ManualClock } from '../../../core/clock';
import type { Intent } from '../../../core/routing/intent';
import type { SkillId } from '../../../core/contract/skill-contract';
import { ClarifyDialog } from '../../../dialogs/clarify.dialog';
import { createCatalog } from '../../../skills/catalog';
import { loadShippedConfig } from '../../helpers/landing-zone-config';
import { MemoryKeyValueStore } from '../../helpers/memory-key-value-store';

const offline = (
  skill: SkillId,
  args: Record<string, unknown>,
  confidence = 0.9,
  alternatives?: Intent['alternatives'],
): Intent => ({
  skill,
  args,
  confidence,
  source: 'offline',
  ...(alternatives ? { alternatives } : {}),
});

const alexId = '00000000-0000-0000-0000-0000000000020';
const diegoId = '00000000-0000-0000-0000-0000000000025';
const asker = (conversationId: string, aadObjectId = alexId) => ({ conversationId, aadObjectId });
const alexKey = `clarify/conv-1/${alexId}`;

function setUp() {
  const store = new MemoryKeyValueStore();
  const clock = new ManualClock('2026-01-12T09:00:00Z');
  const dialog = new ClarifyDialog({ store, clock, config: loadShippedConfig(), catalog: createCatalog() });
  return { store, clock, dialog };
}

describe('clarify dialog', () => {
  it('asks for a missing endpoint with the configured endpoints as choices, then continues the request', async () => {
    const { store, dialog } = setUp();
    const asked = await dialog.review(asker('conv-1'), offline('endpoint.scale', { instances: 6 }));
    expect(asked).toMatchObject({
      action: 'reply',
      result: { view: 'clarify', reason: 'argument', question: 'Which endpoint?' },
    });
    if (asked.action !== 'reply' || asked.result.view !== 'clarify') throw new Error('expected a question');
    expect(asked.result.choices).toEqual([
      { label: 'fraud-detection', command: 'fraud-detection' },
      { label: 'Cancel', command: 'cancel' },
    ]);
    expect(Object.keys(await store.read([alexKey]))).toEqual([alexKey]);

    const answered = await dialog.resume(asker('conv-1'), 'the fraud one');
    expect(answered).toEqual({
      action: 'run',
      intent: offline('endpoint.scale', { instances: 6, endpoint: 'fraud-detection' }),
    });
    expect(await store.read([alexKey])).toEqual({});
  });

  it('asks one argument at a time: the endpoint first, then an absolute instance count', async () => {
    const { dialog } = setUp();
    const first = await dialog.review(asker('conv-2'), offline('endpoint.scale', {}));
    expect(first).toMatchObject({ action: 'reply', result: { question: 'Which endpoint?' } });
    const second = await dialog.resume(asker('conv-2'), 'fraud-detection');
    expect(second).toMatchObject({ action: 'reply', result: { view: 'clarify' } });
    if (second.action !== 'reply' || second.result.view !== 'clarify') throw new Error('expected a question');
    expect(second.result.question).toContain('How many instances should fraud-detection run?');
    expect(second.result.hint).toContain('between 3 and 10');
    const again = await dialog.resume(asker('conv-2'), 'lots');
    expect(again).toMatchObject({ action: 'reply', result: { view: 'clarify' } });
    if (again.action !== 'reply' || again.result.view !== 'clarify') throw new Error('expected a question');
    expect(again.result.question).toContain('I could not read "lots"');
    await expect(dialog.resume(asker('conv-2'), 'seven')).resolves.toEqual({
      action: 'run',
      intent: offline('endpoint.scale', { endpoint: 'fraud-detection', instances: 7 }),
    });
  });

  it('keeps each conversation apart', async () => {
    const { dialog } = setUp();
    await dialog.review(asker('conv-a'), offline('status.compute', {}));
    await expect(dialog.resume(asker('conv-b'), 'gpu')).resolves.toEqual({ action: 'pass' });
    await expect(dialog.resume(asker('conv-a'), 'gpu')).resolves.toEqual({
      action: 'run',
      intent: offline('status.compute', { cluster: 'gpu-cluster-01' }),
    });
  });

  it('keeps each person in a group conversation apart: a bystander neither answers nor cancels', async () => {
    const { store, dialog } = setUp();
    await dialog.review(asker('conv-g'), offline('endpoint.scale', { endpoint: 'fraud-detection' }));
    await expect(dialog.resume(asker('conv-g', diegoId), '6')).resolves.toEqual({ action: 'pass' });
    await expect(dialog.resume(asker('conv-g', diegoId), 'cancel')).resolves.toEqual({ action: 'pass' });
    expect([...store.items.keys()]).toEqual([`clarify/conv-g/${alexId}`]);
    await expect(dialog.resume(asker('conv-g'), '6')).resolves.toEqual({
      action: 'run',
      intent: offline('endpoint.scale', { endpoint: 'fraud-detection', instances: 6 }),
    });
  });

  it('describes each question and cancellation for the audit log with declared, valid arguments only', async () => {
    const { dialog } = setUp();
    const proposed = offline('endpoint.scale', {
      instances: 99,
      deployment: 'b'.repeat(300),
      note: 'free text',
    });
    const asked = await dialog.review(asker('conv-9'), proposed);
    expect(asked.action === 'reply' && asked.audit).toEqual({
      skill: 'endpoint.scale',
      args: { deployment: `${'b'.repeat(200)}…` },
      decision: 'clarify:asked',
      outcome: 'pending',
      detail: 'source=offline confidence=0.90 param=endpoint',
    });
    await expect(dialog.resume(asker('conv-9'), 'nope')).resolves.toMatchObject({
      action: 'reply',
      audit: { skill: 'endpoint.scale', decision: 'clarify:cancelled', outcome: 'cancelled' },
    });
    const unsure = offline('none', {}, 0.2, [{ skill: 'status.jobs', confidence: 0.3, args: { hours: 24 } }]);
    await expect(dialog.review(asker('conv-9'), unsure)).resolves.toMatchObject({
      action: 'reply',
      audit: {
        skill: 'none',
        args: {},
        decision: 'clarify:did-you-mean',
        detail: 'candidates=status.jobs@0.30',
      },
    });
  });

  it('stops on "cancel" and forgets the request', async () => {
    const { store, dialog } = setUp();
    await dialog.review(asker('conv-3'), offline('compute.stop', {}));
    await expect(dialog.resume(asker('conv-3'), 'cancel')).resolves.toMatchObject({
      action: 'reply',
      result: { view: 'message', title: 'Cancelled' },
    });
    expect(store.items.size).toBe(0);
    await expect(dialog.resume(asker('conv-3'), 'gpu')).resolves.toEqual({ action: 'pass' });
  });

  it('lets a new request through instead of reading it as an answer', async () => {
    const { store, dialog } = setUp();
    await dialog.review(asker('conv-4'), offline('status.compute', {}));
    await expect(dialog.resume(asker('conv-4'), 'how is the fraud endpoint doing today')).resolves.toEqual({
      action: 'pass',
    });
    expect(store.items.size).toBe(0);
  });

  it('forgets a question nobody answered within 30 minutes', async () => {
    const { clock, dialog } = setUp();
    await dialog.review(asker('conv-5'), offline('status.compute', {}));
    clock.advance(31 * 60_000);
    await expect(dialog.resume(asker('conv-5'), 'gpu')).resolves.toEqual({ action: 'pass' });
  });

  it('asks "Did you mean …?" when two skills are close, and runs the one chosen with its arguments', async () => {
    const { dialog } = setUp();
    const unsure = offline('status.endpoint', { endpoint: 'fraud-detection' }, 0.5, [
      { skill: 'endpoint.scale', confidence: 0.45, args: { endpoint: 'fraud-detection' } },
    ]);
    const asked = await dialog.review(asker('conv-6'), unsure);
    expect(asked).toMatchObject({ action: 'reply', result: { view: 'clarify', reason: 'skill' } });
    if (asked.action !== 'reply' || asked.result.view !== 'clarify') throw new Error('expected a question');
    expect(asked.result.choices.map((c) => c.label)).toEqual([
      'Endpoint status',
      'Scale an endpoint deployment',
      'Cancel',
    ]);
    await expect(dialog.resume(asker('conv-6'), 'Endpoint status')).resolves.toEqual({
      action: 'run',
      intent: offline('status.endpoint', { endpoint: 'fraud-detection' }, 0.5, unsure.alternatives),
    });
  });

  it('continues to the missing argument after a "Did you mean" choice', async () => {
    const { dialog } = setUp();
    await dialog.review(
      asker('conv-7'),
      offline('status.quota', {}, 0.4, [{ skill: 'compute.start', confidence: 0.35, args: {} }]),
    );
    await expect(dialog.resume(asker('conv-7'), '2')).resolves.toMatchObject({
      action: 'reply',
      result: { question: 'Which compute?' },
    });
  });

  it('runs a confident, complete intent and a strict command untouched', async () => {
    const { store, dialog } = setUp();
    const sure = offline('status.endpoint', { endpoint: 'fraud-detection' }, 0.95);
    await expect(dialog.review(asker('conv-8'), sure)).resolves.toEqual({ action: 'run', intent: sure });
    const command: Intent = { skill: 'status.jobs', args: {}, confidence: 1, source: 'command' };
    await expect(dialog.review(asker('conv-8'), command)).resolves.toEqual({
      action: 'run',
      intent: command,
    });
    expect(store.items.size).toBe(0);
  });
});
