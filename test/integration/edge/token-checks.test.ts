import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ManualClock } from '../../../core/clock';
import { buildActivity, sendActivity } from '../../helpers/connector';
import { demoPeople } from '../../helpers/landing-zone-config';
import { startTestBot, type TestBot } from '../../helpers/test-bot';

const appId = '9f0c7d2e-1111-4222-8333-944445555666';
const channelIssuer = 'https://api.botframework.com';

/** A Bot Framework-like OpenID metadata server on loopback that counts the requests it gets. */
async function startOpenIdServer() {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const state = { requests: 0, failing: false };
  const server: Server = createServer((req, res) => {
    state.requests++;
    if (state.failing) {
      res.writeHead(500);
      res.end();
      return;
    }
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Restify patches ServerResponse in this process, so writeHead is not chained.
    res.writeHead(200, { 'content-type': 'application/json' });
    if (req.url === '/keys') {
      const jwk = publicKey.export({ format: 'jwk' });
      res.end(JSON.stringify({ keys: [{ ...jwk, kid: 'key-1', use: 'sig' }] }));
    } else res.end(JSON.stringify({ issuer: channelIssuer, jwks_uri: `${base}/keys` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    state,
    privateKey,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/openid`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function jwt(key: KeyObject, kid: string, claims: Record<string, unknown>): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const signed = `${part({ alg: 'RS256', typ: 'JWT', kid })}.${part(claims)}`;
  return `${signed}.${sign('RSA-SHA256', Buffer.from(signed), key).toString('base64url')}`;
}

const now = () => Math.floor(Date.now() / 1000);

describe('token checks in production mode', () => {
  let openId: Awaited<ReturnType<typeof startOpenIdServer>>;
  let t: TestBot;
  let clock: ManualClock;
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

  beforeEach(async () => {
    openId = await startOpenIdServer();
    clock = new ManualClock(new Date());
    t = await startTestBot(
      {
        MICROSOFT_APP_ID: appId,
        MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
        BOT_OPENID_METADATA_URL: openId.url,
      },
      { clock },
    );
  });
  afterEach(async () => {
    await t.close();
    await openId.close();
  });

  const serviceUrl = () => t.connector.url.replace(/^http:/, 'https:');
  const claims = (extra: Record<string, unknown> = {}) => ({
    iss: channelIssuer,
    aud: appId,
    serviceurl: serviceUrl(),
    nbf: now() - 60,
    exp: now() + 3600,
    ...extra,
  });
  const post = (token: string, init: Parameters<typeof buildActivity>[0] | undefined = undefined) =>
    sendActivity(
      t.bot.url,
      buildActivity(
        init ?? { serviceUrl: serviceUrl(), text: 'status', from: { aadObjectId: demoPeople.alex } },
      ),
      { headers: { authorization: `Bearer ${token}` } },
    );
  const errorLines = () => t.logs.filter((l) => (l.level as number) >= 50);

  it('refuses 30 forged tokens with 401 and one log line each, fetching the keys once', async () => {
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const forged = [
        ...Array.from({ length: 10 }, () => jwt(stranger, 'made-up-key', claims())),
        ...Array.from({ length: 10 }, () => jwt(stranger, 'key-1', claims())),
        ...Array.from({ length: 10 }, () => jwt(openId.privateKey, 'key-1', claims({ exp: now() - 3600 }))),
      ];
      const statuses = [];
      for (const token of forged) statuses.push((await post(token)).status);
      expect(statuses).toEqual(forged.map(() => 401));
      expect(openId.state.requests).toBe(2);
      expect(t.logs.filter((l) => l.msg === 'unauthenticated request refused')).toHaveLength(30);
      expect(errorLines()).toEqual([]);
      expect(consoleError).not.toHaveBeenCalled();
      expect(t.connector.replies).toHaveLength(0);
      expect(await t.bot.audit.list()).toEqual([]);
    } finally {
      consoleError.mockRestore();
    }
  });

  it('answers 503, not 500, while the metadata is unreachable, and does not fetch it per request', async () => {
    openId.state.failing = true;
    const results = [];
    for (let i = 0; i < 30; i++) results.push(await post(jwt(openId.privateKey, 'key-1', claims())));
    expect(results.map((r) => r.status)).toEqual(results.map(() => 503));
    expect(results[0].body).toEqual({
      error: {
        code: 'OPS-203',
        status: 503,
        message: expect.stringMatching(/signing keys cannot be fetched/),
      },
    });
    expect(JSON.stringify(results[0].body)).not.toMatch(/at .*\.js/);
    expect(openId.state.requests).toBe(1);
    expect(errorLines()).toEqual([]);
    expect(await t.bot.audit.list()).toEqual([]);

    // Back up: the next attempt is allowed ten seconds after the failed one, and then the token validates.
    openId.state.failing = false;
    const typing = { serviceUrl: serviceUrl(), type: 'typing', from: { aadObjectId: demoPeople.alex } };
    clock.advance(9_000);
    expect((await post(jwt(openId.privateKey, 'key-1', claims()), typing)).status).toBe(503);
    expect(openId.state.requests).toBe(1);
    clock.advance(1_000);
    expect((await post(jwt(openId.privateKey, 'key-1', claims()), typing)).status).toBe(200);
    expect(openId.state.requests).toBe(3);
  });

  it('accepts a token signed with the published key (an activity that needs no reply)', async () => {
    const result = await post(jwt(openId.privateKey, 'key-1', claims()), {
      serviceUrl: serviceUrl(),
      type: 'typing',
      from: { aadObjectId: demoPeople.alex },
    });
    expect(result.status).toBe(200);
    expect(openId.state.requests).toBe(2);
  });

  it('refuses an http:// service URL in production before looking at the token', async () => {
    const result = await post(jwt(openId.privateKey, 'key-1', claims()), {
      serviceUrl: t.connector.url,
      text: 'status',
      from: { aadObjectId: demoPeople.alex },
    });
    expect(result.status).toBe(400);
    expect(result.body).toEqual({
      error: { code: 'OPS-203', status: 400, message: 'The activity serviceUrl must be an https:// URL.' },
    });
    expect(openId.state.requests).toBe(0);
  });
});
