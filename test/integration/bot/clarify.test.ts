import { cardCommands, cardText, validateCard } from '../../helpers/validate-card';
import { demoPeople } from '../../helpers/landing-zone-config';
import { startTestBot, type TestBot } from '../../helpers/test-bot';

describe('plain language and clarifying questions (over HTTP)', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t.close();
  });

  const ask = async (text: string, conversationId: string) => {
    const result = await t.say(text, { conversationId });
    expect(result.status).toBe(200);
    const [card] = t.cards(result);
    expect(validateCard(card)).toEqual([]);
    return card;
  };

  it('understands a typo-ridden status question', async () => {
    const card = await ask("How's the gpu clstr doing", 'conv-nl-1');
    expect(cardText(card)).toContain('gpu-cluster-01');
  });

  it('asks which endpoint with buttons, then continues the original request with the answer', async () => {
    const question = await ask('scale the endpoint to 6 instances', 'conv-nl-2');
    expect(cardText(question)).toContain('Which endpoint?');
    expect(cardCommands(question).map((c) => c.command)).toEqual(['fraud-detection', 'cancel']);

    const answer = await ask('fraud-detection', 'conv-nl-2');
    const text = cardText(answer);
    expect(text).toContain('Scale an endpoint deployment');
    expect(text).toMatch(/nothing was done/i);
    const events = await t.bot.audit.list({ actorId: demoPeople.alex, skill: 'endpoint.scale' });
    expect(events.at(-1)).toMatchObject({ args: { endpoint: 'fraud-detection', instances: 6 } });
  });

  it('asks for an absolute number after "two more instances", and "cancel" stops it', async () => {
    const question = await ask('give the fraud endpoint two more instances', 'conv-nl-3');
    expect(cardText(question)).toContain('How many instances should fraud-detection run?');
    const cancelled = await ask('cancel', 'conv-nl-3');
    expect(cardText(cancelled)).toContain('Cancelled');
    const before = (await t.bot.audit.list({ skill: 'endpoint.scale' })).length;
    const after = await ask('7', 'conv-nl-3');
    expect(cardText(after)).not.toContain('Scale an endpoint deployment');
    expect((await t.bot.audit.list({ skill: 'endpoint.scale' })).length).toBe(before);
  });

  it('refuses a destructive request and runs no change skill', async () => {
    const card = await ask('<at>opsbot</at> please delete the gpu cluster', 'conv-nl-4');
    expect(cardText(card)).toMatch(/did not understand|not something I can do/i);
    for (const skill of ['compute.stop', 'compute.start']) {
      expect(await t.bot.audit.list({ skill, actorId: demoPeople.alex })).toEqual([]);
    }
  });
});
