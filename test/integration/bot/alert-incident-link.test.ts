import { ManualClock } from '../../../core/clock';
import { demoPeople } from '../../helpers/landing-zone-config';
import { lastVersionOf as lastVersionOfMessage, postAlert } from '../../helpers/alert-posts';
import { startTestBot, type TestBot } from '../../helpers/test-bot';
import { cardCommands, cardText } from '../../helpers/validate-card';
import { confirmPress } from '../../helpers/card-press';

const secret = 'alert-secret-link-0123456789abcdef';
const ops = 'ops-link';
const alertPath =
  '/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.AlertsManagement/alerts/';

function alertBody(
  condition: 'Fired' | 'Resolved',
  id: string,
  rule = 'High Latency',
): Record<string, unknown> {
  return {
    schemaId: 'azureMonitorCommonAlertSchema',
    data: {
      essentials: {
        alertId: `${alertPath}${id}`,
        alertRule: rule,
        severity: 'Sev2',
        signalType: 'Metric',
        monitorCondition: condition,
        alertTargetIDs: [
          '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-prod-eus2-ai-01/providers/Microsoft.MachineLearningServices/workspaces/aml-prod-eus2-ai-01/onlineEndpoints/fraud-detection',
        ],
        firedDateTime: '2026-01-12T14:58:00.000Z',
        ...(condition === 'Resolved' ? { resolvedDateTime: '2026-01-12T15:40:00.000Z' } : {}),
      },
      alertContext: {},
    },
  };
}

const alex = { aadObjectId: demoPeople.alex, name: 'Alex Wilber' };
const megan = { aadObjectId: demoPeople.megan, name: 'Megan Bowen' };

describe('an incident declared from an alert card is linked to it', () => {
  let t: TestBot;
  let clock: ManualClock;
  beforeAll(async () => {
    clock = new ManualClock('2026-01-12T15:00:00Z');
    t = await startTestBot(
      { JOB_POLL_INTERVAL_MS: '0', ALERTS_SHARED_SECRET: secret, ALERTS_CONVERSATION_ID: ops },
      { clock },
    );
    await t.say('help', { conversationId: ops, conversationType: 'channel' });
  });
  afterAll(() => t.close());

  const post = (body: Record<string, unknown>) => postAlert(t, secret, body);
  const alertCardId = () =>
    t.connector.replies.find(
      (r) =>
        r.conversationId === ops && r.method === 'POST' && /^Azure Monitor:/.test(String(r.activity.text)),
    )!.id;
  const lastVersionOf = (activityId: string) => lastVersionOfMessage(t, activityId);
  /** Presses a card button carrying `command`, then the preview's confirming button, as `who`. */
  const declareThroughCards = async (command: string, who: { aadObjectId: string; name: string }) => {
    const pressed = await t.send({
      from: who,
      conversationId: ops,
      conversationType: 'channel',
      value: { opsbot: { command } },
    });
    const [confirm] = cardCommands(t.cards(pressed)[0]);
    return t.send(
      confirmPress(confirm.command, { from: who, conversationId: ops, conversationType: 'channel' }),
    );
  };

  let declareCommand: string;

  it('records the alert on the incident and redraws the alert card with the incident instead of its Declare button', async () => {
    await post(alertBody('Fired', 'l1'));
    const card = lastVersionOf(alertCardId());
    declareCommand = cardCommands(card)[0].command;
    expect(declareCommand).toBe('declare P3 High Latency on fraud-detection');

    const declared = await declareThroughCards(declareCommand, alex);
    const [incident] = await t.bot.incidents.list();
    expect(incident).toMatchObject({
      id: 'INC-0001',
      severity: 'P3',
      summary: 'High Latency on fraud-detection',
    });
    expect(incident.externalRefs['azure-monitor']).toBe(`${alertPath}l1`);
    const timeline = await t.bot.incidents.timeline('INC-0001');
    expect(timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['declared', 'alert']));
    expect(timeline.find((e) => e.kind === 'alert')!.text).toBe(
      'Declared from the Azure Monitor alert "High Latency on fraud-detection" (Sev2)',
    );

    const [incidentCard] = t.cards(declared).filter((c) => cardText(c).includes('INC-0001'));
    expect(cardText(incidentCard)).toContain('References: Azure Monitor alert l1');

    const redrawn = lastVersionOf(alertCardId());
    expect(cardText(redrawn)).toContain('Incident: INC-0001');
    expect(cardText(redrawn)).not.toContain('Nothing has been declared');
    expect(cardCommands(redrawn).map((c) => c.command)).toEqual([
      'incidents',
      'ask why High Latency on fraud-detection',
    ]);
  });

  it('refuses a second declaration from the same alert while its incident is open, naming the incident', async () => {
    // Megan pressed the Declare button of the card as it was before Alex's declaration redrew it.
    const confirmed = await declareThroughCards(declareCommand, megan);
    const texts = t.cards(confirmed).map(cardText).join('\n');
    expect(texts).toMatch(/already INC-0001 \(P3, declared, owner Alex Wilber\); nothing new was declared/);
    expect(await t.bot.incidents.list()).toHaveLength(1);
  });

  it('keeps the link on the card when the alert repeats, and writes the alert resolution on the timeline', async () => {
    await post(alertBody('Fired', 'l2'));
    const folded = lastVersionOf(alertCardId());
    expect(cardText(folded)).toContain('fired 2 times');
    expect(cardText(folded)).toContain('Incident: INC-0001');

    await post(alertBody('Resolved', 'l1'));
    await post(alertBody('Resolved', 'l2'));
    const resolved = lastVersionOf(alertCardId());
    expect(cardText(resolved)).toContain('Incident: INC-0001');
    expect(cardCommands(resolved)).toEqual([]);
    const alertLines = (await t.bot.incidents.timeline('INC-0001')).filter((e) => e.kind === 'alert');
    expect(alertLines.map((e) => e.text)).toEqual([
      'Declared from the Azure Monitor alert "High Latency on fraud-detection" (Sev2)',
      'The Azure Monitor alert "High Latency on fraud-detection" resolved at 15:40 UTC',
    ]);
  });

  it('lists the change requests raised while the incident is open on its live card', async () => {
    const declared = await t.say('declare P3 scoring slow for one region', {
      conversationId: 'inc-room',
      conversationType: 'channel',
      from: alex,
    });
    const cardActivity = declared.replies.find((r) =>
      ((r.activity.attachments ?? []) as { content: Record<string, unknown> }[]).some((a) =>
        /INC-0002/.test(cardText(a.content)),
      ),
    );
    expect(cardActivity).toBeDefined();
    clock.advance(60_000);
    await t.say('scale fraud-detection blue to 5', {
      conversationId: 'inc-room',
      conversationType: 'channel',
      from: alex,
    });
    const [change] = (await t.bot.changes.list({ limit: 10 })).filter((c) => c.skill === 'endpoint.scale');
    expect(change).toBeDefined();
    const live = lastVersionOf(cardActivity!.id);
    expect(cardText(live)).toContain('**Changes through opsbot while open** (1)');
    expect(cardText(live)).toContain(`${change.id} ${change.plan.summary}`);
  });
  it('lets go of the alert when its incident is resolved while it still fires, offering to declare again', async () => {
    await post(alertBody('Fired', 'e1', 'Endpoint Errors'));
    const cardOf = () =>
      t.connector.replies.find(
        (r) =>
          r.conversationId === ops &&
          r.method === 'POST' &&
          String(r.activity.text).startsWith('Azure Monitor: Endpoint Errors'),
      )!.id;
    const declare = cardCommands(lastVersionOf(cardOf()))[0].command;
    await declareThroughCards(declare, alex);
    const first = (await t.bot.incidents.list({ open: true })).find((i) =>
      i.summary.startsWith('Endpoint Errors'),
    )!;
    expect(cardText(lastVersionOf(cardOf()))).toContain(`Incident: ${first.id}`);

    await t.say(`resolve ${first.id} false alarm, a dashboard glitch`, {
      conversationId: ops,
      conversationType: 'channel',
      from: alex,
    });
    expect((await t.bot.incidents.get(first.id))?.state).toBe('resolved');
    const released = lastVersionOf(cardOf());
    expect(cardText(released)).toContain(`${first.id} (resolved; the alert still fires)`);
    expect(cardCommands(released)[0]).toEqual({ title: 'Declare incident', command: declare });

    // A new declaration from it is allowed and becomes the alert's incident.
    await declareThroughCards(declare, megan);
    const second = (await t.bot.incidents.list({ open: true })).find((i) =>
      i.summary.startsWith('Endpoint Errors'),
    )!;
    expect(second.id).not.toBe(first.id);
    expect(second.declaredBy.name).toBe('Megan Bowen');
    expect(cardText(lastVersionOf(cardOf()))).toContain(`Incident: ${second.id}`);
  });
});
