import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../../core/clock';
import { startFakeHttpRecorder, type FakeHttpRecorder } from '../../fakes/fake-http-recorder';
import { demoPeople } from '../../helpers/landing-zone-config';
import { startTestBot, type TestBot } from '../../helpers/test-bot';
import { buttonVerb, cardCommands, cardText, validateCard } from '../../helpers/validate-card';
import { confirmPress } from '../../helpers/card-press';

// Monday 12 January 2026, 10:00 in New York.
const t0 = '2026-01-12T15:00:00.000Z';
const minutes = (n: number) => n * 60_000;
const lee = { aadObjectId: demoPeople.lee, name: 'Lee Gu' };
const alex = { aadObjectId: demoPeople.alex, name: 'Alex Wilber' };
// The job loop is off: each test runs the due jobs itself, at the instant it set the clock to.
const quiet = { JOB_POLL_INTERVAL_MS: '0' };

function expectValid(card: Record<string, unknown>) {
  expect(validateCard(card)).toEqual([]);
}

describe('incidents over HTTP (local mode, embedded notifier)', () => {
  let t: TestBot;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock(t0);
    t = await startTestBot(quiet, { clock });
  });
  afterEach(() => t.close());

  const proactive = (conversationId: string) =>
    t.connector.replies.filter(
      (r) => r.conversationId === conversationId && r.method === 'POST' && r.activity.text,
    );
  const updates = (activityId: string) =>
    t.connector.replies.filter((r) => r.method === 'PUT' && r.id === activityId);

  it('declares at once from the strict command, shows the incident card and keeps its message for updates', async () => {
    const result = await t.say('declare P2 fraud-detection returns 503 to everyone', {
      conversationId: 'c-declare',
      from: lee,
    });
    const [card] = t.cards(result);
    expectValid(card);
    const text = cardText(card);
    expect(text).toContain('INC-0001 · P2 High');
    expect(text).toContain('Declared by Lee Gu');
    expect(text).toContain('Tier: L1 Support (support@contoso.com)');
    expect(text).toContain('Response: by 12 Jan 16:00 UTC');
    expect(text).toContain('Next escalation: 12 Jan 15:15 UTC to L2 Cloud Ops unless acknowledged');
    expect(cardCommands(card).map((c) => c.command)).toEqual(['ack INC-0001', 'escalate INC-0001']);

    const [incident] = await t.bot.incidents.list();
    expect(incident).toMatchObject({
      id: 'INC-0001',
      state: 'declared',
      conversationId: 'c-declare',
      cardActivityId: result.replies[0].id,
    });
    const [event] = await t.bot.audit.list({ skill: 'incident.declare' });
    expect(event).toMatchObject({ decision: 'allowed', outcome: 'ok', actorId: demoPeople.lee });

    // The notification to L1 goes out on the next tick of the job loop, not in the turn.
    expect(proactive('c-declare')).toEqual([]);
    expect(await t.bot.runDueJobs()).toEqual({ ran: 1, failed: 0 });
    expect(proactive('c-declare').map((r) => r.activity.text)).toEqual([
      'Would notify L1 Support (support@contoso.com) by ServiceNow about INC-0001 (recorded only: no notifier is configured for ServiceNow).',
    ]);
    const notified = await t.bot.audit.list({ skill: 'incident.declare' });
    expect(notified.at(-1)).toMatchObject({
      actorId: 'system',
      decision: 'notify',
      outcome: 'recorded-only',
    });
  });

  it('acknowledges with `ack INC-0001`, updates the posted card in place, and refuses a second ack', async () => {
    const declared = await t.say('declare P2 fraud-detection returns 503 to everyone', {
      conversationId: 'c-ack',
      from: lee,
    });
    const cardId = declared.replies[0].id;
    clock.advance(minutes(4));
    const [acked] = t.cards(await t.say('ack INC-0001', { conversationId: 'c-ack', from: alex }));
    expectValid(acked);
    expect(cardText(acked)).toContain('Acknowledged by Alex Wilber');
    expect(cardText(acked)).toContain('Response: by 12 Jan 16:00 UTC, answered after 4 min (met)');
    const updated = updates(cardId).at(-1);
    expect(updated).toBeDefined();
    const [inPlace] = ((updated!.activity.attachments ?? []) as { content: Record<string, unknown> }[]).map(
      (a) => a.content,
    );
    expectValid(inPlace);
    expect(cardText(inPlace)).toContain('Next escalation: none (acknowledged)');

    const [again] = t.cards(await t.say('ack INC-0001', { conversationId: 'c-ack', from: lee }));
    expect(cardText(again)).toContain('INC-0001 is already acknowledged by Alex Wilber.');
    expect(await t.bot.incidents.get('INC-0001')).toMatchObject({
      state: 'acknowledged',
      owner: { name: 'Alex Wilber' },
      version: 2,
    });

    // The L1 timer was cancelled: nothing moves at 15 minutes.
    clock.set(new Date(Date.parse(t0) + minutes(15)));
    await t.bot.runDueJobs();
    expect(await t.bot.incidents.get('INC-0001')).toMatchObject({ tier: 'L1', state: 'acknowledged' });
    expect((await t.bot.jobs.get('incident:INC-0001:tier:0'))?.state).toBe('cancelled');
  });

  it('answers "ack" in the incident conversation with that incident', async () => {
    await t.say('declare P3 dashboard slow but working', { conversationId: 'c-here', from: lee });
    const [card] = t.cards(await t.say('ack', { conversationId: 'c-here', from: alex }));
    expect(cardText(card)).toContain('INC-0001');
    expect(cardText(card)).toContain('Acknowledged by Alex Wilber');
    const [elsewhere] = t.cards(await t.say('ack', { conversationId: 'c-other', from: alex }));
    expect(cardText(elsewhere)).toMatch(/no open incident in this conversation/);
  });

  it('does not declare from plain language: it shows what would happen and the strict command as a button', async () => {
    const [card] = t.cards(
      await t.say('fraud-detection returns 503 to everyone, open an incident', {
        conversationId: 'c-plain',
        from: lee,
      }),
    );
    expectValid(card);
    expect(cardText(card)).toMatch(/Nothing is declared yet\. This would open a P2 incident/);
    expect(cardText(card)).toContain('notify L1 Support (support@contoso.com)');
    expect(cardCommands(card)).toEqual([
      { title: 'Declare P2', command: 'declare P2 fraud-detection returns 503 to everyone' },
    ]);
    const [bare] = t.cards(
      await t.say('fraud-detection returns 503 to everyone', { conversationId: 'c-plain', from: lee }),
    );
    expect(cardText(bare)).not.toContain('INC-0001');
    expect(await t.bot.incidents.list()).toEqual([]);
    expect(await t.bot.jobs.list()).toEqual([]);
    const [event] = await t.bot.audit.list({ skill: 'incident.declare' });
    expect(event).toMatchObject({ decision: 'suggested', detail: expect.stringContaining('source=router') });

    // The button confirms (Action.Execute `command.confirm`): its strict command runs as typed and declares.
    expect(buttonVerb(card, 'Declare P2')).toBe('command.confirm');
    const pressed = await t.send(
      confirmPress(cardCommands(card)[0].command, { from: lee, conversationId: 'c-plain' }),
    );
    expect(pressed.status).toBe(200);
    const declared = t.connector.replies.filter(
      (r) => r.conversationId === 'c-plain' && /INC-0001 · P2 High/.test(JSON.stringify(r.activity)),
    );
    expect(declared.length).toBeGreaterThan(0);
  });

  it('does not acknowledge from plain language ("I am on it"): it offers the strict ack', async () => {
    await t.say('declare P2 fraud-detection returns 503 to everyone', {
      conversationId: 'c-onit',
      from: lee,
    });
    const [card] = t.cards(await t.say('I am on it', { conversationId: 'c-onit', from: alex }));
    expect(cardText(card)).toContain(
      'Nothing is changed yet. This would acknowledge INC-0001 as Alex Wilber',
    );
    expect(cardCommands(card)).toEqual([{ title: 'Acknowledge', command: 'ack INC-0001' }]);
    expect(await t.bot.incidents.get('INC-0001')).toMatchObject({ state: 'declared' });
  });

  it('escalates a P2 at its exact times: L1 → L2 at 15 min with an @mention, L2 → L3 30 min later', async () => {
    const declared = await t.say('declare P2 training jobs keep failing', {
      conversationId: 'c-esc',
      from: lee,
    });
    const cardId = declared.replies[0].id;
    await t.bot.runDueJobs();
    clock.set(new Date(Date.parse(t0) + minutes(15) - 1));
    await t.bot.runDueJobs();
    expect(await t.bot.incidents.get('INC-0001')).toMatchObject({ tier: 'L1' });

    clock.set(new Date(Date.parse(t0) + minutes(15)));
    await t.bot.runDueJobs();
    expect(await t.bot.incidents.get('INC-0001')).toMatchObject({
      tier: 'L2',
      state: 'escalated',
      nextEscalationAt: new Date('2026-01-12T15:45:00.000Z'),
    });
    const post = proactive('c-esc').find((r) => /is now with L2 Cloud Ops/.test(String(r.activity.text)));
    expect(post?.activity.text).toBe(
      'INC-0001 (P2) is now with L2 Cloud Ops: training jobs keep failing. <at>Alex Wilber</at>, please acknowledge with `ack INC-0001`.',
    );
    expect(post?.activity.entities).toEqual([
      {
        type: 'mention',
        text: '<at>Alex Wilber</at>',
        mentioned: { id: demoPeople.alex, name: 'Alex Wilber' },
      },
    ]);
    const [inPlace] = (
      (updates(cardId).at(-1)!.activity.attachments ?? []) as { content: Record<string, unknown> }[]
    ).map((a) => a.content);
    expect(cardText(inPlace)).toContain('Tier: L2 Cloud Ops (cloud-ops@contoso.com)');
    await t.bot.runDueJobs();
    expect(proactive('c-esc').map((r) => r.activity.text)).toContain(
      'Would notify L2 Cloud Ops (cloud-ops@contoso.com) by on-call paging about INC-0001 (recorded only: no notifier is configured for on-call paging).',
    );

    clock.set(new Date(Date.parse(t0) + minutes(45)));
    await t.bot.runDueJobs();
    expect(await t.bot.incidents.get('INC-0001')).toMatchObject({
      tier: 'L3',
      nextEscalationAt: new Date('2026-01-12T16:45:00.000Z'),
    });
    const escalations = (await t.bot.incidents.timeline('INC-0001')).filter((e) => e.kind === 'escalated');
    expect(escalations.map((e) => [e.at.toISOString(), e.data?.to])).toEqual([
      ['2026-01-12T15:15:00.000Z', 'L2'],
      ['2026-01-12T15:45:00.000Z', 'L3'],
    ]);
  });

  it('escalates by hand with a reason, and resolves with the timeline', async () => {
    await t.say('declare P3 feature store refresh is slow', { conversationId: 'c-res', from: lee });
    clock.advance(minutes(2));
    const [escalated] = t.cards(
      await t.say('escalate INC-0001 need engineering eyes', { conversationId: 'c-res', from: alex }),
    );
    expect(cardText(escalated)).toContain('Escalated to L2 Cloud Ops by Alex Wilber');
    clock.advance(minutes(3));
    const [resolved] = t.cards(
      await t.say('resolve INC-0001 restarted the refresh job', { conversationId: 'c-res', from: alex }),
    );
    expectValid(resolved);
    const text = cardText(resolved);
    expect(text).toContain('Resolution: restarted the refresh job');
    expect(text).toContain('Timeline');
    expect(text).toContain(
      '12 Jan 15:00 UTC · Declared P3 (operational) at L1 Support: feature store refresh is slow',
    );
    expect(text).toContain(
      '12 Jan 15:02 UTC · Escalated from L1 Support to L2 Cloud Ops (by Alex Wilber: need engineering eyes)',
    );
    expect(text).toContain('12 Jan 15:05 UTC · Resolved by Alex Wilber: restarted the refresh job');
    expect(cardCommands(resolved)).toEqual([]);
    const pending = await t.bot.jobs.list({ kind: 'incident.escalate', state: ['pending'] });
    expect(pending).toEqual([]);
    const [again] = t.cards(await t.say('resolve INC-0001', { conversationId: 'c-res', from: alex }));
    expect(cardText(again)).toContain('INC-0001 is already resolved.');
  });

  it('shows a security incident with the response checklist and pages the security team at once', async () => {
    const [card] = t.cards(
      await t.say('declare P2 someone pushed the openai key to github', {
        conversationId: 'c-sec',
        from: { aadObjectId: demoPeople.isaiah, name: 'Isaiah Langer' },
      }),
    );
    expectValid(card);
    const text = cardText(card);
    expect(text).toContain('Type: Security: compromised credentials');
    expect(text).toContain('Security response checklist');
    expect(text).toContain('☐ 2. Contain the threat');
    expect(text).toContain('☐ 7. Put preventive measures in place');
    const jobs = await t.bot.jobs.list({ kind: 'incident.notify' });
    expect(jobs.map((j) => j.key).sort()).toEqual([
      'incident:INC-0001:notify:trigger:L1',
      'incident:INC-0001:notify:trigger:security',
    ]);
  });

  it('starts a P1 at L2 and lists it among the open incidents', async () => {
    const [card] = t.cards(
      await t.say('declare P1 production scoring is down for every customer', {
        conversationId: 'c-p1',
        from: lee,
      }),
    );
    expect(cardText(card)).toContain('Tier: L2 Cloud Ops');
    expect(cardText(card)).toContain('Response: immediate');
    const [list] = t.cards(await t.say('incidents', { conversationId: 'c-p1', from: lee }));
    expectValid(list);
    expect(cardText(list)).toContain('INC-0001 · P1 · production scoring is down for every customer');
    expect(cardCommands(list)).toEqual([{ title: 'Ack INC-0001', command: 'ack INC-0001' }]);
  });
});

describe('incidents with PagerDuty configured (fake events API)', () => {
  let pagerDuty: FakeHttpRecorder;
  let t: TestBot;
  let clock: ManualClock;
  beforeEach(async () => {
    pagerDuty = await startFakeHttpRecorder(() => ({ status: 202, body: { status: 'success' } }));
    clock = new ManualClock(t0);
    t = await startTestBot(
      {
        ...quiet,
        PAGERDUTY_ROUTING_KEY: 'test-routing-key',
        PAGERDUTY_EVENTS_URL: `${pagerDuty.url}/v2/enqueue`,
      },
      { clock },
    );
  });
  afterEach(async () => {
    await t.close();
    await pagerDuty.close();
  });

  it('pages L2 for a P1 at once and acknowledges the page on ack', async () => {
    await t.say('declare P1 production scoring is down for every customer', {
      conversationId: 'c-page',
      from: lee,
    });
    await t.bot.runDueJobs();
    expect(pagerDuty.requests.map((r) => r.body)).toEqual([
      expect.objectContaining({
        event_action: 'trigger',
        dedup_key: 'opsbot-INC-0001',
        payload: expect.objectContaining({
          severity: 'critical',
          summary: '[P1] INC-0001: production scoring is down for every customer',
        }),
      }),
    ]);
    await t.say('ack INC-0001', { conversationId: 'c-page', from: alex });
    await t.bot.runDueJobs();
    expect(pagerDuty.requests.map((r) => (r.body as { event_action: string }).event_action)).toEqual([
      'trigger',
      'acknowledge',
    ]);
  });

  it('shows a failing notifier on the card, retries it, and escalates on time anyway', async () => {
    pagerDuty.respond = () => ({ status: 500, body: { status: 'error' } });
    const declared = await t.say('declare P1 production scoring is down for every customer', {
      conversationId: 'c-fail',
      from: lee,
    });
    const cardId = declared.replies[0].id;
    expect(await t.bot.runDueJobs()).toEqual({ ran: 0, failed: 1 });
    const job = await t.bot.jobs.get('incident:INC-0001:notify:trigger:L2');
    expect(job).toMatchObject({ state: 'pending', attempts: 1, dueAt: new Date(Date.parse(t0) + 30_000) });
    const shown = t.connector.replies.filter((r) => r.method === 'PUT' && r.id === cardId).at(-1);
    const [card] = ((shown?.activity.attachments ?? []) as { content: Record<string, unknown> }[]).map(
      (a) => a.content,
    );
    expect(cardText(card)).toContain('Notifications failing');
    expect(cardText(card)).toMatch(
      /Notifying L2 Cloud Ops by on-call failed \(attempt 1\): PagerDuty: POST \/v2\/enqueue answered 500.*retrying/,
    );

    clock.set(new Date(Date.parse(t0) + minutes(30)));
    pagerDuty.respond = () => ({ status: 202, body: { status: 'success' } });
    await t.bot.runDueJobs();
    expect(await t.bot.incidents.get('INC-0001')).toMatchObject({ tier: 'L3' });
    expect((await t.bot.jobs.get('incident:INC-0001:notify:trigger:L2'))?.state).toBe('done');
  });
});

describe('escalation timers across a restart', () => {
  it('fires an escalation scheduled before the restart once, on the new instance', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'opsbot-incident-restart-'));
    const env = { ...quiet, DATABASE_URL: `sqlite:${path.join(dir, 'opsbot.db')}` };
    try {
      const clock = new ManualClock(t0);
      const first = await startTestBot(env, { clock });
      await first.say('declare P2 nightly jobs failed', { conversationId: 'c-restart', from: lee });
      await first.bot.runDueJobs();
      // The bot stops; its conversation's connector (the stored serviceUrl) stays up for the next one.
      await first.bot.close();

      clock.set(new Date(Date.parse(t0) + minutes(20)));
      const second = await startTestBot(env, { clock });
      try {
        // The first run escalates; the second sends the L2 notification it scheduled; then nothing is left.
        expect(await second.bot.runDueJobs()).toEqual({ ran: 1, failed: 0 });
        expect(await second.bot.runDueJobs()).toEqual({ ran: 1, failed: 0 });
        expect(await second.bot.runDueJobs()).toEqual({ ran: 0, failed: 0 });
        const escalations = (await second.bot.incidents.timeline('INC-0001')).filter(
          (e) => e.kind === 'escalated',
        );
        expect(escalations).toHaveLength(1);
        expect(await second.bot.incidents.get('INC-0001')).toMatchObject({ tier: 'L2', version: 2 });
        expect(await second.bot.jobs.get('incident:INC-0001:tier:0')).toMatchObject({
          state: 'done',
          attempts: 1,
        });
        const posts = first.connector.replies.filter((r) =>
          /is now with L2 Cloud Ops/.test(String(r.activity.text)),
        );
        expect(posts).toHaveLength(1);
      } finally {
        await second.close();
        await first.connector.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
