import {
  CallerIdConstants,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type {
  AuthenticateRequestResult,
  ClaimsIdentity,
  ConnectorClient,
  ConnectorFactory,
  UserTokenClient,
} from 'botframework-connector';
import { AuthenticationConstants, AuthenticationError } from 'botframework-connector';
import { deliveryPolicyName, type DeliveryPolicy } from './connector-delivery.policy';

/**
 * The public cloud's channel settings with another OpenID metadata document (a sovereign cloud's, or a
 * test's). The SDK takes a custom configuration whole: naming one URL leaves every other one unset.
 */
export function channelSettingsWith(
  openIdMetadataUrl: string,
): ConfigurationBotFrameworkAuthenticationOptions {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/** What the authentication needs beyond the Bot Framework settings. */
export interface OpsbotAuthenticationOptions {
  settings: ConfigurationBotFrameworkAuthenticationOptions;
  /** Bounds every call of the connector clients it creates. */
  deliveryPolicy: DeliveryPolicy;
  /** Refuses a token that surely does not validate before the SDK looks at it; absent in local mode. */
  precheck?: (token: string) => boolean;
}

interface PipelineLike {
  removePolicy(options: { name: string }): unknown;
  addPolicy(policy: DeliveryPolicy, options?: { beforePolicies?: string[] }): void;
}

/** Where the connector client signs its requests (gets the bot's token); the deadline covers it. */
const signPolicyName = 'ServiceClientContext_Credentials_SignRequest';

/** How many clients of each kind are kept (one per service URL and audience; Teams has a few regions). */
const cachedClients = 64;

/**
 * The Bot Framework authentication with three changes: every connector client it hands out (for the
 * replies of a turn and for proactive posts) runs its calls through the delivery policy in place of
 * the SDK's retry policy; a client is built once per service URL and audience and reused, and so is
 * the user token client, once per app id (the SDK builds a new client and HTTP pipeline of each kind
 * for every turn; the bot has one app id, and the clients' credentials fetch and refresh their token
 * themselves); and a request's token goes through the pre-check first.
 */
export class OpsbotAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();
  private readonly userTokenClients = new Map<string, Promise<UserTokenClient>>();

  constructor(private readonly options: OpsbotAuthenticationOptions) {
    super(options.settings);
  }

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    const token = /^Bearer (\S+)$/.exec(authHeader)?.[1];
    if (this.options.precheck && token && !this.options.precheck(token)) {
      throw new AuthenticationError('The token is expired or its signature does not verify.', 401);
    }
    const result = await super.authenticateRequest(activity, authHeader);
    return result.connectorFactory
      ? { ...result, connectorFactory: this.bounded(result.connectorFactory) }
      : result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.bounded(super.createConnectorFactory(claimsIdentity));
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    // The app id the SDK builds the client for: the audience claim, else the app id claim (neither in local mode).
    const appId =
      claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ??
      claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ??
      '';
    return reuse(this.userTokenClients, appId, () => super.createUserTokenClient(claimsIdentity));
  }

  private bounded(factory: ConnectorFactory): ConnectorFactory {
    return {
      create: (serviceUrl: string, audience?: string): Promise<ConnectorClient> =>
        reuse(this.clients, `${serviceUrl}\n${audience ?? ''}`, () =>
          this.build(factory, serviceUrl, audience),
        ),
    };
  }

  private async build(
    factory: ConnectorFactory,
    serviceUrl: string,
    audience?: string,
  ): Promise<ConnectorClient> {
    const client = await factory.create(serviceUrl, audience);
    const pipeline = (client as unknown as { client?: { pipeline?: PipelineLike } }).client?.pipeline;
    if (!pipeline)
      throw new Error(
        'The connector client has no HTTP pipeline to bound (did the Bot Framework SDK change?).',
      );
    pipeline.removePolicy({ name: 'defaultRetryPolicy' });
    pipeline.removePolicy({ name: deliveryPolicyName });
    pipeline.addPolicy(this.options.deliveryPolicy, { beforePolicies: [signPolicyName] });
    return client;
  }
}

/** The client cached under `key`, else a new one kept there; one that could not be built is not kept, and the oldest goes when the cache is full. */
function reuse<T>(cache: Map<string, Promise<T>>, key: string, build: () => Promise<T>): Promise<T> {
  const cached = cache.get(key);
  if (cached) return cached;
  const client = build();
  cache.set(key, client);
  client.catch(() => cache.delete(key));
  if (cache.size > cachedClients) cache.delete(cache.keys().next().value!);
  return client;
}
