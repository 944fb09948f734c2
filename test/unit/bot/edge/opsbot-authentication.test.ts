import { ClaimsIdentity, type ConnectorFactory } from 'botframework-connector';
import { createDeliveryPolicy } from '../../../../bot/edge/connector-delivery.policy';
import { OpsbotAuthentication } from '../../../../bot/edge/opsbot-authentication';

/** A connector factory that counts the clients it builds; `failFirst` makes the first build throw. */
function countingFactory(failFirst = false) {
  const built: string[] = [];
  const policies: string[][] = [];
  const factory: ConnectorFactory = {
    create: async (serviceUrl: string, audience?: string) => {
      built.push(`${serviceUrl} ${audience ?? ''}`);
      if (failFirst && built.length === 1) throw new Error('token endpoint unreachable');
      const names = ['defaultRetryPolicy', 'ServiceClientContext_Credentials_SignRequest'];
      policies.push(names);
      const pipeline = {
        removePolicy: ({ name }: { name: string }) =>
          names.splice(names.indexOf(name) >>> 0, names.includes(name) ? 1 : 0),
        addPolicy: (policy: { name: string }) => names.unshift(policy.name),
      };
      return { client: { pipeline } } as never;
    },
  };
  return { factory, built, policies };
}

/** The SDK's authentication that OpsbotAuthentication extends; its factory is replaced by the counting one. */
const sdkAuthentication = Object.getPrototypeOf(OpsbotAuthentication.prototype) as {
  createConnectorFactory(claims: ClaimsIdentity): ConnectorFactory;
  createUserTokenClient(claims: ClaimsIdentity): Promise<unknown>;
};

describe('OpsbotAuthentication connector clients', () => {
  afterEach(() => jest.restoreAllMocks());
  const authentication = () =>
    new OpsbotAuthentication({
      settings: {},
      deliveryPolicy: createDeliveryPolicy({ attemptTimeoutInMs: 1000, budgetInMs: 2000 }),
    });

  it('builds one client per service URL and audience and hands the same one to every later turn', async () => {
    const { factory, built, policies } = countingFactory();
    jest.spyOn(sdkAuthentication, 'createConnectorFactory').mockReturnValue(factory);
    const auth = authentication();
    const claims = new ClaimsIdentity([]);
    const first = await auth.createConnectorFactory(claims).create('https://smba.example/emea/', 'aud-1');
    const again = await auth.createConnectorFactory(claims).create('https://smba.example/emea/', 'aud-1');
    const otherRegion = await auth
      .createConnectorFactory(claims)
      .create('https://smba.example/amer/', 'aud-1');
    expect(again).toBe(first);
    expect(otherRegion).not.toBe(first);
    expect(built).toEqual(['https://smba.example/emea/ aud-1', 'https://smba.example/amer/ aud-1']);
    // Each client runs through the delivery policy instead of the SDK's retry policy.
    for (const names of policies) expect(names).not.toContain('defaultRetryPolicy');
    expect(policies.every((names) => names.length === 2)).toBe(true);
  });

  it('does not keep a client that could not be built: the next turn builds it again', async () => {
    const { factory, built } = countingFactory(true);
    jest.spyOn(sdkAuthentication, 'createConnectorFactory').mockReturnValue(factory);
    const auth = authentication();
    const claims = new ClaimsIdentity([]);
    await expect(
      auth.createConnectorFactory(claims).create('https://smba.example/emea/', 'a'),
    ).rejects.toThrow('token endpoint unreachable');
    await expect(
      auth.createConnectorFactory(claims).create('https://smba.example/emea/', 'a'),
    ).resolves.toBeDefined();
    expect(built).toHaveLength(2);
  });

  it('builds one user token client per app id and hands the same one to every later turn', async () => {
    const builtFor: string[] = [];
    jest.spyOn(sdkAuthentication, 'createUserTokenClient').mockImplementation(async (claims) => {
      builtFor.push(claims.getClaimValue('aud') ?? '(none)');
      return { builtFor: builtFor.length };
    });
    const auth = authentication();
    const bot = (appId: string) => new ClaimsIdentity([{ type: 'aud', value: appId }], true);
    const first = await auth.createUserTokenClient(bot('app-1'));
    const again = await auth.createUserTokenClient(bot('app-1'));
    const local = await auth.createUserTokenClient(new ClaimsIdentity([], true));
    const localAgain = await auth.createUserTokenClient(new ClaimsIdentity([], true));
    expect(again).toBe(first);
    expect(localAgain).toBe(local);
    expect(local).not.toBe(first);
    expect(builtFor).toEqual(['app-1', '(none)']);
  });
});
