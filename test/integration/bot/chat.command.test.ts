import { PassThrough } from 'node:stream';
import { runChat } from '../../../bot/cli/chat.command';
import { startBot, type RunningBot } from '../../../bot/index';

const alex = { aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' };
const diego = { aadObjectId: '00000000-0000-0000-0000-0000000000025', name: 'Diego Siciliani' };

describe('opsbot chat (terminal chat over /api/messages, against a bot started in-process)', () => {
  let bot: RunningBot;
  let input: PassThrough;
  let output: string;
  let finished: Promise<number>;

  /** Resolves when the output after `from` matches; the bot answers during the turn, so this is prompt. */
  async function waitForOutput(pattern: RegExp, from: number): Promise<string> {
    const deadline = Date.now() + 15_000;
    while (!pattern.test(output.slice(from))) {
      if (Date.now() > deadline)
        throw new Error(`No ${pattern} in the chat output after offset ${from}:\n${output.slice(from)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return output.slice(from);
  }

  async function type(line: string, expect: RegExp): Promise<string> {
    const from = output.length;
    input.write(`${line}\n`);
    return waitForOutput(expect, from);
  }

  beforeAll(async () => {
    bot = await startBot({
      env: { DATABASE_URL: 'sqlite::memory:', PORT: '0', LOG_LEVEL: 'silent', SHUTDOWN_GRACE_MS: '2000' },
    });
    input = new PassThrough();
    output = '';
    finished = runChat({
      botUrl: bot.url,
      user: alex,
      lookUpUser: (name) => (name.toLowerCase().startsWith('diego') ? diego : undefined),
      input,
      write: (text) => (output += text),
    });
    await waitForOutput(/Hello, I am opsbot/, 0);
  });
  afterAll(async () => {
    input.end();
    await finished;
    await bot.close();
  });

  it('shows the welcome card with numbered buttons', () => {
    expect(output).toMatch(/\[#1\] Overview +\[#2\] Status fraud-detection/);
  });

  it('runs a status check and prints the card as text with aligned facts', async () => {
    const reply = await type('status fraud-detection', /Deployments[\s\S]*green/);
    expect(reply).toMatch(/Endpoint fraud-detection/);
    expect(reply).toMatch(/^ {2}blue: {2}3 instances of Standard_DS3_v2, 100% of traffic/m);
    expect(reply).toMatch(/Simulated data/);
    const [event] = await bot.audit.list({ actorId: alex.aadObjectId, skill: 'status.endpoint' });
    expect(event).toMatchObject({ args: { endpoint: 'fraud-detection' }, outcome: 'ok' });
  });

  it('presses a card button by its number and shows what the bot answers', async () => {
    const number = /\[#(\d+)\] Status gpu-cluster-01/.exec(output)?.[1];
    expect(number).toBeDefined();
    const reply = await type(number!, /Standard_NC24ads_A100_v4/);
    expect(reply).toMatch(/you \(button\) > Status gpu-cluster-01/);
    expect(reply).toMatch(/gpu-cluster-01/);
    const events = await bot.audit.list({ actorId: alex.aadObjectId, skill: 'status.compute' });
    expect(events.map((e) => e.args)).toEqual([{ cluster: 'gpu-cluster-01' }]);
  });

  it('says so when a number has no button, and sends nothing', async () => {
    const before = (await bot.audit.list()).length;
    expect(await type('999', /There is no button/)).toContain('[#999]');
    expect((await bot.audit.list()).length).toBe(before);
  });

  it('switches the person with /user, and the bot sees the new aadObjectId', async () => {
    await type('/user diego', /You are now Diego Siciliani/);
    const reply = await type('help', /What I can do for you/);
    expect(reply).toContain('Diego Siciliani');
    expect(reply).not.toContain('start <cluster>');
  });

  it('ends with exit code 0 on /quit', async () => {
    input.write('/quit\n');
    await expect(finished).resolves.toBe(0);
  });
});

describe('opsbot chat without a bot', () => {
  it('says how to start the bot and exits with 1', async () => {
    let output = '';
    const code = await runChat({
      botUrl: 'http://127.0.0.1:9',
      user: alex,
      input: new PassThrough(),
      write: (t) => (output += t),
    });
    expect(code).toBe(1);
    expect(output).toMatch(/Cannot reach opsbot at http:\/\/127\.0\.0\.1:9 .*npm start/);
  });
});
