import { demoPeople } from '../../helpers/landing-zone-config';
import { startTestBot, type TestBot } from '../../helpers/test-bot';
import { cardText } from '../../helpers/validate-card';

describe('who is asking comes from the activity, never from card data', () => {
  let test: TestBot;
  beforeAll(async () => {
    test = await startTestBot();
  });
  afterAll(async () => {
    await test.close();
  });

  const diego = { aadObjectId: demoPeople.diego, name: 'Diego Siciliani' };
  const forged = {
    opsbot: { command: 'help' },
    aadObjectId: demoPeople.alex,
    from: { aadObjectId: demoPeople.alex, name: 'Alex Wilber' },
    roles: ['l2', 'it-director'],
  };

  it('gives a viewer the viewer help even when the button data names an operator', async () => {
    const result = await test.send({ from: diego, value: forged });
    const text = cardText(test.cards(result)[0]);
    expect(text).toContain('Diego Siciliani');
    expect(text).not.toContain('Scale an endpoint deployment');
    const events = await test.bot.audit.list({ skill: 'help' });
    expect(events.at(-1)).toMatchObject({ actorId: demoPeople.diego, decision: 'allowed' });
  });

  it('refuses a change to a viewer whose button data claims an operator', async () => {
    const result = await test.send({
      from: diego,
      value: { ...forged, opsbot: { command: 'scale fraud-detection 6' } },
    });
    expect(cardText(test.cards(result)[0])).toContain('Not allowed');
    const events = await test.bot.audit.list({ skill: 'endpoint.scale' });
    expect(events.at(-1)).toMatchObject({ actorId: demoPeople.diego, decision: 'denied:role' });
  });
});
