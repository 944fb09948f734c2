import { ManualClock } from '../../../core/clock';
import { demoPeople } from '../../helpers/landing-zone-config';
import { startTestBot, type TestBot } from '../../helpers/test-bot';
import type { SendResult } from '../../helpers/connector';

// Wednesday 2 December 2026, 15:00 New York: outside the Saturday window, no blackout.
const weekday = '2026-12-02T20:00:00.000Z';
// Saturday 12 December 2026, 03:00 New York: inside the production window, not a blackout.
const inWindow = '2026-12-12T08:00:00.000Z';

const people = {
  alex: { aadObjectId: demoPeople.alex, name: 'Alex Wilber' },
  megan: { aadObjectId: demoPeople.megan, name: 'Megan Bowen' },
  adele: { aadObjectId: demoPeople.adele, name: 'Adele Vance' },
  diego: { aadObjectId: demoPeople.diego, name: 'Diego Siciliani' },
  lee: { aadObjectId: demoPeople.lee, name: 'Lee Gu' },
};

type Person = keyof typeof people;

function cardText(card: unknown): string {
  return JSON.stringify(card);
}

function actionsOf(
  card: Record<string, unknown>,
): { verb: string; data: { changeId: string; version: number } }[] {
  return (
    (card.actions ?? []) as { type: string; verb?: string; data: { changeId: string; version: number } }[]
  )
    .filter((a) => a.type === 'Action.Execute')
    .map((a) => ({ verb: a.verb!, data: a.data }));
}

function invokeCard(result: SendResult): Record<string, unknown> {
  expect(result.status).toBe(200);
  const body = result.body as { statusCode: number; type: string; value: Record<string, unknown> };
  expect(body.statusCode).toBe(200);
  expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  return body.value;
}

describe('change requests over HTTP', () => {
  let t: TestBot;
  let clock: ManualClock;
  const conversationId = 'a:ops-personal-alex';

  beforeEach(async () => {
    clock = new ManualClock(weekday);
    t = await startTestBot({ JOB_POLL_INTERVAL_MS: '0' }, { clock });
  });
  afterEach(() => t.close());

  const press = (who: Person, verb: string, data: unknown, conversation = conversationId) =>
    t.send({
      type: 'invoke',
      from: people[who],
      conversationId: conversation,
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    });

  async function changeOps(): Promise<number> {
    const events = await t.bot.audit.list({ limit: 500 });
    return events.filter((e) => e.decision === 'executed').length;
  }

  it('proposes a Standard scale, changes nothing until the requester confirms, then runs it once', async () => {
    const before = (await t.bot.landingZone.getEndpoint('fraud-detection')).deployments.find(
      (d) => d.name === 'blue',
    )!;
    expect(before.instanceCount).toBe(3);
    const asked = await t.say('scale fraud-detection to 6', { conversationId });
    const [card] = t.cards(asked);
    expect(cardText(card)).toContain('CHG-00001');
    expect(cardText(card)).toContain('3 to 6 instances');
    const actions = actionsOf(card);
    expect(actions.map((a) => a.verb)).toEqual(['proposal.confirm', 'proposal.cancel']);
    expect(actions[0].data).toEqual({ changeId: 'CHG-00001', version: 1 });
    expect(
      (await t.bot.landingZone.getEndpoint('fraud-detection')).deployments.find((d) => d.name === 'blue')!
        .instanceCount,
    ).toBe(3);

    const confirmed = invokeCard(
      await press('alex', 'proposal.confirm', { changeId: 'CHG-00001', version: 1 }),
    );
    expect(cardText(confirmed)).toContain('Running');
    await t.bot.settled();
    const after = (await t.bot.landingZone.getEndpoint('fraud-detection')).deployments.find(
      (d) => d.name === 'blue',
    )!;
    expect(after.instanceCount).toBe(6);
    const stored = await t.bot.changes.get('CHG-00001');
    expect(stored?.state).toBe('succeeded');
    expect(await changeOps()).toBe(1);
    // The posted card was updated in place with the result.
    const updates = t.connector.replies.filter((r) => r.method === 'PUT');
    expect(updates.length).toBeGreaterThan(0);
    expect(cardText(updates[updates.length - 1].activity)).toContain('Done');

    // A double click or a replay does nothing more.
    const again = invokeCard(await press('alex', 'proposal.confirm', { changeId: 'CHG-00001', version: 1 }));
    expect(cardText(again)).toContain('already done');
    await t.bot.settled();
    expect(await changeOps()).toBe(1);
  });

  it('refuses a confirmation by anyone but the requester, a forged id, an unknown verb and card data naming other arguments', async () => {
    await t.say('scale fraud-detection to 6', { conversationId });
    const byOther = invokeCard(await press('lee', 'proposal.confirm', { changeId: 'CHG-00001', version: 1 }));
    expect(cardText(byOther)).toContain('Only Alex Wilber');
    const forged = invokeCard(await press('alex', 'proposal.confirm', { changeId: 'CHG-99999', version: 1 }));
    expect(cardText(forged)).toContain('There is no change request CHG-99999');
    const unknownVerb = invokeCard(
      await press('alex', 'endpoint.scale', { changeId: 'CHG-00001', version: 1 }),
    );
    expect(cardText(unknownVerb)).toContain('not one I know');
    invokeCard(
      await press('alex', 'proposal.confirm', {
        changeId: 'CHG-00001',
        version: 1,
        instances: 40,
        endpoint: 'other',
        actor: demoPeople.adele,
      }),
    );
    await t.bot.settled();
    const after = (await t.bot.landingZone.getEndpoint('fraud-detection')).deployments.find(
      (d) => d.name === 'blue',
    )!;
    expect(after.instanceCount).toBe(6);
    expect(await changeOps()).toBe(1);
  });

  it('needs CAB and IT Director, two different people, for a Normal change and runs it in the window', async () => {
    clock.set(inWindow);
    const asked = await t.say('scale fraud-detection to 12', { conversationId });
    const text = cardText(t.cards(asked)[0]);
    expect(text).toContain('CHG-00001');
    expect(text).toMatch(/CAB/);
    expect(text).toMatch(/IT Director/);
    expect(actionsOf(t.cards(asked)[0]).map((a) => a.verb)).toEqual(['proposal.cancel']);

    const self = invokeCard(await press('alex', 'proposal.approve', { changeId: 'CHG-00001', version: 1 }));
    expect(cardText(self)).toMatch(/requester|asked for/i);
    const viewer = invokeCard(
      await press('diego', 'proposal.approve', { changeId: 'CHG-00001', version: 1 }),
    );
    expect(cardText(viewer)).toContain('Nothing was done');

    const cab = invokeCard(
      await press('megan', 'proposal.approve', { changeId: 'CHG-00001', version: 1 }, 'a:megan'),
    );
    expect(cardText(cab)).toContain('still needs');
    expect((await t.bot.changes.get('CHG-00001'))?.state).toBe('pending');
    const twice = invokeCard(
      await press('megan', 'proposal.approve', { changeId: 'CHG-00001', version: 2 }, 'a:megan'),
    );
    expect(cardText(twice)).toContain('Nothing was done');
    expect(await changeOps()).toBe(0);

    const director = invokeCard(
      await press('adele', 'proposal.approve', { changeId: 'CHG-00001', version: 2 }, 'a:adele'),
    );
    expect(cardText(director)).toContain('Running');
    await t.bot.settled();
    expect((await t.bot.changes.get('CHG-00001'))?.state).toBe('succeeded');
    const blue = (await t.bot.landingZone.getEndpoint('fraud-detection')).deployments.find(
      (d) => d.name === 'blue',
    )!;
    expect(blue.instanceCount).toBe(12);
    expect(await changeOps()).toBe(1);
  });

  it('records two approvals pressed at the same instant, each on the card as first shown, and runs the change once', async () => {
    clock.set(inWindow);
    await t.say('scale fraud-detection to 12', { conversationId });
    const [cab, director] = await Promise.all([
      press('megan', 'proposal.approve', { changeId: 'CHG-00001', version: 1 }, 'a:megan'),
      press('adele', 'proposal.approve', { changeId: 'CHG-00001', version: 1 }, 'a:adele'),
    ]);
    invokeCard(cab);
    invokeCard(director);
    await t.bot.settled();
    const change = await t.bot.changes.get('CHG-00001');
    expect(change?.approvals.map((a) => a.name).sort()).toEqual(['Adele Vance', 'Megan Bowen']);
    expect(change?.state).toBe('succeeded');
    expect(await changeOps()).toBe(1);
  });

  it('schedules a Normal change approved outside the window and runs it by itself at the window start', async () => {
    await t.say('scale fraud-detection to 12', { conversationId });
    invokeCard(await press('megan', 'proposal.approve', { changeId: 'CHG-00001', version: 1 }, 'a:megan'));
    const done = invokeCard(
      await press('adele', 'proposal.approve', { changeId: 'CHG-00001', version: 2 }, 'a:adele'),
    );
    expect(cardText(done)).toContain('scheduled');
    const scheduled = await t.bot.changes.get('CHG-00001');
    expect(scheduled?.state).toBe('scheduled');
    // Saturday 5 December 2026 02:00 New York is 07:00 UTC.
    expect(scheduled?.runAt).toEqual(new Date('2026-12-05T07:00:00.000Z'));

    clock.set('2026-12-05T06:59:00.000Z');
    await t.bot.runDueJobs();
    expect(await changeOps()).toBe(0);
    clock.set('2026-12-05T07:00:30.000Z');
    await t.bot.runDueJobs();
    expect((await t.bot.changes.get('CHG-00001'))?.state).toBe('succeeded');
    expect(await changeOps()).toBe(1);
    await t.bot.runDueJobs();
    expect(await changeOps()).toBe(1);
  });

  it('expires an undecided proposal: the card loses its buttons and a late click does nothing', async () => {
    await t.say('scale fraud-detection to 6', { conversationId });
    clock.advance(61 * 60_000);
    await t.bot.runDueJobs();
    expect((await t.bot.changes.get('CHG-00001'))?.state).toBe('expired');
    const updates = t.connector.replies.filter((r) => r.method === 'PUT');
    const last = updates[updates.length - 1].activity as {
      attachments: { content: Record<string, unknown> }[];
    };
    expect(cardText(last)).toContain('Expired');
    expect(actionsOf(last.attachments[0].content)).toEqual([]);
    const late = invokeCard(await press('alex', 'proposal.confirm', { changeId: 'CHG-00001', version: 1 }));
    expect(cardText(late)).toContain('expired');
    expect(await changeOps()).toBe(0);
  });

  it('shows a dry run without creating anything, and lists change records', async () => {
    const dry = await t.say('scale fraud-detection 12 --dry-run', { conversationId });
    expect(cardText(t.cards(dry)[0])).toContain('Dry run');
    const whatIf = await t.say('what would happen if I scale fraud-detection to 12?', { conversationId });
    const preview = cardText(t.cards(whatIf)[0]);
    expect(preview).toContain('Dry run');
    expect(preview).toMatch(/CAB/);
    expect(await t.bot.changes.list()).toEqual([]);
    await t.say('scale fraud-detection to 6', { conversationId });
    const list = await t.say('changes', { conversationId });
    expect(cardText(t.cards(list)[0])).toContain('CHG-00001');
    const shown = await t.say('show CHG-00001', { conversationId });
    expect(cardText(t.cards(shown)[0])).toContain('3 to 6 instances');
  });
});
