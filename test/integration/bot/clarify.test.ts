import { ManualClock } from '../../../core/clock';
import type { AuditEvent } from '../../../core/ports';
import type { Intent } from '../../../core/routing/intent';
import type { ActivityInit } from '../../helpers/connector';
import { cardCommands, cardText, validateCard } from '../../helpers/validate-card';
import { demoPeople } from '../../helpers/landing-zone-config';
import { startTestBot, type TestBot } from '../../helpers/test-bot';

const alex = { aadObjectId: demoPeople.alex, name: 'Alex Wilber' };
const diego = { aadObjectId: demoPeople.diego, name: 'Diego Siciliani' };

/**
 * Sends one message and returns the card the user sees plus the audit events the turn wrote;
 * every routed request must write exactly one.
 */
async function exchange(t: TestBot, text: string, init: Partial<ActivityInit>) {
  const before = (await t.bot.audit.list()).length;
  const result = await t.say(text, init);
  expect(result.status).toBe(200);
  const [card] = t.cards(result);
  expect(validateCard(card)).toEqual([]);
  const events = (await t.bot.audit.list()).slice(before);
  expect(events).toHaveLength(1);
  return { card, text: cardText(card), event: events[0] };
}

describe('plain language and clarifying questions (over HTTP)', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t.close();
  });

  const ask = async (text: string, conversationId: string) =>
    (await exchange(t, text, { conversationId })).card;

  it('understands a typo-ridden status question', async () => {
    const card = await ask("How's the gpu clstr doing", 'conv-nl-1');
    expect(cardText(card)).toContain('gpu-cluster-01');
  });

  it('asks which endpoint with buttons, then continues the original request with the answer', async () => {
    const question = await exchange(t, 'scale the endpoint to 6 instances', { conversationId: 'conv-nl-2' });
    expect(question.text).toContain('Which endpoint?');
    expect(cardCommands(question.card).map((c) => c.command)).toEqual(['fraud-detection', 'cancel']);
    expect(question.event).toMatchObject({
      actorId: demoPeople.alex,
      conversationId: 'conv-nl-2',
      skill: 'endpoint.scale',
      args: { instances: 6 },
      decision: 'clarify:asked',
      outcome: 'pending',
    });

    const answer = await exchange(t, 'fraud-detection', { conversationId: 'conv-nl-2' });
    expect(answer.text).toContain('Scale fraud-detection/blue from 3 to 6 instances');
    expect(answer.text).toContain('Waiting for a decision');
    expect(answer.event).toMatchObject({
      skill: 'endpoint.scale',
      args: { endpoint: 'fraud-detection', instances: 6 },
      decision: 'proposed',
    });
    expect(question.event.args).toEqual({ instances: 6 });
    expect(answer.event.correlationId).not.toBe(question.event.correlationId);
  });

  it('asks for an absolute number after "two more instances", and "cancel" stops it', async () => {
    const question = await ask('give the fraud endpoint two more instances', 'conv-nl-3');
    expect(cardText(question)).toContain('How many instances should fraud-detection run?');
    const cancelled = await ask('cancel', 'conv-nl-3');
    expect(cardText(cancelled)).toContain('Cancelled');
    const before = (await t.bot.audit.list({ skill: 'endpoint.scale' })).length;
    const after = await ask('7', 'conv-nl-3');
    expect(cardText(after)).not.toContain('Scale an endpoint deployment');
    expect((await t.bot.audit.list({ skill: 'endpoint.scale' })).length).toBe(before);
  });

  it('refuses a destructive request and runs no change skill', async () => {
    const card = await ask('<at>opsbot</at> please delete the gpu cluster', 'conv-nl-4');
    expect(cardText(card)).toMatch(/did not understand|not something I can do/i);
    for (const skill of ['compute.stop', 'compute.start']) {
      expect(await t.bot.audit.list({ skill, actorId: demoPeople.alex })).toEqual([]);
    }
  });

  it('audits a bare mention, each question, a reply that is not an answer, and a cancellation once each', async () => {
    const group = { conversationId: '19:ops-audit@thread.v2', conversationType: 'groupChat' as const };
    const events: AuditEvent[] = [];
    const say = async (text: string, expected: RegExp) => {
      const turn = await exchange(t, text, group);
      expect(turn.text).toMatch(expected);
      events.push(turn.event);
      return turn.event;
    };

    await expect(say('<at>opsbot</at>', /Send me a request/)).resolves.toMatchObject({
      skill: 'none',
      args: {},
      decision: 'empty',
    });
    const asked = {
      skill: 'endpoint.scale',
      args: { endpoint: 'fraud-detection' },
      decision: 'clarify:asked',
      outcome: 'pending',
    };
    await expect(
      say('<at>opsbot</at> give the fraud endpoint two more instances', /How many instances/),
    ).resolves.toMatchObject(asked);
    await expect(say('<at>opsbot</at> lots', /could not read "lots"/)).resolves.toMatchObject(asked);
    await expect(say('<at>opsbot</at> cancel', /Cancelled/)).resolves.toMatchObject({
      ...asked,
      decision: 'clarify:cancelled',
      outcome: 'cancelled',
    });
    await expect(say('<at>opsbot</at> 7', /did not understand/)).resolves.toMatchObject({
      skill: 'none',
      decision: 'unknown-command',
    });

    expect(events.map((e) => e.args)).toEqual([{}, asked.args, asked.args, asked.args, {}]);
    for (const event of events) {
      expect(event).toMatchObject({ actorId: demoPeople.alex, conversationId: group.conversationId });
    }
    expect(new Set(events.map((e) => e.correlationId)).size).toBe(events.length);
  });

  it('audits "Did you mean …?" with the proposed skill, and the choice runs as one audited request', async () => {
    const question = await exchange(t, 'gpu', { conversationId: 'conv-nl-6' });
    expect(question.text).toContain('Did you mean');
    expect(question.event).toMatchObject({
      skill: 'status.compute',
      args: { cluster: 'gpu-cluster-01' },
      decision: 'clarify:did-you-mean',
      outcome: 'pending',
    });
    const chosen = await exchange(t, '1', { conversationId: 'conv-nl-6' });
    expect(chosen.text).toContain('gpu-cluster-01');
    expect(chosen.event).toMatchObject({ skill: 'status.compute', decision: 'allowed', outcome: 'ok' });
  });

  it("in a group chat, a bystander can neither answer nor cancel someone else's question", async () => {
    const group = { conversationId: '19:ml-platform@thread.v2', conversationType: 'groupChat' as const };
    const asked = await exchange(t, '<at>opsbot</at> scale the fraud endpoint', { ...group, from: alex });
    expect(asked.text).toContain('How many instances should fraud-detection run?');
    expect(asked.event).toMatchObject({ actorId: demoPeople.alex, decision: 'clarify:asked' });

    const bystander = await exchange(t, '<at>opsbot</at> 6', { ...group, from: diego });
    expect(bystander.text).not.toContain('Scale an endpoint deployment');
    expect(bystander.text).toMatch(/did not understand "6"/);
    expect(bystander.event).toMatchObject({
      actorId: demoPeople.diego,
      skill: 'none',
      decision: 'unknown-command',
    });

    const notCancelled = await exchange(t, '<at>opsbot</at> cancel', { ...group, from: diego });
    expect(notCancelled.text).not.toContain('Cancelled');
    expect(notCancelled.event).toMatchObject({ actorId: demoPeople.diego, skill: 'none' });
    expect(await t.bot.audit.list({ actorId: demoPeople.diego, skill: 'endpoint.scale' })).toEqual([]);

    const answered = await exchange(t, '<at>opsbot</at> 6', { ...group, from: alex });
    expect(answered.text).toContain('Scale fraud-detection/blue from 3 to 6 instances');
    expect(answered.text).toContain('Waiting for a decision');
    expect(answered.event).toMatchObject({
      actorId: demoPeople.alex,
      conversationId: group.conversationId,
      skill: 'endpoint.scale',
      args: { endpoint: 'fraud-detection', instances: 6 },
      decision: 'proposed',
    });
    expect(answered.event.args).toEqual({ endpoint: 'fraud-detection', instances: 6 });
  });
});

describe('clarifying questions that are left behind (over HTTP)', () => {
  const clock = new ManualClock('2026-11-27T10:00:00Z');
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({}, { clock });
  });
  afterAll(async () => {
    await t.close();
  });

  it('routes the next message as a new, audited request once a question has expired', async () => {
    await exchange(t, 'scale the fraud endpoint', { conversationId: 'conv-old-1' });
    clock.advance(31 * 60_000);
    const late = await exchange(t, '6', { conversationId: 'conv-old-1' });
    expect(late.text).not.toContain('Scale an endpoint deployment');
    expect(late.event).toMatchObject({ skill: 'none', decision: 'unknown-command' });
  });

  it('audits a new request that abandons an open question exactly once', async () => {
    await exchange(t, 'scale the fraud endpoint', { conversationId: 'conv-old-2' });
    const next = await exchange(t, 'how is the fraud endpoint doing today', { conversationId: 'conv-old-2' });
    expect(next.text).toContain('fraud-detection');
    expect(next.event).toMatchObject({ skill: 'status.endpoint', decision: 'allowed', outcome: 'ok' });
  });
});

describe('what a clarifying question writes to the audit log (over HTTP)', () => {
  const longQuestion = `why does my training job fail ${'with an out of memory error on every node '.repeat(8)}`;
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot(
      {},
      {
        router: {
          route: async (text: string): Promise<Intent> => ({
            skill: 'troubleshoot.ask',
            args: { question: text, endpoint: 42 },
            confidence: 0.45,
            source: 'llm',
            alternatives: [{ skill: 'status.jobs', confidence: 0.4, args: {} }],
          }),
        },
      },
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps only declared, valid arguments and cuts free text at 200 characters', async () => {
    expect(longQuestion.length).toBeGreaterThan(300);
    const asked = await exchange(t, longQuestion, { conversationId: 'conv-text-1' });
    expect(asked.text).toContain('Did you mean');
    expect(asked.event).toMatchObject({ skill: 'troubleshoot.ask', decision: 'clarify:did-you-mean' });
    expect(Object.keys(asked.event.args)).toEqual(['question']);
    expect(asked.event.args.question).toBe(`${longQuestion.slice(0, 200)}…`);
    expect(asked.event.detail).not.toContain('out of memory');
  });
});
