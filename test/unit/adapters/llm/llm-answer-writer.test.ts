import { LlmAnswerWriter } from '../../../../adapters/llm/llm-answer-writer';
import {
  ChatCallError,
  type ChatAnswer,
  type ChatClient,
  type ChatRequest,
} from '../../../../adapters/llm/chat-client';
import { CircuitBreaker } from '../../../../core/circuit-breaker';
import { ManualClock } from '../../../../core/clock';
import type { KnowledgeHit } from '../../../../core/knowledge/knowledge-base';
import { silentLogger } from '../../../../core/logger';

const hit = (page: string, heading: string): KnowledgeHit => ({
  pageId: page,
  file: `knowledge/${page}.md`,
  title: page,
  sectionId: `${page}#${heading}`,
  heading,
  steps: [{ text: `First step of ${heading}`, code: 'az ml compute list-usage' }],
  text: `About ${heading}.`,
  score: 0.8,
  citation: `knowledge/${page}.md › ${heading}`,
  checks: [],
  related: [],
  covers: [],
});
const sections = [hit('quota-exceeded', 'Raise the quota'), hit('capacity-planning', 'Size the cluster')];

/** A chat client that answers from a queue and keeps every request. */
function scriptedChat(...answers: (ChatAnswer | ChatCallError)[]): ChatClient & { requests: ChatRequest[] } {
  const requests: ChatRequest[] = [];
  return {
    requests,
    complete: async (request) => {
      requests.push(request);
      const next = answers.shift();
      if (!next) throw new Error('nothing scripted');
      if (next instanceof ChatCallError) throw next;
      return next;
    },
  };
}

const writerWith = (
  chat: ChatClient,
  breaker = new CircuitBreaker({ clock: new ManualClock('2026-01-14T15:00:00Z') }),
) =>
  new LlmAnswerWriter({
    chat,
    breaker,
    logger: silentLogger,
    writer: 'Azure OpenAI (test)',
    randomToken: () => 'a'.repeat(32),
  });

describe('LlmAnswerWriter', () => {
  it('returns the text with the sources it cites, and sends no tools', async () => {
    const chat = scriptedChat({ kind: 'text', text: '1. Raise it [S1].' });
    const written = await writerWith(chat).write('quota exceeded', sections);
    expect(written).toEqual({
      written: true,
      text: '1. Raise it [S1].',
      cited: [{ mark: 'S1', citation: 'knowledge/quota-exceeded.md › Raise the quota' }],
      writer: 'Azure OpenAI (test)',
    });
    expect(chat.requests[0].tools).toEqual([]);
    expect(chat.requests[0].user).toContain(
      `<<<SECTION S2 ${'a'.repeat(32)}>>>\nCitation: knowledge/capacity-planning.md › Size the cluster`,
    );
  });

  it('refuses a tool call, an uncited text and a mark it did not send', async () => {
    const chat = scriptedChat(
      { kind: 'tool-calls', calls: [{ name: 'compute_stop', arguments: '{}' }] },
      { kind: 'text', text: 'Restart it.' },
      { kind: 'text', text: 'Delete it [S3].' },
    );
    const writer = writerWith(chat);
    for (let i = 0; i < 3; i += 1) {
      expect(await writer.write('quota exceeded', sections)).toEqual({ written: false, reason: 'uncited' });
    }
    expect(chat.requests).toHaveLength(3);
  });

  it('gives the failure of the call as its reason, and stops calling once the breaker opens', async () => {
    const clock = new ManualClock('2026-01-14T15:00:00Z');
    const breaker = new CircuitBreaker({ clock, failureThreshold: 2, coolDownInMs: 30_000 });
    const chat = scriptedChat(
      new ChatCallError('content-filter', 'filtered'),
      new ChatCallError('timeout', 'slow'),
      new ChatCallError('error', 'boom', { status: 500 }),
    );
    const writer = writerWith(chat, breaker);
    const reasons = [];
    for (let i = 0; i < 4; i += 1) reasons.push(await writer.write('quota exceeded', sections));
    // A content filter is an answer of a healthy deployment: it does not count towards the breaker.
    expect(reasons.map((r) => (r.written ? 'written' : r.reason))).toEqual([
      'content-filter',
      'timeout',
      'error',
      'breaker-open',
    ]);
    expect(chat.requests).toHaveLength(3);
  });
});
