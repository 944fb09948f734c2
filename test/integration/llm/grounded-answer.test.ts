import { ManualClock } from '../../../core/clock';
import { answerQuestion } from '../../../core/knowledge/runbook-answer';
import { startFakeAzureOpenAi, type FakeAzureOpenAiServer } from '../../fakes/fake-azure-openai-server';
import { startTestBot, type TestBot } from '../../helpers/test-bot';
import { cardText, validateCard } from '../../helpers/validate-card';

const deployment = 'gpt-4o-router';
const apiKey = 'test-key-for-the-fake-0123456789';
const question = 'my training job died with QuotaExceeded';
const writtenBy = `Written by Azure OpenAI (${deployment})`;

// troubleshoot.ask through the real bot with Azure OpenAI configured (the local fake): above the
// knowledge base's threshold the model writes the answer from the sections it is sent, below it the
// model is never called, and every failure leaves the runbook's own answer with one line saying why.
describe('grounded runbook answers by Azure OpenAI', () => {
  let fake: FakeAzureOpenAiServer;
  let t: TestBot;
  const clock = new ManualClock('2026-01-14T15:00:00Z');
  beforeAll(async () => {
    fake = await startFakeAzureOpenAi({ deployment, apiKey });
    t = await startTestBot(
      {
        JOB_POLL_INTERVAL_MS: '0',
        AZURE_OPENAI_ENDPOINT: fake.endpoint,
        AZURE_OPENAI_DEPLOYMENT: deployment,
        AZURE_OPENAI_API_KEY: apiKey,
        AZURE_OPENAI_TIMEOUT_MS: '400',
        AZURE_OPENAI_BREAKER_FAILURES: '3',
        AZURE_OPENAI_BREAKER_COOLDOWN_MS: '30000',
      },
      { clock },
    );
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });
  // Past any cool-down a test before left, so each test starts with the breaker letting a call through.
  beforeEach(() => clock.advance(120_000));

  /** The sections the knowledge base answers the question with, best first (the search, not the writer). */
  const sectionsFor = (q: string) => {
    const answer = answerQuestion(t.bot.knowledge, q);
    expect(answer.answered).toBe(true);
    return [answer.best!, ...answer.related];
  };
  const ask = async (q: string) => {
    const before = fake.requests.length;
    const [card] = t.cards(await t.say(`ask ${q}`));
    expect(validateCard(card)).toEqual([]);
    return { card, text: cardText(card), sent: fake.requests.slice(before) };
  };

  it('shows the answer the model wrote above the cited steps, with its sources and who wrote it', async () => {
    const sections = sectionsFor(question);
    expect(sections.length).toBeGreaterThan(1);
    fake.script({
      kind: 'text',
      text: '1. Look at the quota of the VM family the job asked for [S1].\n2. Ask for more through the quota process [S1, S2].',
    });
    const { text, sent } = await ask(question);
    expect(sent).toHaveLength(1);
    expect(text).toContain('Look at the quota of the VM family the job asked for [S1].');
    expect(text).toContain(`[S1] ${sections[0].citation}`);
    expect(text).toContain(`[S2] ${sections[1].citation}`);
    expect(text).toContain(writtenBy);
    // The runbook's own answer is still there below: its source line and its first step.
    expect(text).toContain(`Source: ${sections[0].citation}`);
    expect(text.indexOf(writtenBy)).toBeLessThan(text.indexOf(`Source: ${sections[0].citation}`));
    const firstStep = sections[0].steps[0]?.text ?? sections[0].text;
    expect(firstStep.length).toBeGreaterThan(0);
    expect(text).toContain(firstStep.slice(0, 40));
  });

  it('sends the question and every section fenced as untrusted data, without tools and without secrets', async () => {
    const secret = 'Tr0ub4dor';
    const q = `${question} password=${secret}`;
    const sections = sectionsFor(q);
    fake.script({ kind: 'text', text: '1. Check the quota [S1].' });
    const { sent } = await ask(q);
    expect(sent).toHaveLength(1);
    const [request] = sent;
    expect(request.body.tools).toBeUndefined();
    expect(request.body.tool_choice).toBeUndefined();
    const system = request.body.messages.find((m) => m.role === 'system')?.content ?? '';
    const user = request.body.messages.find((m) => m.role === 'user')?.content ?? '';
    const token = /<<<QUESTION ([A-Za-z0-9]{16,})>>>/.exec(user)?.[1];
    expect(token).toBeDefined();
    expect(system).toContain(token);
    expect(user).toContain(`${question} password=[redacted]`);
    expect(user).toContain(`<<<END QUESTION ${token}>>>`);
    sections.forEach((section, i) => {
      const open = user.indexOf(`<<<SECTION S${i + 1} ${token}>>>`);
      const close = user.indexOf(`<<<END SECTION S${i + 1} ${token}>>>`);
      expect(open).toBeGreaterThan(-1);
      expect(close).toBeGreaterThan(open);
      expect(user.slice(open, close)).toContain(`Citation: ${section.citation}`);
    });
    expect(request.rawBody).not.toContain(secret);
    expect(request.rawBody).not.toContain(apiKey);
  });

  it('does not call the model below the threshold: "I don\'t know" and the ways to a person', async () => {
    expect(answerQuestion(t.bot.knowledge, 'which pizza topping goes best with pineapple').answered).toBe(
      false,
    );
    const { text, sent } = await ask('which pizza topping goes best with pineapple');
    expect(sent).toHaveLength(0);
    expect(text).toContain("I don't know");
    expect(text).not.toContain('Azure OpenAI');
  });

  const fallbacks = [
    {
      name: '429',
      script: { kind: 'rate-limited', retryAfterSeconds: 2 },
      line: 'throttling requests (429)',
    },
    { name: 'a 500', script: { kind: 'server-error' }, line: 'Azure OpenAI returned an error' },
    {
      name: 'a timeout',
      script: { kind: 'slow', delayInMs: 3000, then: { kind: 'text', text: 'late [S1]' } },
      line: 'did not answer in time',
    },
    { name: 'a filtered prompt', script: { kind: 'prompt-filtered' }, line: 'content filter stopped' },
    { name: 'a filtered answer', script: { kind: 'answer-filtered' }, line: 'content filter stopped' },
    {
      name: 'an answer citing nothing',
      script: { kind: 'text', text: 'Just restart everything, that always works.' },
      line: 'did not cite the sections',
    },
    {
      name: 'an answer citing a section it was not sent',
      script: { kind: 'text', text: '1. Delete the workspace [S9].' },
      line: 'did not cite the sections',
    },
  ] as const;
  it.each(fallbacks)('keeps the runbook answer unchanged on $name, with one line saying why', async (f) => {
    const sections = sectionsFor(question);
    fake.script(f.script);
    const { text, sent } = await ask(question);
    expect(sent).toHaveLength(1);
    expect(text).toContain(f.line);
    expect(text).toContain("these are the runbook's own steps");
    expect(text).not.toContain(writtenBy);
    expect(text).toContain(`Source: ${sections[0].citation}`);
    expect(text).not.toContain('restart everything');
    expect(text).not.toContain('Delete the workspace');
  });

  it("counts the router's failures too: one breaker for the deployment, so a failing one is left alone by both", async () => {
    fake.script({ kind: 'server-error' }, { kind: 'server-error' }, { kind: 'server-error' });
    const before = fake.requests.length;
    // Plain language goes to the model first (it fails, the offline router answers).
    for (const text of [
      'how is the fraud endpoint doing',
      'any alerts firing right now',
      'is the gpu cluster up',
    ])
      await t.say(text);
    expect(fake.requests.length - before).toBe(3);
    const { text, sent } = await ask(question);
    expect(sent).toHaveLength(0);
    expect(text).toContain('left alone for a while');
    // After the cool-down one call goes through; its success closes the breaker for both again.
    clock.advance(60_000);
    fake.script({ kind: 'text', text: '1. Look at the quota of the VM family [S1].' });
    const after = await ask(question);
    expect(after.sent).toHaveLength(1);
    expect(after.text).toContain(writtenBy);
  });

  it('stops calling after three failures in a row, and says so', async () => {
    fake.script({ kind: 'server-error' }, { kind: 'server-error' }, { kind: 'server-error' });
    for (let i = 0; i < 3; i += 1) expect((await ask(question)).sent).toHaveLength(1);
    const { text, sent } = await ask(question);
    expect(sent).toHaveLength(0);
    expect(text).toContain('left alone for a while');
    expect(text).toContain("these are the runbook's own steps");
  });
});
