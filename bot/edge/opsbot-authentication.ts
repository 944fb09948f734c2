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

/** How many connector clients are kept (one per service URL and audience; Teams has a few regions). */
const cachedClients = 64;

/**
 * The Bot Framework authentication with three changes: every connector client it hands out (for the
 * replies of a turn and for proactive posts) runs its calls through the delivery policy in place of
 * the SDK's retry policy; a client is built once per service URL and audience and reused (the SDK
 * builds a new client and HTTP pipeline for every turn; the bot has one app id, and the client's
 * credentials fetch and refresh its token themselves); and a request's token goes through the
 * pre-check first.
 */
export class OpsbotAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();

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

  private bounded(factory: ConnectorFactory): ConnectorFactory {
    return {
      create: (serviceUrl: string, audience?: string): Promise<ConnectorClient> => {
        const key = `${serviceUrl}\n${audience ?? ''}`;
        const cached = this.clients.get(key);
        if (cached) return cached;
        const client = this.build(factory, serviceUrl, audience);
        this.clients.set(key, client);
        // A client that could not be built is not kept; the oldest goes when the cache is full.
        client.catch(() => this.clients.delete(key));
        if (this.clients.size > cachedClients) this.clients.delete(this.clients.keys().next().value!);
        return client;
      },
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
