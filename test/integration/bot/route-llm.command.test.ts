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

describe('the Azure OpenAI router before the catalog offers its tools', () => {
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
    expect(llmRecords).toEqual(plainRecords.map((record) => ({ ...record, router: 'offline' })));
    // No tool is offered yet, so the model is never called.
    expect(fake.requests).toHaveLength(0);
  });

  it('opsbot route --llm without a configured deployment says what to set', async () => {
    const { code, stdout, stderr } = await opsbot(['route', '--llm', 'status']);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toMatch(/AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_DEPLOYMENT/);
  });

  it('the bot starts with the LLM router configured and answers through the offline router', async () => {
    const t = await startTestBot(llmEnv());
    try {
      const result = await t.say('how is the fraud endpoint doing');
      expect(result.status).toBe(200);
      expect(JSON.stringify(t.cards(result))).toContain('fraud-detection');
      expect(t.logs.find((l) => l.router === 'llm')).toMatchObject({ deployment: 'router', auth: 'key' });
      expect(JSON.stringify(t.logs)).not.toContain(apiKey);
      expect(fake.requests).toHaveLength(0);
    } finally {
      await t.close();
    }
  });
});
