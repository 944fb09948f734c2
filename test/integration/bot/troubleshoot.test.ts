import { cpSync } from 'node:fs';
import { join } from 'node:path';
import {
  cardCommands,
  cardText,
  cardTexts,
  maxCardBytes,
  validateCard,
  cardBytes,
} from '../../helpers/validate-card';
import { demoPeople } from '../../helpers/landing-zone-config';
import { makeKnowledgeFolder, pageText, type KnowledgeFolder } from '../../helpers/knowledge-folder';
import { startTestBot, type TestBot } from '../../helpers/test-bot';
import { ManualClock } from '../../../core/clock';

function expectValidCard(card: Record<string, unknown>) {
  expect(validateCard(card)).toEqual([]);
  expect(cardBytes(card)).toBeLessThan(maxCardBytes);
}

/** The text lines of the "Checks run now" rows: mark, then "**title**: figure". */
function checkLines(card: Record<string, unknown>): string[] {
  const texts = cardTexts(card);
  const start = texts.indexOf('**Checks run now**');
  if (start < 0) return [];
  const lines: string[] = [];
  for (let i = start + 1; i + 1 < texts.length; i += 1) {
    if (['✓', '✗', '?'].includes(texts[i])) lines.push(`${texts[i]} ${texts[i + 1]}`);
  }
  return lines;
}

describe('troubleshoot.ask over HTTP, on the shipped runbooks and the simulator', () => {
  let t: TestBot;
  beforeAll(async () => {
    // A fixed instant: the simulator's failed jobs and metrics follow the clock, so the real time of
    // day would decide what the cards show.
    t = await startTestBot({}, { clock: new ManualClock('2026-01-14T15:00:00Z') });
  });
  afterAll(async () => {
    await t.close();
  });
  afterEach(() => t.bot.scenarios?.clearScenarios());

  it('answers a quota failure with the quota page: steps, the command, its citation and the failing quota check', async () => {
    t.bot.scenarios!.setScenario('gpu-quota-exceeded', true);
    const [card] = t.cards(await t.say('ask my training job died with QuotaExceeded'));
    expectValidCard(card);
    const text = cardText(card);
    expect(text).toContain('Source: knowledge/quota-exceeded.md › Check and raise the compute quota');
    expect(text).toContain('az ml compute list-usage');
    expect(text).toMatch(/^1\. See how many cores each VM family uses/m);
    expect(text).toMatch(/simulated/i);
    const checks = checkLines(card);
    expect(checks.length).toBeGreaterThan(0);
    expect(checks.find((c) => c.includes('**Compute quota**'))).toMatch(
      /^✗ .*standardNCADSA100v4Family: (\d+) of \1 cores \(100%\)/,
    );
    expect(cardCommands(card).map((c) => c.command)).toContain('quota');
    const [event] = await t.bot.audit.list({ skill: 'troubleshoot.ask' });
    expect(event).toMatchObject({ decision: 'allowed', outcome: 'ok' });
    const checkEvents = await t.bot.audit.list({ skill: 'status.quota' });
    expect(checkEvents[0]).toMatchObject({ decision: 'allowed:runbook-check', outcome: 'ok' });
  });

  it('gets to the same page from the plain report: the router shows the failed jobs, whose Troubleshoot button asks the runbooks', async () => {
    t.bot.scenarios!.setScenario('gpu-quota-exceeded', true);
    const [jobs] = t.cards(await t.say('my training job died with QuotaExceeded'));
    const troubleshoot = cardCommands(jobs).find((c) => c.title === 'Troubleshoot');
    expect(troubleshoot?.command).toMatch(/^ask .*quota/i);
    const [card] = t.cards(
      await t.send({
        from: { aadObjectId: demoPeople.alex, name: 'Alex Wilber' },
        value: { opsbot: { command: troubleshoot!.command } },
      }),
    );
    expectValidCard(card);
    expect(cardText(card)).toContain('Source: knowledge/quota-exceeded.md');
  });

  it('routes "the endpoint returns 503" to the 503 runbook and shows the failing endpoint check', async () => {
    t.bot.scenarios!.setScenario('endpoint-503', true);
    const [card] = t.cards(await t.say('the fraud endpoint returns 503, what do I check'));
    expectValidCard(card);
    expect(cardText(card)).toContain('Source: knowledge/endpoint-503.md');
    const endpoint = checkLines(card).find((c) => c.includes('**Endpoint status**'));
    expect(endpoint).toMatch(/^✗ .*fraud-detection: .* ([1-9]\d*) HTTP 503/);
  });

  it('shows Azure OpenAI unreachable in the check of the network runbook', async () => {
    t.bot.scenarios!.setScenario('aoai-unreachable', true);
    const [card] = t.cards(await t.say("I can't reach Azure OpenAI from the workspace"));
    expectValidCard(card);
    expect(cardText(card)).toContain('Source: knowledge/azure-openai-unreachable.md');
    expect(checkLines(card).join('\n')).toMatch(/^✗ .*aoai-prod-eus2-ai-01 unavailable/m);
  });

  it('marks the same checks ✓ when the landing zone is healthy', async () => {
    const [card] = t.cards(await t.say('ask my training job died with QuotaExceeded'));
    const quota = checkLines(card).find((c) => c.includes('**Compute quota**'));
    expect(quota).toMatch(/^✓ /);
  });

  it('says it does not know a nonsense question and offers to declare an incident or page L2', async () => {
    const [card] = t.cards(await t.say('ask which pizza topping goes best with pineapple'));
    expectValidCard(card);
    const text = cardText(card);
    expect(text).toContain("I don't know");
    expect(text).not.toContain('Source:');
    const commands = cardCommands(card);
    expect(commands.map((c) => c.title)).toEqual(['Declare an incident', 'Page L2', 'Who is on call?']);
    expect(commands[0].command).toBe('declare incident: which pizza topping goes best with pineapple');
    expect(commands[1].command).toBe('page L2: which pizza topping goes best with pineapple');
  });
});

describe('a question about a subject the runbooks cover, asking what they never say', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(() => t.close());

  it('is not answered with the nearest section: the card says what is missing and offers a person', async () => {
    const [card] = t.cards(
      await t.say('ask which ports does the NSG need open for the openai private endpoint'),
    );
    expectValidCard(card);
    const text = cardText(card);
    expect(text).toContain("I don't know");
    expect(text).toContain('The runbooks cover this subject but do not say the ports');
    expect(text).not.toContain('Source:');
    expect(text).toMatch(/Maybe related \(not an answer\)[\s\S]*Azure OpenAI/);
    expect(cardCommands(card).map((c) => c.title)).toContain('Page L2');
  });
});

describe('kb reload over HTTP, on a knowledge folder of its own', () => {
  let t: TestBot;
  let folder: KnowledgeFolder;
  beforeAll(async () => {
    folder = makeKnowledgeFolder();
    cpSync(join(__dirname, '..', '..', '..', 'knowledge'), folder.dir, { recursive: true });
    folder.write('broken.md', '---\ntitle: [unclosed\n---\n## Steps\n1. x');
    t = await startTestBot({ KNOWLEDGE_DIR: folder.dir });
  });
  afterAll(async () => {
    await t.close();
    folder.remove();
  });

  it('starts with a broken page, names it in the log and skips it', () => {
    const warning = t.logs.find((l) => l.msg === 'runbook page skipped');
    expect(warning).toMatchObject({
      file: `${folder.dir}/broken.md`,
      problem: expect.stringMatching(/YAML/),
    });
    expect(t.bot.knowledge.lastLoad().skipped).toHaveLength(1);
  });

  it('answers from a page added after start once someone says kb reload, with the load report', async () => {
    const question = 'ask how do I renew the wildcard tls certificate of the scoring gateway';
    const [before] = t.cards(await t.say(question));
    expect(cardText(before)).toContain("I don't know");

    folder.write(
      'tls-certificate-renewal.md',
      pageText(
        {
          title: 'Renew the scoring gateway TLS certificate',
          tags: ['tls', 'certificate', 'gateway'],
          symptoms: ['the wildcard certificate of the scoring gateway expires'],
          related: ['status.endpoint'],
          covers: ['4.2'],
        },
        '## Renew the wildcard certificate\n\n1. Request the new wildcard certificate.\n2. Upload it to the gateway.',
      ),
    );
    const [report] = t.cards(
      await t.say('kb reload', { from: { aadObjectId: demoPeople.nestor, name: 'Nestor Wilke' } }),
    );
    expectValidCard(report);
    const reportText = cardText(report);
    const pages = t.bot.knowledge.pages().length;
    expect(reportText).toContain(`${pages} pages with`);
    expect(reportText).toContain(`\`${folder.dir}/broken.md\`: front matter is not valid YAML`);

    const [after] = t.cards(await t.say(question));
    expectValidCard(after);
    expect(cardText(after)).toContain(
      `Source: ${folder.dir}/tls-certificate-renewal.md › Renew the wildcard certificate`,
    );
    expect(cardText(after)).toContain('1. Request the new wildcard certificate.');
  });
});
