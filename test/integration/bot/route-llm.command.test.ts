import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeAzureOpenAi, type FakeAzureOpenAiServer } from '../../fakes/fake-azure-openai-server';
import { opsbot } from '../../helpers/opsbot-cli';
import { startTestBot } from '../../helpers/test-bot';

const apiKey = 'feedfacefeedfacefeedfacefeedface';
let fake: FakeAzureOpenAiServer;

beforeEach(async () => {
  fake = await startFakeAzureOpenAi({ deployment: 'router', apiKey });
});
afterEach(() => fake.close());

const llmEnv = () => ({
  AZURE_OPENAI_ENDPOINT: fake.endpoint,
  AZURE_OPENAI_DEPLOYMENT: 'router',
  AZURE_OPENAI_API_KEY: apiKey,
});

describe('the Azure OpenAI router from the command line and in the bot', () => {
  it('opsbot route --llm prints the same record plus which router answered', async () => {
    const input = 'scale fraud-detection 8\nhow is the fraud endpoint doing\n';
    const plain = await opsbot(['route', '--stdin'], input);
    const llm = await opsbot(['route', '--llm', '--stdin'], input, llmEnv());
    expect({ code: llm.code, stderr: llm.stderr }).toEqual({ code: 0, stderr: '' });
    const plainRecords = plain.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const llmRecords = llm.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(plainRecords).toHaveLength(2);
    // The strict command never reaches the model; the plain question does, with every tool offered,
    // and the fake has no answer scripted (a 500), so the offline router answers it.
    expect(llmRecords).toEqual(plainRecords.map((record) => ({ ...record, router: 'offline' })));
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0].rawBody).toContain('how is the fraud endpoint doing');
    expect((fake.requests[0].body.tools ?? []).map((t) => t.function.name)).toEqual(
      expect.arrayContaining(['status_endpoint', 'endpoint_scale', 'secret_rotate', 'incident_resolve']),
    );
  });

  it('opsbot route --llm says "llm" when the model answered with a tool call', async () => {
    fake.script({ kind: 'tool-call', name: 'status_jobs', arguments: { hours: 6 } });
    const llm = await opsbot(['route', '--llm', 'did the overnight runs go ok'], '', llmEnv());
    expect(llm.code).toBe(0);
    expect(JSON.parse(llm.stdout)).toMatchObject({ skill: 'status.jobs', args: { hours: 6 }, router: 'llm' });
  });

  it('npm run eval:router -- --llm scores the Azure OpenAI router and says who answered each line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opsbot-eval-llm-'));
    try {
      writeFileSync(
        join(dir, 'tiny.jsonl'),
        [
          {
            text: 'how is the fraud endpoint doing',
            skill: 'status.endpoint',
            args: { endpoint: 'fraud-detection' },
          },
          { text: 'did the overnight runs go ok', skill: 'status.jobs', args: {} },
          { text: 'status', skill: 'status.overview', args: {} },
        ]
          .map((line) => JSON.stringify(line))
          .join('\n'),
      );
      // The model answers the first plain line with a tool call; the second gets a 500 (nothing scripted).
      fake.script({ kind: 'tool-call', name: 'status_endpoint', arguments: { endpoint: 'fraud-detection' } });
      const { code, stdout, stderr } = await opsbot(['eval-router', '--llm', '--dir', dir], '', llmEnv());
      expect(stderr).toBe('');
      expect(stdout).toMatch(
        /^router: Azure OpenAI deployment router at http:\/\/127\.0\.0\.1:\d+, over the offline router/,
      );
      expect(stdout).toMatch(/who answered the 3 lines:\n(?:.*\n)*\s+Azure OpenAI\s+1\n/);
      expect(stdout).toMatch(/offline router \(error\)\s+1/);
      expect(stdout).toMatch(/strict command \(never sent\)\s+1/);
      expect(fake.requests).toHaveLength(2);
      expect(code).toBe(1); // three lines are too few for the set to pass; the figures are what counts here
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('opsbot eval-router refuses an option it does not know, and --llm without a deployment', async () => {
    const bogus = await opsbot(['eval-router', '--lm']);
    expect({ code: bogus.code, stdout: bogus.stdout }).toEqual({ code: 2, stdout: '' });
    expect(bogus.stderr).toMatch(/unknown argument "--lm"/);
    const unconfigured = await opsbot(['eval-router', '--llm']);
    expect(unconfigured.code).toBe(2);
    expect(unconfigured.stderr).toMatch(/AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_DEPLOYMENT/);
  });

  it('opsbot route --llm without a configured deployment says what to set', async () => {
    const { code, stdout, stderr } = await opsbot(['route', '--llm', 'status']);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toMatch(/AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_DEPLOYMENT/);
  });

  it('the bot starts with the LLM router configured and answers through the offline router when the model fails', async () => {
    const t = await startTestBot(llmEnv());
    try {
      const result = await t.say('how is the fraud endpoint doing');
      expect(result.status).toBe(200);
      expect(JSON.stringify(t.cards(result))).toContain('fraud-detection');
      expect(t.logs.find((l) => l.router === 'llm')).toMatchObject({ deployment: 'router', auth: 'key' });
      expect(JSON.stringify(t.logs)).not.toContain(apiKey);
      expect(fake.requests).toHaveLength(1);
    } finally {
      await t.close();
    }
  });
});
