import { ManualClock } from '../../../core/clock';
import type { AuditEvent } from '../../../core/ports';
import { buildActivity, sendActivity, type SendResult } from '../../helpers/connector';
import { demoPeople } from '../../helpers/landing-zone-config';
import { startTestBot, type TestBot } from '../../helpers/test-bot';

/**
 * The abuse corpus of issue 12, as one table over HTTP in local mode: each probe says the status it
 * must get, how many replies it may cause and what the audit must hold for its conversation. The token
 * probes of production mode are in token-checks.test.ts, redeliveries in redelivery.test.ts, deadlines
 * in outbound-deadline.test.ts.
 */

// Wednesday 2 December 2026, 15:00 New York: a Standard scale is confirmed by its requester.
const weekday = '2026-12-02T20:00:00.000Z';
const alex = { aadObjectId: demoPeople.alex, name: 'Alex Wilber' };
const stranger = 'ffffffff-0000-0000-0000-00000000abcd';

interface Probe {
  name: string;
  /** The body to post; a function gets the connector's URL and a conversation id of its own. */
  body: (serviceUrl: string, conversationId: string) => Record<string, unknown> | string | Buffer;
  status: number;
  replies: number;
  /** The audit rows of the probe's conversation. */
  audit: (events: AuditEvent[]) => void;
  /** The rejection message, for refused probes. */
  message?: RegExp;
}

const message = (serviceUrl: string, conversationId: string, extra: Record<string, unknown> = {}) => ({
  ...buildActivity({ serviceUrl, text: 'status fraud-detection', from: alex, conversationId }),
  ...extra,
});
const withFrom = (from: Record<string, unknown>) => (serviceUrl: string, conversationId: string) =>
  message(serviceUrl, conversationId, { from: { id: '29:probe', ...from } });
const none = (events: AuditEvent[]) => expect(events).toEqual([]);
const oneTurn =
  (check: Partial<AuditEvent> = {}) =>
  (events: AuditEvent[]) =>
    expect(events).toEqual([expect.objectContaining(check)]);

const refused = (name: string, body: Probe['body'], status: number, text: RegExp): Probe => ({
  name,
  body,
  status,
  replies: 0,
  audit: none,
  message: text,
});

/** JSON text of an activity whose `value` is nested `depth` levels deep (too deep for JSON.stringify here). */
const nestedValue = (serviceUrl: string, conversationId: string, depth: number) =>
  JSON.stringify(message(serviceUrl, conversationId, { value: '<nested>' })).replace(
    '"<nested>"',
    `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
  );

const probes: Probe[] = [
  refused('malformed JSON', () => '{"type": "message", "text": ', 400, /not valid JSON/),
  refused('a JSON array', () => '[1,2,3]', 400, /must be a JSON object/),
  refused('a JSON string', () => '"hello"', 400, /must be a JSON object/),
  refused(
    'a 1 MB body',
    (u, c) => message(u, c, { text: 'x'.repeat(1024 * 1024) }),
    413,
    /limit is 262144 bytes/,
  ),
  refused('a 10 MB body', () => Buffer.alloc(10 * 1024 * 1024, 0x20), 413, /limit is 262144 bytes/),
  refused(
    'text as an object',
    (u, c) => message(u, c, { text: { $gt: '' } }),
    400,
    /text must be a string, not an object/,
  ),
  refused(
    'text as an array',
    (u, c) => message(u, c, { text: ['status'] }),
    400,
    /text must be a string, not an array/,
  ),
  refused(
    'aadObjectId as a number',
    withFrom({ aadObjectId: 20 }),
    400,
    /from\.aadObjectId must be a string, not a number/,
  ),
  refused(
    'aadObjectId as an array',
    withFrom({ aadObjectId: [demoPeople.alex] }),
    400,
    /from\.aadObjectId must be a string, not an array/,
  ),
  refused('an empty aadObjectId', withFrom({ aadObjectId: '' }), 400, /from\.aadObjectId is empty/),
  refused(
    'aadObjectId with a newline',
    withFrom({ aadObjectId: `${demoPeople.alex}\n` }),
    400,
    /not an object id/,
  ),
  refused(
    'from.name as a number',
    withFrom({ name: 42, aadObjectId: demoPeople.alex }),
    400,
    /from\.name must be a string, not a number/,
  ),
  refused(
    'a 10,000-character from.name',
    withFrom({ name: 'N'.repeat(10_000), aadObjectId: stranger }),
    400,
    /from\.name is longer than 1024/,
  ),
  refused(
    'conversation.id as a number',
    (u, c) => message(u, c, { conversation: { id: 7 } }),
    400,
    /conversation\.id must be a string/,
  ),
  refused(
    'no conversation',
    (u, c) => message(u, c, { conversation: undefined }),
    400,
    /missing conversation\.id/,
  ),
  refused(
    'an unknown activity type',
    (u, c) => message(u, c, { type: 'telepathy' }),
    400,
    /Unknown activity type "telepathy"/,
  ),
  refused(
    'a service URL off this machine',
    (u, c) => message(u, c, { serviceUrl: 'https://smba.trafficmanager.net/emea/' }),
    400,
    /only replies to a serviceUrl on this machine/,
  ),
  refused(
    'a javascript: service URL',
    (u, c) => message(u, c, { serviceUrl: 'javascript:alert(1)' }),
    400,
    /must be http or https/,
  ),
  refused(
    'a card action that is not an object',
    (u, c) =>
      message(u, c, { type: 'invoke', name: 'adaptiveCard/action', value: { action: 'proposal.confirm' } }),
    400,
    /value\.action must be an object/,
  ),
  refused(
    'a card verb as a number',
    (u, c) => message(u, c, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { verb: 1 } } }),
    400,
    /value\.action\.verb must be a string/,
  ),
  {
    name: 'odd Unicode in the text (bidi override, zero-width space, emoji, lone surrogate)',
    body: (u, c) => message(u, c, { text: 'status \u202Efraud-detection\u200B 🚀 \ud800' }),
    status: 200,
    replies: 1,
    audit: oneTurn(),
  },
  {
    name: 'a value nested 40,000 levels deep (as deep as 256 KB allows)',
    body: (u, c) => nestedValue(u, c, 40_000),
    status: 200,
    replies: 1,
    audit: oneTurn({ actorId: demoPeople.alex }),
  },
  {
    name: 'a roster member with a made-up display name',
    body: withFrom({ aadObjectId: demoPeople.adele, name: 'Evil Mallory' }),
    status: 200,
    replies: 1,
    audit: oneTurn({ actorId: demoPeople.adele, actorName: 'Adele Vance' }),
  },
  {
    name: "a stranger under a roster member's name",
    body: withFrom({ aadObjectId: stranger, name: 'Adele Vance' }),
    status: 200,
    replies: 1,
    audit: oneTurn({ actorId: stranger, actorName: 'Adele Vance (not in roster)' }),
  },
  {
    name: 'a stranger with a 1,000-character name',
    body: withFrom({ aadObjectId: stranger, name: 'Z'.repeat(1_000) }),
    status: 200,
    replies: 1,
    audit: oneTurn({ actorId: stranger, actorName: `${'Z'.repeat(63)}… (not in roster)` }),
  },
  {
    name: 'a stranger whose name carries control characters',
    body: withFrom({ aadObjectId: stranger, name: 'Pat\u0000\u202E Stranger\u0007' }),
    status: 200,
    replies: 1,
    audit: oneTurn({ actorName: 'Pat Stranger (not in roster)' }),
  },
  {
    name: 'a sender without an aadObjectId',
    body: withFrom({ name: 'Web Chat' }),
    status: 200,
    replies: 1,
    audit: oneTurn({ actorId: 'channel-user:29:probe', actorName: 'Web Chat (not in roster)' }),
  },
  {
    name: 'card data forged to name a change that does not exist',
    body: (u, c) => ({
      ...buildActivity({
        serviceUrl: u,
        type: 'invoke',
        name: 'adaptiveCard/action',
        from: alex,
        conversationId: c,
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'proposal.confirm',
            data: { changeId: 'CHG-99999', version: 1 },
          },
        },
      }),
    }),
    status: 200,
    replies: 0,
    audit: (events) => expect(events.filter((e) => e.decision === 'executed')).toEqual([]),
  },
  {
    name: 'an invoke name the bot does not handle',
    body: (u, c) =>
      buildActivity({
        serviceUrl: u,
        type: 'invoke',
        name: 'composeExtension/fetchTask',
        from: alex,
        conversationId: c,
        value: {},
      }),
    status: 501,
    replies: 0,
    audit: none,
  },
];

describe('the abuse corpus over HTTP', () => {
  let t: TestBot;
  const outcomes: { name: string; status: number; asExpected: boolean }[] = [];

  beforeAll(async () => {
    t = await startTestBot({ JOB_POLL_INTERVAL_MS: '0' }, { clock: new ManualClock(weekday) });
  });
  afterAll(async () => {
    const refusedCount = outcomes.filter((o) => o.status >= 400 && o.asExpected).length;
    t.bot.logger.info(
      {
        probes: outcomes.length,
        asExpected: outcomes.filter((o) => o.asExpected).length,
        refused: refusedCount,
      },
      'abuse corpus',
    );
    await t.close();
  });

  it.each(probes.map((p, i) => [p.name, p, i] as const))('%s', async (_name, probe, i) => {
    const conversationId = `a:probe-${i}`;
    const body = probe.body(t.connector.url, conversationId);
    const repliesBefore = t.connector.replies.length;
    const logsBefore = t.logs.length;
    const result: SendResult = await sendActivity(t.bot.url, body, { connector: t.connector });
    outcomes.push({ name: probe.name, status: result.status, asExpected: result.status === probe.status });
    expect(result.status).toBe(probe.status);
    if (probe.message) {
      expect(result.body).toEqual({
        error: { code: 'OPS-203', status: probe.status, message: expect.stringMatching(probe.message) },
      });
    }
    await t.bot.settled();
    const replies = t.connector.replies
      .slice(repliesBefore)
      .filter((r) => r.conversationId === conversationId);
    expect(replies).toHaveLength(probe.replies);
    probe.audit((await t.bot.audit.list({ limit: 1000 })).filter((e) => e.conversationId === conversationId));
    const failures = t.logs
      .slice(logsBefore)
      .filter((l) => l.msg === 'turn failed' || l.msg === 'request failed');
    expect(failures).toEqual([]);
  });

  it('answers a replayed approval press (same data, new delivery) without running the change again', async () => {
    const conversationId = 'a:probe-replay';
    await t.say('scale fraud-detection to 6', { conversationId });
    const changeId = (await t.bot.changes.list()).find((c) => c.conversationId === conversationId)!.id;
    const press = () =>
      t.send({
        type: 'invoke',
        name: 'adaptiveCard/action',
        from: alex,
        conversationId,
        value: {
          action: { type: 'Action.Execute', verb: 'proposal.confirm', data: { changeId, version: 1 } },
        },
      });
    expect((await press()).status).toBe(200);
    await t.bot.settled();
    const replayed = await press();
    await t.bot.settled();
    expect(replayed.status).toBe(200);
    expect(JSON.stringify(replayed.body)).toContain('already done');
    const events = (await t.bot.audit.list({ limit: 1000 })).filter(
      (e) => e.conversationId === conversationId,
    );
    expect(events.filter((e) => e.decision === 'executed')).toHaveLength(1);
  });

  it('loses no turn: every probe got its expected answer and the bot still serves', async () => {
    expect(outcomes).toHaveLength(probes.length);
    expect(outcomes.filter((o) => !o.asExpected)).toEqual([]);
    const result = await t.say('status fraud-detection', { conversationId: 'a:after-the-corpus' });
    expect(result.status).toBe(200);
    expect(t.cards(result)).toHaveLength(1);
  });
});
