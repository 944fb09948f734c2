import { buildActivity, sendActivity, type ConnectorReply } from '../../helpers/connector';
import { demoPeople } from '../../helpers/landing-zone-config';
import { startTestBot, type TestBot } from '../../helpers/test-bot';

const alex = { aadObjectId: demoPeople.alex, name: 'Alex Wilber' };

describe('deadlines and retries on outbound calls', () => {
  let t: TestBot;
  let hang: Promise<void>;
  let stopHanging!: () => void;

  beforeAll(async () => {
    t = await startTestBot({ OUTBOUND_TIMEOUT_MS: '300', TURN_DEADLINE_MS: '5000' });
  });
  beforeEach(() => {
    hang = new Promise<void>((resolve) => (stopHanging = resolve));
    t.connector.beforeRespond = undefined;
  });
  afterEach(() => stopHanging());
  afterAll(() => t.close());

  const status = (conversationId: string) =>
    buildActivity({ serviceUrl: t.connector.url, text: 'status quota', from: alex, conversationId });
  const attemptsFor = (activityId: string) => t.connector.replies.filter((r) => r.replyToId === activityId);
  const auditOf = async (conversationId: string) =>
    (await t.bot.audit.list({ limit: 1000 })).filter((e) => e.conversationId === conversationId);

  it('answers the request when the connector accepts the reply and never answers, and audits it undelivered', async () => {
    t.connector.beforeRespond = () => hang;
    const activity = status('a:hanging');
    const result = await sendActivity(t.bot.url, activity, { connector: t.connector });
    expect(result.status).toBe(200);
    // One attempt: a timed-out post may have been delivered, so it is not sent again.
    expect(attemptsFor(activity.id as string)).toHaveLength(1);
    const events = await auditOf('a:hanging');
    expect(events.map((e) => [e.skill, e.outcome])).toEqual([
      ['status.quota', 'ok'],
      ['none', 'undelivered'],
    ]);
    expect(events[1]).toMatchObject({
      decision: 'delivery',
      actorId: demoPeople.alex,
      args: { what: 'reply', activities: 1 },
      detail: expect.stringContaining('did not finish within 300 ms'),
    });
    expect(t.logs.some((l) => l.msg === 'undelivered' && l.activityId === activity.id)).toBe(true);
  });

  it.each([429, 412, 502, 504])('retries a reply answered %i and delivers it once', async (code) => {
    let calls = 0;
    t.connector.beforeRespond = async (reply: ConnectorReply) => {
      if (reply.method !== 'POST') return;
      calls++;
      return calls === 1 ? { status: code, headers: { 'retry-after': '0' } } : undefined;
    };
    const conversationId = `a:retry-${code}`;
    const activity = status(conversationId);
    const result = await sendActivity(t.bot.url, activity, { connector: t.connector });
    expect(result.status).toBe(200);
    expect(attemptsFor(activity.id as string)).toHaveLength(2);
    expect((await auditOf(conversationId)).map((e) => e.outcome)).toEqual(['ok']);
  });

  it.each([400, 403, 500, 503])(
    'does not retry a reply answered %i, and audits it undelivered',
    async (code) => {
      t.connector.beforeRespond = async () => ({ status: code });
      const conversationId = `a:fail-${code}`;
      const activity = status(conversationId);
      const result = await sendActivity(t.bot.url, activity, { connector: t.connector });
      expect(result.status).toBe(200);
      expect(attemptsFor(activity.id as string)).toHaveLength(1);
      const events = await auditOf(conversationId);
      expect(events.map((e) => e.outcome)).toEqual(['ok', 'undelivered']);
      expect(events[1].detail).toContain(`HTTP ${code}`);
    },
  );

  it('gives up after three attempts of a reply that stays throttled', async () => {
    t.connector.beforeRespond = async () => ({ status: 429, headers: { 'retry-after': '0' } });
    const activity = status('a:throttled');
    const result = await sendActivity(t.bot.url, activity, { connector: t.connector });
    expect(result.status).toBe(200);
    expect(attemptsFor(activity.id as string)).toHaveLength(3);
    expect((await auditOf('a:throttled')).map((e) => e.outcome)).toEqual(['ok', 'undelivered']);
  });

  it('bounds the update of a change card too: the press is answered and the update audited undelivered', async () => {
    const conversationId = 'a:update-hangs';
    await t.say('scale fraud-detection to 6', { conversationId });
    const changeId = (await t.bot.changes.list()).find((c) => c.conversationId === conversationId)!.id;
    t.connector.beforeRespond = (reply) => (reply.method === 'PUT' ? hang : Promise.resolve());
    const pressed = await t.send({
      type: 'invoke',
      name: 'adaptiveCard/action',
      from: alex,
      conversationId,
      value: { action: { type: 'Action.Execute', verb: 'proposal.confirm', data: { changeId, version: 1 } } },
    });
    await t.bot.settled();
    expect(pressed.status).toBe(200);
    expect(JSON.stringify(pressed.body)).toContain(changeId);
    const undelivered = (await auditOf(conversationId)).filter((e) => e.outcome === 'undelivered');
    expect(undelivered.length).toBeGreaterThan(0);
    expect(undelivered.every((e) => (e.args as { what: string }).what === 'update')).toBe(true);
  });

  it('answers within the turn deadline when the turn itself runs long', async () => {
    const slow = await startTestBot({ OUTBOUND_TIMEOUT_MS: '300', TURN_DEADLINE_MS: '200' });
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      // The reply is held by the connector, well inside its own attempt deadline.
      slow.connector.beforeRespond = () => held;
      const activity = buildActivity({ serviceUrl: slow.connector.url, text: 'status quota', from: alex });
      const result = await sendActivity(slow.bot.url, activity);
      expect(result.status).toBe(200);
      expect(
        slow.logs.some(
          (l) => l.msg === 'turn still running at its deadline; answered the request without waiting',
        ),
      ).toBe(true);
      release();
    } finally {
      await slow.close();
    }
  });
});
