import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../../adapters/storage/database';
import { buildActivity, sendActivity } from '../../helpers/connector';
import { demoPeople } from '../../helpers/landing-zone-config';
import { startTestBot, type TestBot } from '../../helpers/test-bot';
import { cardText, validateCard } from '../../helpers/validate-card';

describe('bad input to /api/messages', () => {
  let t: TestBot;
  let dir: string;
  let observer: Database;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'opsbot-bad-input-'));
    const url = `sqlite:${join(dir, 'opsbot.db')}`;
    t = await startTestBot({ DATABASE_URL: url });
    observer = await openDatabase(url);
  });
  afterAll(async () => {
    await observer.close();
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function rowCounts() {
    const count = async (table: 'kv_items' | 'audit_events') =>
      Number(
        (
          await observer.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return { kv: await count('kv_items'), audit: await count('audit_events') };
  }

  const valid = () =>
    buildActivity({
      serviceUrl: t.connector.url,
      text: 'status',
      from: { aadObjectId: demoPeople.alex, name: 'Alex Wilber' },
    });

  /** Sends, checks the status and the JSON error, and that nothing was stored and nothing was sent to the connector. */
  async function expectRejected(
    body: Record<string, unknown> | string | Buffer,
    status: number,
    message: RegExp,
  ) {
    const before = await rowCounts();
    const repliesBefore = t.connector.replies.length;
    const result = await sendActivity(t.bot.url, body);
    expect(result.status).toBe(status);
    expect(result.body).toEqual({
      error: { code: 'OPS-203', status, message: expect.stringMatching(message) },
    });
    expect(await rowCounts()).toEqual(before);
    expect(t.connector.replies.length).toBe(repliesBefore);
  }

  it('answers malformed JSON with 400', async () => {
    await expectRejected('{"type": "message", "text": ', 400, /not valid JSON/);
  });

  it('answers a 1 MB body with 413 without reading it into a turn', async () => {
    const activity = { ...valid(), text: 'x'.repeat(1024 * 1024) };
    await expectRejected(activity, 413, /limit is 262144 bytes/);
  });

  it.each([
    ['conversation', /missing conversation\.id/],
    ['from', /missing from\.id/],
    ['type', /missing type/],
  ])('answers an activity without %s with 400', async (field, message) => {
    const activity = valid();
    delete activity[field];
    await expectRejected(activity, 400, message);
  });

  it('answers an unknown activity type with 400', async () => {
    await expectRejected({ ...valid(), type: 'telepathy' }, 400, /Unknown activity type "telepathy"/);
  });

  it('answers a JSON array with 400', async () => {
    await expectRejected('[1,2,3]', 400, /must be a JSON object/);
  });

  it('refuses to reply to a serviceUrl off this machine in local mode', async () => {
    await expectRejected(
      { ...valid(), serviceUrl: 'https://smba.trafficmanager.net/emea/' },
      400,
      /only replies to a serviceUrl on this machine/,
    );
  });

  it('answers a text over 4,000 characters with a polite card, runs nothing and writes only the audit event', async () => {
    const before = await rowCounts();
    const result = await t.say(`status ${'fraud-detection '.repeat(300)}`, { conversationId: 'a:too-long' });
    expect(result.status).toBe(200);
    const [card] = t.cards(result);
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toMatch(/too long/i);
    expect(cardText(card)).toMatch(/Nothing was run/);
    const after = await rowCounts();
    expect(after).toEqual({ kv: before.kv, audit: before.audit + 1 });
    const events = (await t.bot.audit.list({ actorId: demoPeople.alex })).filter(
      (e) => e.conversationId === 'a:too-long',
    );
    expect(events).toEqual([expect.objectContaining({ skill: 'none', decision: 'rejected:too-long' })]);
  });

  it('keeps serving after all of that', async () => {
    const result = await t.say('status fraud-detection');
    expect(result.status).toBe(200);
    expect(cardText(t.cards(result)[0])).toContain('fraud-detection');
  });
});
