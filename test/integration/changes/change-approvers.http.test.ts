import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { ManualClock } from '../../../core/clock';
import { demoPeople, loadShippedConfigRaw } from '../../helpers/landing-zone-config';
import { startTestBot, type TestBot } from '../../helpers/test-bot';
import type { ConnectorReply, SendResult } from '../../helpers/connector';

// Saturday 12 December 2026, 03:00 New York: inside the production window, not a blackout.
const inWindow = '2026-12-12T08:00:00.000Z';
// Saturday 30 January 2027, 03:00 New York: inside the window's hours, but in the month-end blackout (last 3 days).
const inBlackout = '2027-01-30T08:00:00.000Z';

const people = {
  alex: { aadObjectId: demoPeople.alex, name: 'Alex Wilber' },
  megan: { aadObjectId: demoPeople.megan, name: 'Megan Bowen' },
  adele: { aadObjectId: demoPeople.adele, name: 'Adele Vance' },
  johanna: { aadObjectId: '00000000-0000-0000-0000-0000000000027', name: 'Johanna Lorenz' },
  isaiah: { aadObjectId: demoPeople.isaiah, name: 'Isaiah Langer' },
};
type Person = keyof typeof people;

const text = (value: unknown) => JSON.stringify(value);

function invokeCard(result: SendResult): Record<string, unknown> {
  expect(result.status).toBe(200);
  return (result.body as { value: Record<string, unknown> }).value;
}

function cardOf(reply: ConnectorReply): Record<string, unknown> {
  return ((reply.activity.attachments ?? []) as { content: Record<string, unknown> }[])[0]?.content ?? {};
}

function verbs(card: Record<string, unknown>): string[] {
  return ((card.actions ?? []) as { verb?: string }[]).map((a) => a.verb ?? '');
}

describe('change requests reach their approvers', () => {
  let t: TestBot;
  let clock: ManualClock;

  beforeEach(async () => {
    clock = new ManualClock(inWindow);
    t = await startTestBot(
      { JOB_POLL_INTERVAL_MS: '0', CHANGE_CHANNEL_ID: '19:changes@thread.tacv2' },
      { clock },
    );
  });
  afterEach(() => t.close());

  const press = (who: Person, verb: string, data: unknown, conversationId: string) =>
    t.send({
      type: 'invoke',
      name: 'adaptiveCard/action',
      from: people[who],
      conversationId,
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    });

  async function executed(): Promise<number> {
    return (await t.bot.audit.list({ limit: 500 })).filter((e) => e.decision === 'executed').length;
  }

  it('posts the card to the change channel and to each approver personal chat, and updates every copy together', async () => {
    await t.say('help', { from: people.megan, conversationId: 'a:megan' });
    await t.say('help', { from: people.adele, conversationId: 'a:adele' });
    await t.say('help', { conversationId: '19:changes@thread.tacv2', conversationType: 'channel' });
    const asked = await t.say('scale fraud-detection to 12', {
      conversationId: '19:ops@thread.tacv2',
      conversationType: 'channel',
    });
    const shared = t.cards(asked)[0];
    // A shared copy offers every button the state allows and refreshes itself for the people involved.
    expect(verbs(shared)).toEqual(['proposal.approve', 'proposal.reject', 'proposal.cancel']);
    expect((shared.refresh as { userIds: string[] }).userIds.sort()).toEqual(
      [`29:${demoPeople.megan}`, `29:${demoPeople.adele}`].sort(),
    );

    const posted = t.connector.replies.filter(
      (r) =>
        r.method === 'POST' &&
        r.conversationId !== '19:ops@thread.tacv2' &&
        text(r.activity).includes('CHG-00001'),
    );
    expect(posted.map((r) => r.conversationId).sort()).toEqual([
      '19:changes@thread.tacv2',
      'a:adele',
      'a:megan',
    ]);
    const megansCopy = cardOf(posted.find((r) => r.conversationId === 'a:megan')!);
    expect(verbs(megansCopy)).toEqual(['proposal.approve', 'proposal.reject']);

    const before = t.connector.replies.length;
    invokeCard(await press('megan', 'proposal.approve', { changeId: 'CHG-00001', version: 1 }, 'a:megan'));
    const updated = t.connector.replies.slice(before).filter((r) => r.method === 'PUT');
    expect(updated.map((r) => r.conversationId).sort()).toEqual([
      '19:changes@thread.tacv2',
      '19:ops@thread.tacv2',
      'a:adele',
      'a:megan',
    ]);
    for (const reply of updated) expect(text(reply.activity)).toContain('Megan Bowen');
    // Megan has approved: her own copy has no buttons left; Adele's still has hers.
    expect(verbs(cardOf(updated.find((r) => r.conversationId === 'a:megan')!))).toEqual([]);
    expect(verbs(cardOf(updated.find((r) => r.conversationId === 'a:adele')!))).toEqual([
      'proposal.approve',
      'proposal.reject',
    ]);

    // A manual refresh shows each person their own view and changes nothing.
    const refreshed = invokeCard(
      await press('adele', 'proposal.refresh', { changeId: 'CHG-00001', version: 2 }, 'a:adele'),
    );
    expect(verbs(refreshed)).toEqual(['proposal.approve', 'proposal.reject']);
    expect((await t.bot.changes.get('CHG-00001'))?.version).toBe(2);
  });

  it('does not let the same person approve twice', async () => {
    await t.say('scale fraud-detection to 12', { conversationId: 'a:alex' });
    invokeCard(await press('megan', 'proposal.approve', { changeId: 'CHG-00001', version: 1 }, 'a:megan'));
    const again = invokeCard(
      await press('megan', 'proposal.approve', { changeId: 'CHG-00001', version: 2 }, 'a:megan'),
    );
    expect(text(again)).toContain('Nothing was done');
    expect((await t.bot.changes.get('CHG-00001'))?.approvals).toHaveLength(1);
  });

  it('takes an emergency with one emergency approver, waives the blackout and flags it for CAB review', async () => {
    clock.set(inBlackout);
    const normal = await t.say('scale fraud-detection to 12', { conversationId: 'a:alex' });
    expect(text(t.cards(normal)[0])).toMatch(/blackout/i);
    const asked = await t.say(
      'emergency: scale fraud-detection to 12 because fraud scoring is timing out for every merchant',
      {
        conversationId: 'a:alex',
      },
    );
    const card = t.cards(asked)[0];
    expect(text(card)).toContain('CHG-00002');
    expect(text(card)).toContain('Emergency');
    const change = await t.bot.changes.get('CHG-00002');
    expect(change?.changeType).toBe('emergency');
    expect(change?.cabReview).toBe(true);
    expect(change?.decision.approvals).toHaveLength(1);
    // The CAB is not an emergency approver; the IT Director is.
    const cab = invokeCard(
      await press('megan', 'proposal.approve', { changeId: 'CHG-00002', version: 1 }, 'a:megan'),
    );
    expect(text(cab)).toContain('Nothing was done');
    const director = invokeCard(
      await press('adele', 'proposal.approve', { changeId: 'CHG-00002', version: 1 }, 'a:adele'),
    );
    expect(text(director)).toContain('Running');
    await t.bot.settled();
    expect((await t.bot.changes.get('CHG-00002'))?.state).toBe('succeeded');
    expect(await executed()).toBe(1);
    const review = await t.say('changes', { conversationId: 'a:alex' });
    expect(text(t.cards(review)[0])).toContain('for CAB review');
  });

  it('schedules a Normal change approved in a blackout to the first window after it', async () => {
    clock.set(inBlackout);
    await t.say('scale fraud-detection to 12', { conversationId: 'a:alex' });
    invokeCard(await press('megan', 'proposal.approve', { changeId: 'CHG-00001', version: 1 }, 'a:megan'));
    invokeCard(await press('adele', 'proposal.approve', { changeId: 'CHG-00001', version: 2 }, 'a:adele'));
    const change = await t.bot.changes.get('CHG-00001');
    expect(change?.state).toBe('scheduled');
    // The next Saturday window: 6 February 2027, 02:00 New York = 07:00 UTC.
    expect(change?.runAt).toEqual(new Date('2027-02-06T07:00:00.000Z'));
    expect(await executed()).toBe(0);
  });

  it.each([
    // Saturdays inside the window's hours, in the last three days of a quarter and of a year.
    ['quarter-end', '2028-09-30T07:00:00.000Z', '2028-10-07T06:00:00.000Z'],
    ['year-end', '2028-12-30T08:00:00.000Z', '2029-01-06T07:00:00.000Z'],
  ])('schedules a Normal change approved in a %s blackout to the next window', async (_kind, at, next) => {
    clock.set(at);
    const asked = await t.say('scale fraud-detection to 12', { conversationId: 'a:alex' });
    expect(text(t.cards(asked)[0])).toMatch(/blackout/i);
    invokeCard(await press('megan', 'proposal.approve', { changeId: 'CHG-00001', version: 1 }, 'a:megan'));
    invokeCard(await press('adele', 'proposal.approve', { changeId: 'CHG-00001', version: 2 }, 'a:adele'));
    const change = await t.bot.changes.get('CHG-00001');
    expect(change?.state).toBe('scheduled');
    expect(change?.runAt).toEqual(new Date(next));
    expect(await executed()).toBe(0);
  });

  it('asks the team lead, not the CAB, for a Normal change of a development resource, at any time', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-dev-'));
    const raw = loadShippedConfigRaw() as { endpoints: { name: string; environment?: string }[] };
    raw.endpoints[0].environment = 'development';
    writeFileSync(path.join(dir, 'landing-zone.yaml'), stringify(raw));
    const dev = await startTestBot(
      { JOB_POLL_INTERVAL_MS: '0', OPSBOT_CONFIG: path.join(dir, 'landing-zone.yaml') },
      { clock: new ManualClock('2026-12-02T20:00:00.000Z') },
    );
    try {
      const asked = await dev.say('scale fraud-detection to 12', { conversationId: 'a:alex' });
      expect(text(dev.cards(asked)[0])).toMatch(/team lead/i);
      const change = await dev.bot.changes.get('CHG-00001');
      expect(change?.decision.approvals.map((s) => s.anyOf)).toEqual([['team-lead']]);
      const devPress = (who: Person, conversationId: string) =>
        dev.send({
          type: 'invoke',
          name: 'adaptiveCard/action',
          from: people[who],
          conversationId,
          value: {
            action: {
              type: 'Action.Execute',
              verb: 'proposal.approve',
              data: { changeId: 'CHG-00001', version: 1 },
            },
          },
        });
      expect(text(invokeCard(await devPress('megan', 'a:megan')))).toContain('Nothing was done');
      expect(text(invokeCard(await devPress('johanna', 'a:johanna')))).toContain('Running');
      await dev.bot.settled();
      expect((await dev.bot.changes.get('CHG-00001'))?.state).toBe('succeeded');
    } finally {
      await dev.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rotates a key in four shown steps and never puts a key value in a card, a log line or the audit log', async () => {
    await t.say('rotate aoai-api-key', { conversationId: 'a:isaiah', from: people.isaiah });
    invokeCard(await press('megan', 'proposal.approve', { changeId: 'CHG-00001', version: 1 }, 'a:megan'));
    invokeCard(await press('adele', 'proposal.approve', { changeId: 'CHG-00001', version: 2 }, 'a:adele'));
    await t.bot.settled();
    const change = await t.bot.changes.get('CHG-00001');
    expect(change?.state).toBe('succeeded');
    expect(change?.outcome?.steps.map((s) => s.state)).toEqual(['done', 'done', 'done', 'done']);
    const last = t.connector.replies.filter((r) => r.method === 'PUT').pop()!;
    const shown = text(last.activity);
    for (const step of ['Regenerate key2', 'Store key2', 'Verify', 'Regenerate key1'])
      expect(shown).toContain(step);
    const everything = [
      ...t.connector.replies.map((r) => text(r.activity)),
      ...t.logs.map((l) => text(l)),
      ...(await t.bot.audit.list({ limit: 500 })).map((e) => text(e)),
      text(change),
    ].join('\n');
    // Simulated keys are 32 hex digits, like Key Vault version ids: every such token shown must be a
    // version id the card reports ("new version …"), so no key value got out.
    const versions = new Set([...everything.matchAll(/new version ([0-9a-f]{32})/g)].map((m) => m[1]));
    expect(versions.size).toBe(1);
    const tokens = new Set(
      [...everything.matchAll(/(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])/g)].map((m) => m[0]),
    );
    expect([...tokens].filter((token) => !versions.has(token))).toEqual([]);
  });
});
