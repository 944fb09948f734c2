import { helpCard } from '../../../../bot/cards/help.card';
import { messageCard } from '../../../../bot/cards/message.card';
import { notEnabledCard } from '../../../../bot/cards/not-enabled.card';
import { renderResult } from '../../../../bot/cards/render-result';
import { welcomeCard } from '../../../../bot/cards/welcome.card';
import type { RoleId } from '../../../../core/config/landing-zone.schema';
import { createCatalog } from '../../../../skills/catalog';
import { propose } from '../../../../skills/propose';
import type { HelpResult } from '../../../../skills/results';
import { FixedLandingZone } from '../../../helpers/fixed-landing-zone';
import { statusSkillContext } from '../../../helpers/status-skill-context';
import {
  cardBytes,
  cardCommands,
  cardText,
  maxCardBytes,
  validateCard,
} from '../../../helpers/validate-card';

const now = new Date('2026-01-12T13:00:00Z');
const catalog = createCatalog();

function expectValid(card: unknown): void {
  expect(validateCard(card)).toEqual([]);
  expect(cardBytes(card)).toBeLessThan(maxCardBytes);
}

async function helpFor(roles: RoleId[]): Promise<HelpResult> {
  const ctx = { ...statusSkillContext(new FixedLandingZone(now), now), catalog };
  ctx.caller = { ...ctx.caller, roles };
  const result = await propose({ skill: 'help', args: {}, source: 'command' }, ctx, catalog);
  if (result.view !== 'help') throw new Error(JSON.stringify(result));
  return result;
}

describe('help card', () => {
  it('lists only what a viewer may do, with commands and examples', async () => {
    const card = renderResult(await helpFor(['viewer']));
    expectValid(card);
    const text = cardText(card);
    expect(text).toContain('Endpoint status');
    expect(text).toContain('`status <endpoint>`');
    expect(text).toContain('For example: "how is the fraud endpoint doing"');
    expect(text).not.toContain('Scale an endpoint deployment');
    expect(text).not.toContain('Change the landing zone');
    expect(cardCommands(card).map((c) => c.command)).toEqual(['status', 'alerts', 'jobs 24', 'incidents']);
  });

  it('fits in one card for someone holding every role', async () => {
    const card = helpCard(
      await helpFor(['viewer', 'l1', 'l2', 'l3', 'security', 'platform-architect', 'cab', 'it-director']),
    );
    expectValid(card);
    const text = cardText(card);
    expect(text).toContain('Change the landing zone (needs confirmation or approval)');
    expect(text).toContain('Rotate an API key');
    expect(text).toContain('Work incidents');
  });
});

describe('message card', () => {
  it.each([
    ['info', 'Info', 'Accent'],
    ['warning', 'Warning', 'Warning'],
    ['error', 'Error', 'Attention'],
  ] as const)('frames a %s message with the word %s in colour', (tone, word, color) => {
    const card = messageCard({
      view: 'message',
      tone,
      title: 'Endpoint status',
      text: 'There is no endpoint called "churn". Known endpoints: fraud-detection.',
      suggestions: [{ label: 'What can I do?', command: 'help' }],
    });
    expectValid(card);
    expect(cardText(card)).toContain('Known endpoints: fraud-detection.');
    expect(JSON.stringify(card)).toContain(`"text":"${word}","color":"${color}"`);
    expect(cardCommands(card)).toEqual([{ title: 'What can I do?', command: 'help' }]);
  });

  it('defaults to info and works without a title or suggestions', () => {
    const card = renderResult({ view: 'message', text: 'Done.' });
    expectValid(card);
    expect(cardText(card)).toBe('Info\nDone.');
    expect(card.actions).toBeUndefined();
  });
});

describe('not-enabled card', () => {
  it('says what was understood and that nothing was done', async () => {
    const ctx = statusSkillContext(new FixedLandingZone(now), now);
    const result = await propose(
      { skill: 'endpoint.scale', args: { endpoint: 'fraud-detection', instances: 6 }, source: 'command' },
      ctx,
      catalog,
    );
    expect(result.view).toBe('not-enabled');
    const card = renderResult(result);
    expectValid(card);
    const text = cardText(card);
    expect(text).toContain('Scale an endpoint deployment');
    expect(text).toContain('Skill endpoint.scale');
    expect(text).toContain('Not enabled yet');
    expect(text).toContain('endpoint: fraud-detection');
    expect(text).toContain('instances: 6');
    expect(text).toContain('**nothing was done**');
  });

  it('handles a skill without arguments', () => {
    const card = notEnabledCard({
      view: 'not-enabled',
      skill: 'incident.list',
      title: 'List open incidents',
      args: {},
    });
    expectValid(card);
    expect(cardText(card)).toContain('it takes no arguments');
  });
});

describe('welcome card', () => {
  const options = {
    landingZoneName: 'AI Landing Zone - Financial Services',
    environment: 'production',
    simulated: true,
    userName: 'Alex',
    exampleEndpoint: 'fraud-detection',
    exampleCompute: 'gpu-cluster-01',
  };

  it('introduces the bot, offers things to try and says the data is simulated', () => {
    const card = welcomeCard(options);
    expectValid(card);
    const text = cardText(card);
    expect(text).toContain('Hello Alex, I am opsbot');
    expect(text).toContain('AI Landing Zone - Financial Services (production)');
    expect(text).toContain('Simulated data');
    expect(text).toContain('status fraud-detection: latency and availability against the baselines');
    expect(cardCommands(card).map((c) => c.command)).toEqual([
      'status',
      'status fraud-detection',
      'jobs 12',
      'status gpu-cluster-01',
      'help',
    ]);
  });

  it('does not claim simulation against a live landing zone', () => {
    const card = welcomeCard({
      ...options,
      simulated: false,
      userName: undefined,
      exampleCompute: undefined,
    });
    expectValid(card);
    const text = cardText(card);
    expect(text).not.toContain('Simulated');
    expect(text).toContain('Hello, I am opsbot');
    expect(cardCommands(card)).toHaveLength(4);
  });
});
