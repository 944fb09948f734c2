import { ManualClock } from '../../../core/clock';
import { demoPeople } from '../../helpers/landing-zone-config';
import { startTestBot, type TestBot } from '../../helpers/test-bot';
import { buttonVerb, cardCommands, cardText, validateCard } from '../../helpers/validate-card';

const t0 = '2026-01-12T15:00:00.000Z';
const diego = { aadObjectId: demoPeople.diego, name: 'Diego Siciliani' };

// incident.note is one declaration in skills/incident: strict command, plain-language preview,
// clarify and help come from it.
describe('notes on an incident timeline', () => {
  let t: TestBot;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock(t0);
    t = await startTestBot({ JOB_POLL_INTERVAL_MS: '0' }, { clock });
    await t.say('declare P3 registry sync is slow in west us 2', { conversationId: 'c-notes' });
  });
  afterEach(() => t.close());

  const timelineTexts = async () => (await t.bot.incidents.timeline('INC-0001')).map((e) => e.text);

  it('adds a note at once from the strict command, with its author, and leaves the incident as it was', async () => {
    clock.advance(60_000);
    const before = await t.bot.incidents.get('INC-0001');
    const [card] = t.cards(
      await t.say('note INC-0001 restarted the sync job', { conversationId: 'elsewhere' }),
    );
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain('Note added to INC-0001');
    expect(await timelineTexts()).toContain('Note by Alex Wilber: restarted the sync job');
    const after = await t.bot.incidents.get('INC-0001');
    expect({ state: after?.state, tier: after?.tier, next: after?.nextEscalationAt }).toEqual({
      state: before?.state,
      tier: before?.tier,
      next: before?.nextEscalationAt,
    });
  });

  it("reads 'note: …' in the incident's own conversation as that incident, and the button adds it", async () => {
    const [card] = t.cards(await t.say('note: sync lag back under 5 minutes', { conversationId: 'c-notes' }));
    const [button] = cardCommands(card);
    expect(button.command).toBe('note INC-0001 sync lag back under 5 minutes');
    await t.send({
      from: { aadObjectId: demoPeople.alex, name: 'Alex Wilber' },
      conversationId: 'c-notes',
      value: { opsbot: { command: button.command } },
    });
    expect(await timelineTexts()).toContain('Note by Alex Wilber: sync lag back under 5 minutes');
  });

  it('shows a plain-language note as a one-click card and writes nothing before the press', async () => {
    const entries = (await timelineTexts()).length;
    const [card] = t.cards(
      await t.say('please put on the timeline that L3 joined the bridge', { conversationId: 'c-notes' }),
    );
    expect(cardText(card)).toMatch(/Nothing is changed yet/);
    const [button] = cardCommands(card);
    expect(button.title).toBe('Add note');
    expect(buttonVerb(card, 'Add note')).toBe('command.confirm');
    expect(button.command).toBe('note INC-0001 L3 joined the bridge');
    expect((await timelineTexts()).length).toBe(entries);
  });

  it('asks for the text when the command names none, and refuses people who do not work incidents', async () => {
    const [asked] = t.cards(await t.say('note INC-0001', { conversationId: 'c-notes' }));
    expect(cardText(asked)).toContain('What should the note on the timeline say?');
    const [denied] = t.cards(
      await t.say('note INC-0001 looks fine to me', { conversationId: 'c-notes', from: diego }),
    );
    expect(cardText(denied)).toMatch(/not allowed|needs one of these roles|cannot/i);
    expect((await timelineTexts()).some((text) => text.includes('looks fine to me'))).toBe(false);
  });

  it('takes a personal reminder for what it is, not a note', async () => {
    const [card] = t.cards(
      await t.say('note to self: check the sync tomorrow', { conversationId: 'c-notes' }),
    );
    expect(cardText(card)).not.toContain('Note added');
    expect((await timelineTexts()).some((text) => text.includes('check the sync tomorrow'))).toBe(false);
  });

  it('posts the resolved timeline with the change requests raised while the incident was open', async () => {
    clock.advance(60_000);
    await t.say('scale fraud-detection to 6', { conversationId: 'c-notes' });
    clock.advance(60_000);
    const [card] = t.cards(await t.say('resolve INC-0001 sync caught up', { conversationId: 'c-notes' }));
    const text = cardText(card);
    expect(text).toContain('Timeline');
    const timeline = text.slice(text.indexOf('Timeline'));
    expect(timeline).toMatch(/CHG-00001 .*fraud-detection.* \(pending\)/);
    // In time order: declared, the change, then the resolution.
    expect(timeline.indexOf('Declared P3')).toBeGreaterThanOrEqual(0);
    expect(timeline.indexOf('Declared P3')).toBeLessThan(timeline.indexOf('CHG-00001'));
    expect(timeline.indexOf('CHG-00001')).toBeLessThan(timeline.indexOf('Resolved by Alex Wilber'));
  });
});
