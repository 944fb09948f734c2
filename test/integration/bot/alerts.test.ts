import { ManualClock } from '../../../core/clock';
import { demoPeople } from '../../helpers/landing-zone-config';
import { startTestBot, type TestBot } from '../../helpers/test-bot';
import { cardCommands, cardText, validateCard } from '../../helpers/validate-card';

const secret = 'alert-secret-0123456789abcdef';

function alertBody(condition: 'Fired' | 'Resolved' = 'Fired'): Record<string, unknown> {
  return {
    schemaId: 'azureMonitorCommonAlertSchema',
    data: {
      essentials: {
        alertId:
          '/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.AlertsManagement/alerts/a1',
        alertRule: 'Inference Endpoint Down',
        severity: 'Sev0',
        signalType: 'Metric',
        monitorCondition: condition,
        alertTargetIDs: [
          '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-prod-eus2-ai-01/providers/Microsoft.MachineLearningServices/workspaces/aml-prod-eus2-ai-01/onlineEndpoints/fraud-detection',
        ],
        firedDateTime: '2026-01-12T14:58:00.000Z',
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
    expect(await answer.json()).toEqual({ accepted: true, posted: true });
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

    // The button declares, as the person who pressed it.
    const pressed = await t.send({
      from: { aadObjectId: demoPeople.alex, name: 'Alex Wilber' },
      conversationId: 'ops-channel',
      conversationType: 'channel',
      value: { opsbot: { command: cardCommands(card)[0].command } },
    });
    expect(cardText(t.cards(pressed)[0])).toContain('INC-0001 · P1 Critical');
  });
});
