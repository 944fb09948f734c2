import { ManualClock } from '../../../core/clock';
import { demoPeople } from '../../helpers/landing-zone-config';
import { lastVersionOf as lastVersionOfMessage, postAlert } from '../../helpers/alert-posts';
import { startTestBot, type TestBot } from '../../helpers/test-bot';
import { buttonVerb, cardCommands, cardText, validateCard } from '../../helpers/validate-card';
import { confirmPress } from '../../helpers/card-press';

const secret = 'alert-secret-0123456789abcdef';

const alertPath =
  '/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.AlertsManagement/alerts/';

function alertBody(
  condition: 'Fired' | 'Resolved' = 'Fired',
  { id = 'a1', rule = 'Inference Endpoint Down', firedAt = '2026-01-12T14:58:00.000Z' } = {},
): Record<string, unknown> {
  return {
    schemaId: 'azureMonitorCommonAlertSchema',
    data: {
      essentials: {
        alertId: `${alertPath}${id}`,
        alertRule: rule,
        severity: 'Sev0',
        signalType: 'Metric',
        monitorCondition: condition,
        alertTargetIDs: [
          '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-prod-eus2-ai-01/providers/Microsoft.MachineLearningServices/workspaces/aml-prod-eus2-ai-01/onlineEndpoints/fraud-detection',
        ],
        firedDateTime: firedAt,
        ...(condition === 'Resolved' ? { resolvedDateTime: '2026-01-12T15:20:00.000Z' } : {}),
        description: 'Availability below 99%',
      },
      alertContext: {},
    },
  };
}

describe('POST /api/alerts', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot(
      { JOB_POLL_INTERVAL_MS: '0', ALERTS_SHARED_SECRET: secret, ALERTS_CONVERSATION_ID: 'ops-channel' },
      { clock: new ManualClock('2026-01-12T15:00:00Z') },
    );
    // The ops channel is a conversation the bot has heard from (its reference is kept).
    await t.say('help', { conversationId: 'ops-channel', conversationType: 'channel' });
  });
  afterAll(() => t.close());

  const post = (body: string, headers: Record<string, string> = { 'x-opsbot-alert-secret': secret }) =>
    fetch(`${t.bot.url}/api/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  const posted = () =>
    t.connector.replies.filter(
      (r) => r.conversationId === 'ops-channel' && /^Azure Monitor:/.test(String(r.activity.text)),
    );

  it('refuses a missing or wrong secret with 401 and posts nothing', async () => {
    expect((await post(JSON.stringify(alertBody()), {})).status).toBe(401);
    expect((await post(JSON.stringify(alertBody()), { 'x-opsbot-alert-secret': `${secret}x` })).status).toBe(
      401,
    );
    expect(posted()).toEqual([]);
  });

  it('answers 400 for a body that is not JSON or not the common alert schema, and 413 when too large', async () => {
    expect((await post('{not json')).status).toBe(400);
    const wrong = await post(JSON.stringify({ schemaId: 'something-else', data: {} }));
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(await wrong.json())).toMatch(/Not an Azure Monitor common alert: schemaId/);
    expect((await post(JSON.stringify({ pad: 'x'.repeat(300 * 1024) }))).status).toBe(413);
    expect(posted()).toEqual([]);
  });

  it('posts an alert card with Declare incident and Troubleshoot to the ops channel, declaring nothing', async () => {
    const answer = await post(JSON.stringify(alertBody()));
    expect(answer.status).toBe(202);
    expect(await answer.json()).toEqual({ accepted: true, posted: true, card: 'posted' });
    const [reply] = posted();
    const card = ((reply.activity.attachments ?? []) as { content: Record<string, unknown> }[])[0].content;
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain('Inference Endpoint Down');
    expect(cardText(card)).toContain('Resources: fraud-detection');
    expect(cardCommands(card)).toEqual([
      { title: 'Declare incident', command: 'declare P1 Inference Endpoint Down on fraud-detection' },
      { title: 'Troubleshoot', command: 'ask why Inference Endpoint Down on fraud-detection' },
    ]);
    expect(await t.bot.incidents.list()).toEqual([]);
    const [event] = (await t.bot.audit.list()).filter((e) => e.decision === 'alert');
    expect(event).toMatchObject({
      actorId: 'azure-monitor',
      outcome: 'posted',
      conversationId: 'ops-channel',
    });

    // The button is a suggestion: it previews the declaration (severity, who is paged) and nothing
    // is declared until the preview's own button is pressed, by the person who pressed it.
    const pressed = await t.send({
      from: { aadObjectId: demoPeople.alex, name: 'Alex Wilber' },
      conversationId: 'ops-channel',
      conversationType: 'channel',
      value: { opsbot: { command: cardCommands(card)[0].command } },
    });
    const [preview] = t.cards(pressed);
    expect(cardText(preview)).toMatch(/Nothing is declared yet\. This would open a P1 incident/);
    expect(await t.bot.incidents.list()).toEqual([]);
    const [confirm] = cardCommands(preview);
    expect(buttonVerb(preview, confirm.title)).toBe('command.confirm');
    await t.send(
      confirmPress(confirm.command, {
        from: { aadObjectId: demoPeople.alex, name: 'Alex Wilber' },
        conversationId: 'ops-channel',
        conversationType: 'channel',
      }),
    );
    const [incident] = await t.bot.incidents.list();
    expect(incident).toMatchObject({ id: 'INC-0001', severity: 'P1', declaredBy: { name: 'Alex Wilber' } });
  });
});

describe('POST /api/alerts folds repeats into one card', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot(
      { JOB_POLL_INTERVAL_MS: '0', ALERTS_SHARED_SECRET: secret, ALERTS_CONVERSATION_ID: 'ops-fold' },
      { clock: new ManualClock('2026-01-12T15:00:00Z') },
    );
    await t.say('help', { conversationId: 'ops-fold', conversationType: 'channel' });
  });
  afterAll(() => t.close());

  const post = (body: Record<string, unknown>) => postAlert(t, secret, body);
  const newCards = () =>
    t.connector.replies.filter(
      (r) =>
        r.conversationId === 'ops-fold' &&
        r.method === 'POST' &&
        /^Azure Monitor:/.test(String(r.activity.text)),
    );
  const lastVersionOf = (activityId: string) => lastVersionOfMessage(t, activityId);

  it('counts a repeat of the same rule on the same resources on the first card instead of posting another', async () => {
    expect(await post(alertBody('Fired', { id: 'r1' }))).toEqual({
      accepted: true,
      posted: true,
      card: 'posted',
    });
    expect(await post(alertBody('Fired', { id: 'r2', firedAt: '2026-01-12T15:03:00.000Z' }))).toEqual({
      accepted: true,
      posted: false,
      card: 'folded',
      timesFired: 2,
    });
    expect(newCards()).toHaveLength(1);
    const card = lastVersionOf(newCards()[0].id);
    expect(cardText(card)).toContain('Repeats: fired 2 times');
    expect(cardCommands(card).map((c) => c.title)).toEqual(['Declare incident', 'Troubleshoot']);
  });

  it('takes a redelivered alert once: Azure Monitor retrying a webhook does not count twice', async () => {
    expect(await post(alertBody('Fired', { id: 'r2', firedAt: '2026-01-12T15:03:00.000Z' }))).toMatchObject({
      posted: false,
      card: 'duplicate',
    });
    expect(newCards()).toHaveLength(1);
    expect(cardText(lastVersionOf(newCards()[0].id))).toContain('fired 2 times');
  });

  it('posts a separate card for another rule', async () => {
    expect(await post(alertBody('Fired', { id: 'other-1', rule: 'High Inference Latency' }))).toMatchObject({
      card: 'posted',
    });
    expect(newCards()).toHaveLength(2);
  });

  it('turns the card resolved, without buttons, once every alert folded into it has resolved', async () => {
    const [first] = newCards();
    expect(await post(alertBody('Resolved', { id: 'r1' }))).toMatchObject({
      card: 'resolved',
      posted: false,
    });
    let card = lastVersionOf(first.id);
    expect(cardText(card)).toContain('1 of them resolved');
    expect(cardCommands(card)).toHaveLength(2);

    expect(await post(alertBody('Resolved', { id: 'r2' }))).toMatchObject({ card: 'resolved' });
    card = lastVersionOf(first.id);
    expect(cardText(card)).toContain('Resolved');
    expect(cardCommands(card)).toEqual([]);
    expect(newCards()).toHaveLength(2);

    // The rule fires again after the resolution: that is a new episode with a new card.
    expect(await post(alertBody('Fired', { id: 'r3', firedAt: '2026-01-12T16:00:00.000Z' }))).toMatchObject({
      card: 'posted',
    });
    expect(newCards()).toHaveLength(3);
    const audit = (await t.bot.audit.list()).filter((e) => e.decision === 'alert').map((e) => e.outcome);
    expect(audit.sort()).toEqual(
      ['duplicate', 'folded', 'posted', 'posted', 'posted', 'resolved', 'resolved'].sort(),
    );
  });
});

describe('`alerts here` chooses the ops channel alert cards go to', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ JOB_POLL_INTERVAL_MS: '0', ALERTS_SHARED_SECRET: secret }, {});
  });
  afterAll(() => t.close());

  const post = (body: Record<string, unknown>) =>
    fetch(`${t.bot.url}/api/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-opsbot-alert-secret': secret },
      body: JSON.stringify(body),
    }).then((r) => r.json() as Promise<Record<string, unknown>>);

  it('records alerts only until an operator writes `alerts here` in a channel, then posts them there', async () => {
    expect(await post(alertBody('Fired', { id: 'ch-1' }))).toMatchObject({ posted: false, card: 'recorded' });
    const chosen = await t.say('alerts here', { conversationId: 'ops-room', conversationType: 'channel' });
    expect(cardText(t.cards(chosen)[0])).toContain('posted to this conversation from now on');
    expect(await post(alertBody('Fired', { id: 'ch-2', rule: 'Training Job Failures' }))).toMatchObject({
      posted: true,
      card: 'posted',
    });
    const cards = t.connector.replies.filter(
      (r) => r.conversationId === 'ops-room' && /^Azure Monitor:/.test(String(r.activity.text)),
    );
    expect(cards).toHaveLength(1);
    expect(
      cardText(((cards[0].activity.attachments ?? []) as { content: Record<string, unknown> }[])[0].content),
    ).toContain('Training Job Failures');
  });
});
