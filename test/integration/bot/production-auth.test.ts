import dns from 'node:dns';
import net from 'node:net';
import { buildActivity, sendActivity } from '../../helpers/connector';
import { demoPeople } from '../../helpers/landing-zone-config';
import { startTestBot, type TestBot } from '../../helpers/test-bot';

/** Records every outgoing TCP connection and DNS lookup this process makes while the tests run. */
function watchNetwork() {
  const seen: string[] = [];
  const original = net.Socket.prototype.connect;
  const connect = jest.spyOn(net.Socket.prototype, 'connect').mockImplementation(function (
    this: net.Socket,
    ...args: unknown[]
  ) {
    const first = args[0] as { host?: string; port?: number; path?: string } | number | unknown[];
    const options = Array.isArray(first)
      ? (first[0] as { host?: string; port?: number; path?: string })
      : first;
    seen.push(
      typeof options === 'object'
        ? (options.path ?? `${options.host ?? 'localhost'}:${options.port}`)
        : `${String(args[1] ?? 'localhost')}:${options}`,
    );
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  });
  const lookup = jest.spyOn(dns, 'lookup');
  return {
    connections: () => [...seen],
    outbound: () => [
      ...seen.filter((s) => !/^(127\.0\.0\.1|localhost|::1):/.test(s)),
      ...lookup.mock.calls.map((c) => `dns:${String(c[0])}`),
    ],
    restore: () => {
      connect.mockRestore();
      lookup.mockRestore();
    },
  };
}

/** A syntactically valid JWT signed by nobody the bot trusts. */
function foreignJwt(): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT', kid: 'made-up' })}.${part({ iss: 'https://evil.example', aud: 'app-id', exp: 4102444800 })}.c2ln`;
}

describe('production mode (Bot Framework credentials configured)', () => {
  let t: TestBot;
  let network: ReturnType<typeof watchNetwork>;

  beforeAll(async () => {
    t = await startTestBot({
      MICROSOFT_APP_ID: '9f0c7d2e-1111-4222-8333-944445555666',
      MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
      HOST: '127.0.0.1',
    });
    network = watchNetwork();
  });
  afterAll(async () => {
    network.restore();
    await t.close();
  });

  const activity = () =>
    buildActivity({
      // Production replies only to https:// service URLs; nothing is sent, as every token here is refused.
      serviceUrl: t.connector.url.replace(/^http:/, 'https:'),
      text: 'status',
      from: { aadObjectId: demoPeople.alex, name: 'Alex Wilber' },
    });

  it.each([
    ['no Authorization header', undefined],
    ['a Basic header', 'Basic YWxleDpwYXNzd29yZA=='],
    ['a bearer token that is not a JWT', 'Bearer not-a-token'],
    ['a JWT from an issuer the bot does not trust', `Bearer ${foreignJwt()}`],
  ])('answers 401 to %s, runs no turn and connects nowhere', async (_name, authorization) => {
    const auditBefore = (await t.bot.audit.list()).length;
    const result = await sendActivity(t.bot.url, activity(), {
      headers: authorization ? { authorization } : {},
    });
    expect(result.status).toBe(401);
    expect(t.connector.replies).toHaveLength(0);
    expect(await t.bot.audit.list()).toHaveLength(auditBefore);
    expect(network.outbound()).toEqual([]);
  });

  it('sees the connections it watches (the watch itself works)', async () => {
    await fetch(`${t.bot.url}/healthz`);
    expect(network.connections().some((c) => c.endsWith(`:${t.bot.port}`))).toBe(true);
  });

  it('reports production mode on /healthz', async () => {
    const response = await fetch(`${t.bot.url}/healthz`);
    expect(await response.json()).toMatchObject({ status: 'ok', mode: 'production' });
  });
});
