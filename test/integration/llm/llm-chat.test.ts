import { ManualClock } from '../../../core/clock';
import { startFakeAzureOpenAi, type FakeAzureOpenAiServer } from '../../fakes/fake-azure-openai-server';
import { demoPeople } from '../../helpers/landing-zone-config';
import { startTestBot, type TestBot } from '../../helpers/test-bot';
import { cardText } from '../../helpers/validate-card';

const deployment = 'gpt-4o-router';
const apiKey = 'test-key-for-the-fake-0123456789';

// Chat through the real bot with the Azure OpenAI router on (against the local fake): the model is
// offered the caller's tools, reads the conversation's recent turns, and only ever proposes.
describe('chat with the Azure OpenAI router', () => {
  let fake: FakeAzureOpenAiServer;
  let t: TestBot;
  beforeAll(async () => {
    fake = await startFakeAzureOpenAi({ deployment, apiKey });
    t = await startTestBot(
      {
        JOB_POLL_INTERVAL_MS: '0',
        AZURE_OPENAI_ENDPOINT: fake.endpoint,
        AZURE_OPENAI_DEPLOYMENT: deployment,
        AZURE_OPENAI_API_KEY: apiKey,
      },
      { clock: new ManualClock('2026-01-14T15:00:00Z') },
    );
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });
  const toolsOf = (i: number) => (fake.requests[i].body.tools ?? []).map((tool) => tool.function.name);

  it('offers only the tools the caller may use, and a tool call becomes the skill it names', async () => {
    fake.script({ kind: 'tool-call', name: 'status_endpoint', arguments: { endpoint: 'fraud-detection' } });
    const before = fake.requests.length;
    const [card] = t.cards(
      await t.say('the scoring thing feels sluggish to me today', { conversationId: 'c-llm' }),
    );
    expect(fake.requests.length).toBe(before + 1);
    expect(cardText(card)).toContain('fraud-detection');
    const offered = toolsOf(before);
    expect(offered).toEqual(
      expect.arrayContaining(['status_endpoint', 'endpoint_scale', 'incident_declare']),
    );

    fake.script({ kind: 'tool-call', name: 'status_overview', arguments: {} });
    await t.say('whats up with the whole platform', {
      conversationId: 'c-viewer',
      from: { aadObjectId: demoPeople.diego, name: 'Diego Siciliani' },
    });
    const viewerTools = toolsOf(fake.requests.length - 1);
    expect(viewerTools).toContain('status_overview');
    expect(viewerTools).not.toContain('endpoint_scale');
    expect(viewerTools).not.toContain('secret_rotate');
  });

  it('reads the recent turns for "it", and a change it proposes is a card that changed nothing', async () => {
    fake.script({
      kind: 'tool-call',
      name: 'endpoint_scale',
      arguments: { endpoint: 'fraud-detection', instances: 6 },
    });
    const before = fake.requests.length;
    const instancesBefore = (await t.bot.landingZone.getEndpoint('fraud-detection')).deployments.map(
      (d) => d.instanceCount,
    );
    const [card] = t.cards(await t.say('ok make it 6 please', { conversationId: 'c-llm' }));
    expect(fake.requests[before].rawBody).toContain('showed the status of endpoint fraud-detection');
    expect(cardText(card)).toMatch(/CHG-\d{5}/);
    expect(cardText(card)).toContain('6');
    const instancesAfter = (await t.bot.landingZone.getEndpoint('fraud-detection')).deployments.map(
      (d) => d.instanceCount,
    );
    expect(instancesBefore.length).toBeGreaterThan(0);
    expect(instancesBefore.every((n) => typeof n === 'number')).toBe(true);
    expect(instancesAfter).toEqual(instancesBefore);
    expect(instancesAfter).not.toContain(6);
  });

  it('does not make a proposal of a change the message only asks about, whatever the model called', async () => {
    fake.script({
      kind: 'tool-call',
      name: 'endpoint_scale',
      arguments: { endpoint: 'fraud-detection', instances: 8 },
    });
    const changesBefore = (await t.bot.changes.list({ limit: 100 })).length;
    const [card] = t.cards(
      await t.say('should we scale fraud-detection to 8 before the campaign?', { conversationId: 'c-ask' }),
    );
    expect(cardText(card)).not.toMatch(/CHG-\d{5}/);
    expect(await t.bot.changes.list({ limit: 100 })).toHaveLength(changesBefore);
  });

  it('falls back to the offline router when the model names a tool it was not offered', async () => {
    fake.script({ kind: 'tool-call', name: 'secret_rotate', arguments: { secret: 'aoai-api-key' } });
    const [card] = t.cards(
      await t.say('any alerts firing right now?', {
        conversationId: 'c-viewer-2',
        from: { aadObjectId: demoPeople.diego, name: 'Diego Siciliani' },
      }),
    );
    expect(cardText(card)).not.toMatch(/CHG-\d{5}/);
    expect(cardText(card).toLowerCase()).toContain('alert');
    expect(cardText(card)).toContain(
      'Read by the offline router: Azure OpenAI proposed a skill it was not offered.',
    );
  });

  it('says in one line on the card when the offline router answered because Azure OpenAI did not', async () => {
    fake.script({ kind: 'server-error' });
    const [card] = t.cards(await t.say('how is the fraud endpoint doing?', { conversationId: 'c-down' }));
    expect(cardText(card)).toContain('fraud-detection');
    expect(cardText(card)).toContain('Read by the offline router: Azure OpenAI answered with an error.');
  });
});
