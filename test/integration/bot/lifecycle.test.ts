import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildActivity, sendActivity } from '../../helpers/connector';
import { demoPeople } from '../../helpers/landing-zone-config';
import { startTestBot } from '../../helpers/test-bot';

describe('bot lifecycle', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'opsbot-lifecycle-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps conversation state and the audit log across a restart on a file database', async () => {
    const env = { DATABASE_URL: `sqlite:${join(dir, 'opsbot.db')}` };
    const install = {
      type: 'conversationUpdate',
      conversationId: 'a:restart',
      membersAdded: [{ id: '28:opsbot-local' }],
    };

    const first = await startTestBot(env);
    expect((await first.send(install)).replies).toHaveLength(1);
    await first.say('status fraud-detection', { conversationId: 'a:restart' });
    await first.close();

    const second = await startTestBot(env);
    try {
      expect((await second.send(install)).replies).toHaveLength(0);
      const events = await second.bot.audit.list({ actorId: demoPeople.alex, skill: 'status.endpoint' });
      expect(events).toEqual([expect.objectContaining({ conversationId: 'a:restart', outcome: 'ok' })]);
    } finally {
      await second.close();
    }
  });

  it('lets an in-flight turn finish on close, refuses new work, then closes the database', async () => {
    const t = await startTestBot();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    t.connector.beforeRespond = () => held;

    const activity = buildActivity({
      serviceUrl: t.connector.url,
      text: 'status',
      from: { aadObjectId: demoPeople.alex },
    });
    const inFlight = sendActivity(t.bot.url, activity, { connector: t.connector });
    await t.connector.waitForReplies(activity.id as string);

    let closed = false;
    const closing = t.bot.close().then(() => (closed = true));
    const late = await sendActivity(
      t.bot.url,
      buildActivity({ serviceUrl: t.connector.url, text: 'help' }),
    ).then(
      (r) => r.status,
      (error: NodeJS.ErrnoException) => error.code,
    );
    expect([503, 'ECONNREFUSED', 'ECONNRESET']).toContain(late);
    expect(closed).toBe(false);

    release();
    expect((await inFlight).status).toBe(200);
    await closing;
    expect(closed).toBe(true);
    await expect(t.bot.audit.list()).rejects.toThrow();
    await t.connector.close();
  });
});
