import { ManualClock } from '../../../core/clock';
import { demoPeople } from '../../helpers/landing-zone-config';
import { startTestBot, type TestBot } from '../../helpers/test-bot';
import { buttonVerb, cardCommands, cardText, validateCard } from '../../helpers/validate-card';

// Monday 12 January 2026, 10:00 in New York.
const t0 = '2026-01-12T15:00:00.000Z';
const lee = { aadObjectId: demoPeople.lee, name: 'Lee Gu' };
const minutes = (n: number) => n * 60_000;

describe("changing an incident's severity", () => {
  let t: TestBot;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock(t0);
    t = await startTestBot({ JOB_POLL_INTERVAL_MS: '0' }, { clock });
    await t.say('declare P3 feature store refresh is slow', { conversationId: 'c-sev', from: lee });
  });
  afterEach(() => t.close());

  const notifyKeys = async () =>
    (await t.bot.jobs.list({ kind: 'incident.notify' })).map((j) => j.key).sort();

  it('raised to P1, it moves to L2 at once, pages L2, and the response is due now', async () => {
    clock.advance(minutes(5));
    const [card] = t.cards(
      await t.say('severity INC-0001 P1 customers cannot score', { conversationId: 'c-sev', from: lee }),
    );
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain('Severity of INC-0001 is now P1, at L2 Cloud Ops');
    const incident = await t.bot.incidents.get('INC-0001');
    // P1: response 0 minutes after the declaration (config), start tier L2, paged.
    expect(incident).toMatchObject({ severity: 'P1', tier: 'L2', state: 'escalated' });
    expect(incident?.responseDueAt).toEqual(new Date(t0));
    expect(await notifyKeys()).toEqual([
      'incident:INC-0001:notify:trigger:L1',
      'incident:INC-0001:notify:trigger:L2',
    ]);
    const timeline = (await t.bot.incidents.timeline('INC-0001')).map((e) => e.text);
    expect(timeline).toContain('Severity P3 → P1 by Lee Gu: customers cannot score; moved to L2 Cloud Ops');
    // L2's own timer (30 min in the path) now runs, not L1's.
    const pending = await t.bot.jobs.list({ kind: 'incident.escalate', state: ['pending'] });
    expect(pending.map((j) => j.key)).toEqual(['incident:INC-0001:tier:1']);
  });

  it('lowered, it keeps its tier and gets the new response target; the same severity or a resolved incident is refused', async () => {
    await t.say('severity INC-0001 P2', { conversationId: 'c-sev', from: lee });
    const p2 = await t.bot.incidents.get('INC-0001');
    // P2: 60 minutes after the declaration.
    expect(p2).toMatchObject({ severity: 'P2', tier: 'L1' });
    expect(p2?.responseDueAt).toEqual(new Date(Date.parse(t0) + minutes(60)));
    const [same] = t.cards(await t.say('severity INC-0001 P2', { conversationId: 'c-sev', from: lee }));
    expect(cardText(same)).toContain('INC-0001 is already P2.');
    await t.say('resolve INC-0001 refresh job restarted', { conversationId: 'c-sev', from: lee });
    const [late] = t.cards(await t.say('severity INC-0001 P1', { conversationId: 'c-sev', from: lee }));
    expect(cardText(late)).toContain('INC-0001 is already resolved.');
    expect((await t.bot.incidents.get('INC-0001'))?.severity).toBe('P2');
  });

  it('read from plain language, it is a card to confirm and nothing changes before the press', async () => {
    const [card] = t.cards(
      await t.say('make INC-0001 a P1, customers cannot score at all', {
        conversationId: 'c-sev',
        from: lee,
      }),
    );
    expect(cardText(card)).toMatch(/Nothing is changed yet\. This would change INC-0001 from P3 to P1/);
    const [button] = cardCommands(card);
    expect(button).toEqual({
      title: 'Make it P1',
      command: 'severity INC-0001 P1 customers cannot score at all',
    });
    expect(buttonVerb(card, 'Make it P1')).toBe('command.confirm');
    expect((await t.bot.incidents.get('INC-0001'))?.severity).toBe('P3');
  });
});
