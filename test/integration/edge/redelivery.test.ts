import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../../core/clock';
import { buildActivity, sendActivity, startConnector, type LocalConnector } from '../../helpers/connector';
import { demoPeople } from '../../helpers/landing-zone-config';
import { startTestBot, type TestBot } from '../../helpers/test-bot';
import { ScratchDatabases, enginesUnderTest } from '../storage/scratch-databases';

const alex = { aadObjectId: demoPeople.alex, name: 'Alex Wilber' };
// Wednesday 2 December 2026, 15:00 New York: a Standard scale is confirmed by its requester.
const weekday = '2026-12-02T20:00:00.000Z';

/** Audit rows of one conversation. */
async function auditOf(t: TestBot, conversationId: string) {
  return (await t.bot.audit.list({ limit: 1000 })).filter((e) => e.conversationId === conversationId);
}

function repliesTo(connector: LocalConnector, activityId: string) {
  return connector.replies.filter((r) => r.replyToId === activityId);
}

describe('each delivery is handled once', () => {
  let t: TestBot;
  let dir: string;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'opsbot-redelivery-'));
    url = `sqlite:${join(dir, 'opsbot.db')}`;
    t = await startTestBot(
      { DATABASE_URL: url, JOB_POLL_INTERVAL_MS: '0' },
      { clock: new ManualClock(weekday) },
    );
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const confirmPress = (conversationId: string, changeId: string) =>
    buildActivity({
      serviceUrl: t.connector.url,
      type: 'invoke',
      name: 'adaptiveCard/action',
      from: alex,
      conversationId,
      value: { action: { type: 'Action.Execute', verb: 'proposal.confirm', data: { changeId, version: 1 } } },
    });
  const message = (text: string, conversationId: string) =>
    buildActivity({ serviceUrl: t.connector.url, text, from: alex, conversationId });

  it('answers a message delivered three times with one reply and one audit row', async () => {
    const activity = message('status fraud-detection', 'a:thrice');
    const results = [];
    for (let i = 0; i < 3; i++)
      results.push(await sendActivity(t.bot.url, activity, { connector: t.connector }));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(repliesTo(t.connector, activity.id as string)).toHaveLength(1);
    expect(await auditOf(t, 'a:thrice')).toEqual([expect.objectContaining({ skill: 'status.endpoint' })]);
    expect(t.logs.filter((l) => l.msg === 'redelivered activity: no second turn')).toHaveLength(2);
  });

  it('runs no second turn for a redelivery that arrives while the first is still being handled', async () => {
    const activity = message('status fraud-detection', 'a:during');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let arrived!: () => void;
    const replyArrived = new Promise<void>((resolve) => (arrived = resolve));
    t.connector.beforeRespond = async (reply) => {
      if (reply.replyToId !== activity.id) return;
      arrived();
      await held;
    };
    const first = sendActivity(t.bot.url, activity, { connector: t.connector });
    await replyArrived;
    const second = await sendActivity(t.bot.url, activity, { connector: t.connector });
    expect(second.status).toBe(200);
    release();
    expect((await first).status).toBe(200);
    t.connector.beforeRespond = undefined;
    expect(repliesTo(t.connector, activity.id as string)).toHaveLength(1);
    expect(await auditOf(t, 'a:during')).toHaveLength(1);
  });

  it('keeps the same activity id apart in two conversations', async () => {
    const activity = message('status fraud-detection', 'a:first-of-two');
    await sendActivity(t.bot.url, activity, { connector: t.connector });
    const other = { ...activity, conversation: { id: 'a:second-of-two', conversationType: 'personal' } };
    await sendActivity(t.bot.url, other, { connector: t.connector });
    expect(await auditOf(t, 'a:first-of-two')).toHaveLength(1);
    expect(await auditOf(t, 'a:second-of-two')).toHaveLength(1);
  });

  it('answers a redelivered button press with the same card and runs the change once', async () => {
    const conversationId = 'a:press-twice';
    await t.say('scale fraud-detection to 6', { conversationId });
    const press = confirmPress(conversationId, 'CHG-00001');
    const first = await sendActivity(t.bot.url, press, { connector: t.connector });
    await t.bot.settled();
    const again = await sendActivity(t.bot.url, press, { connector: t.connector });
    await t.bot.settled();
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(JSON.stringify(first.body)).toContain('CHG-00001');
    const executed = (await auditOf(t, conversationId)).filter((e) => e.decision === 'executed');
    expect(executed).toHaveLength(1);
    expect((await t.bot.changes.get('CHG-00001'))?.state).toBe('succeeded');
  });

  it("answers a press redelivered while the first is still running with the first one's card", async () => {
    const conversationId = 'a:press-during';
    await t.say('scale fraud-detection to 7', { conversationId });
    const changeId = (await t.bot.changes.list()).find((c) => c.conversationId === conversationId)!.id;
    const press = confirmPress(conversationId, changeId);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let arrived!: () => void;
    const updateArrived = new Promise<void>((resolve) => (arrived = resolve));
    t.connector.beforeRespond = async (reply) => {
      if (reply.method !== 'PUT') return;
      arrived();
      await held;
    };
    const first = sendActivity(t.bot.url, press, { connector: t.connector });
    await updateArrived;
    const second = sendActivity(t.bot.url, press, { connector: t.connector });
    release();
    const [a, b] = await Promise.all([first, second]);
    t.connector.beforeRespond = undefined;
    await t.bot.settled();
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(b.body).toEqual(a.body);
    const executed = (await auditOf(t, conversationId)).filter((e) => e.decision === 'executed');
    expect(executed).toHaveLength(1);
  });

  it('remembers deliveries across a restart on the same database', async () => {
    const activity = message('status fraud-detection', 'a:restart');
    await sendActivity(t.bot.url, activity, { connector: t.connector });
    await t.close();
    t = await startTestBot(
      { DATABASE_URL: url, JOB_POLL_INTERVAL_MS: '0' },
      { clock: new ManualClock(weekday) },
    );
    const again = await sendActivity(
      t.bot.url,
      { ...activity, serviceUrl: t.connector.url },
      { connector: t.connector },
    );
    expect(again.status).toBe(200);
    expect(again.replies).toHaveLength(0);
    expect(await auditOf(t, 'a:restart')).toHaveLength(1);
  });
});

describe.each(enginesUnderTest)('two instances on one %s database', (engine) => {
  const scratch = new ScratchDatabases(engine);
  let bots: TestBot[] = [];
  let connector: LocalConnector;

  beforeAll(async () => {
    const url = await scratch.newUrl();
    connector = await startConnector();
    bots = [await startTestBot({ DATABASE_URL: url }), await startTestBot({ DATABASE_URL: url })];
  });
  afterAll(async () => {
    for (const b of bots) await b.close();
    await connector.close();
    await scratch.dispose();
  });

  it('run one turn for an activity delivered to both at once, for each of 20 activities', async () => {
    const activities = Array.from({ length: 20 }, (_, i) =>
      buildActivity({
        serviceUrl: connector.url,
        text: 'status quota',
        from: alex,
        conversationId: `a:both-${i}`,
      }),
    );
    const results = await Promise.all(
      activities.flatMap((activity) => bots.map((b) => sendActivity(b.bot.url, activity))),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    for (const activity of activities) expect(repliesTo(connector, activity.id as string)).toHaveLength(1);
    const events = (await bots[0].bot.audit.list({ limit: 1000 })).filter((e) =>
      e.conversationId.startsWith('a:both-'),
    );
    expect(events).toHaveLength(activities.length);
  });
});
