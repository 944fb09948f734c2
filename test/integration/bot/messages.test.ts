import { cardCommands, cardText, maxCardBytes, validateCard, cardBytes } from '../../helpers/validate-card';
import { demoPeople } from '../../helpers/landing-zone-config';
import { startTestBot, type TestBot } from '../../helpers/test-bot';

describe('POST /api/messages (local mode, over HTTP)', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t.close();
  });

  function expectValidCard(card: Record<string, unknown>) {
    expect(validateCard(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(maxCardBytes);
  }

  it('answers a status request with a valid endpoint status card and one audit event', async () => {
    const result = await t.say('status fraud-detection');
    expect(result.status).toBe(200);
    const [card] = t.cards(result);
    expectValidCard(card);
    expect(cardText(card)).toContain('fraud-detection');
    expect(cardText(card)).toMatch(/simulated/i);
    const events = await t.bot.audit.list({ actorId: demoPeople.alex, skill: 'status.endpoint' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      decision: 'allowed',
      outcome: 'ok',
      args: { endpoint: 'fraud-detection' },
    });
  });

  it('answers the overview with a valid card that fits in a Teams message', async () => {
    const [card] = t.cards(await t.say('status'));
    expectValidCard(card);
  });

  it('lists more skills to an l2 engineer than to a viewer, and treats an unknown person as a viewer', async () => {
    const alex = cardText(t.cards(await t.say('help'))[0]);
    const diego = cardText(
      t.cards(await t.say('help', { from: { aadObjectId: demoPeople.diego, name: 'Diego Siciliani' } }))[0],
    );
    const stranger = cardText(
      t.cards(
        await t.say('help', {
          from: { aadObjectId: '11111111-2222-3333-4444-555555555555', name: 'Pat Stranger' },
        }),
      )[0],
    );
    expect(alex).toContain('`scale <endpoint> [deployment] <instances>`');
    expect(alex).toContain('`start <cluster>`');
    expect(diego).not.toContain('`scale ');
    expect(diego).not.toContain('`start ');
    expect(diego).toContain('`status <endpoint>`');
    expect(stranger.replace(/Pat Stranger \(not in roster\)/g, 'X')).toBe(
      diego.replace(/Diego Siciliani/g, 'X'),
    );
  });

  it('strips an @mention in a group chat before routing', async () => {
    const result = await t.say('<at>opsbot</at> status gpu-cluster-01', {
      conversationType: 'groupChat',
      conversationId: '19:group@thread.v2',
    });
    const [card] = t.cards(result);
    expectValidCard(card);
    expect(cardText(card)).toContain('gpu-cluster-01');
    const [event] = await t.bot.audit.list({ skill: 'status.compute' });
    expect(event).toMatchObject({
      conversationId: '19:group@thread.v2',
      args: { cluster: 'gpu-cluster-01' },
    });
  });

  it('runs the command a card button carries in value.opsbot.command when there is no text', async () => {
    const result = await t.send({
      from: { aadObjectId: demoPeople.lee, name: 'Lee Gu' },
      value: { opsbot: { command: 'alerts' } },
    });
    expectValidCard(t.cards(result)[0]);
    const events = await t.bot.audit.list({ actorId: demoPeople.lee });
    expect(events).toEqual([
      expect.objectContaining({ skill: 'status.alerts', detail: expect.stringContaining('source=card') }),
    ]);
  });

  it('says which clusters exist when asked about one that does not', async () => {
    const text = cardText(t.cards(await t.say('status gpu-cluster-99'))[0]);
    expect(text).toContain('gpu-cluster-99');
    expect(text).toContain('cpu-cluster-01');
    expect(text).toContain('gpu-cluster-01');
  });

  it('says the allowed window for a jobs window out of range, and runs nothing', async () => {
    const text = cardText(t.cards(await t.say('jobs 99999'))[0]);
    expect(text).toContain('hours');
    expect(text).toContain('720');
    const events = await t.bot.audit.list({ skill: 'status.jobs' });
    expect(events.at(-1)).toMatchObject({ decision: 'invalid-args', outcome: 'refused' });
  });

  it('answers an unknown command clearly, offers commands, and records OPS-201', async () => {
    const conversationId = 'a:unknown-command';
    const [card] = t.cards(await t.say('reboot the mainframe', { conversationId }));
    expectValidCard(card);
    expect(cardText(card)).toMatch(/did not understand/i);
    expect(cardCommands(card).map((c) => c.command)).toContain('help');
    const events = (await t.bot.audit.list({ actorId: demoPeople.alex })).filter(
      (e) => e.conversationId === conversationId,
    );
    expect(events).toEqual([expect.objectContaining({ skill: 'none', outcome: 'error:OPS-201' })]);
  });

  it('welcomes once when installed, not again on the next membersAdded', async () => {
    const install = {
      type: 'conversationUpdate',
      conversationId: 'a:install-1',
      membersAdded: [{ id: '28:opsbot-local', name: 'opsbot' }],
    };
    const first = await t.send(install);
    expect(first.status).toBe(200);
    const [card] = t.cards(first);
    expectValidCard(card);
    expect(cardText(card)).toMatch(/opsbot/);
    const second = await t.send({ ...install, membersAdded: [{ id: '29:new-user', name: 'Megan Bowen' }] });
    expect(second.status).toBe(200);
    expect(second.replies).toHaveLength(0);
  });

  it('ignores other activity types without answering', async () => {
    const typing = await t.send({ type: 'typing' });
    expect(typing.status).toBe(200);
    expect(typing.replies).toHaveLength(0);
  });

  it('switches simulator scenarios in local mode and the status shows it', async () => {
    const list = cardText(t.cards(await t.say('sim scenarios'))[0]);
    expect(list).toContain('endpoint-503');
    const on = cardText(t.cards(await t.say('sim scenario endpoint-503'))[0]);
    expect(on).toMatch(/endpoint-503 is on/);
    expect(t.bot.scenarios?.listScenarios().find((s) => s.name === 'endpoint-503')?.active).toBe(true);
    const unknown = cardText(t.cards(await t.say('sim scenario meteor-strike'))[0]);
    expect(unknown).toContain('meteor-strike');
    await t.say('sim scenario off');
    expect(t.bot.scenarios?.listScenarios().some((s) => s.active)).toBe(false);
  });

  it('reports health', async () => {
    const response = await fetch(`${t.bot.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      mode: 'local',
      landingZone: 'simulator',
      database: 'sqlite',
    });
  });

  it('listens on the loopback interface only', () => {
    expect(t.bot.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});
