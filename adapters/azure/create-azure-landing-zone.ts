import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import type { LandingZoneConfig } from '../../core/config/landing-zone.schema';
import { ConfigError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import type { Clock } from '../../core/ports';
import { AzureLandingZone } from './azure-landing-zone';

/**
 * The environment variables live mode reads (parsed by `bot/config.ts`, passed in as plain values).
 * Each overrides the matching field of `config/landing-zone.yaml`.
 */
export interface AzureLandingZoneEnv {
  AZURE_SUBSCRIPTION_ID?: string;
  AZURE_RESOURCE_GROUP?: string;
  AZURE_ML_WORKSPACE?: string;
  AZURE_LOCATION?: string;
  AZURE_LOG_ANALYTICS_WORKSPACE_ID?: string;
  /** Client id of a user-assigned managed identity; absent for a system-assigned one. */
  AZURE_CLIENT_ID?: string;
  /** Data lake capacity in TB for the storage answer; default 50 (the handover's). */
  AZURE_STORAGE_CAPACITY_TB?: string;
  /** Where endpoint request figures come from: `AmlOnlineEndpointTrafficLog` (default) or `AppRequests`. */
  AZURE_ENDPOINT_REQUESTS_TABLE?: string;
}

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Builds the Azure landing zone for live mode (`LANDING_ZONE=azure`). The DefaultAzureCredential is
 * created on the first token request, never before: building the adapter probes nothing, so local
 * mode and tests that construct the bot never reach the instance-metadata address.
 */
export function createAzureLandingZone(
  config: LandingZoneConfig,
  env: AzureLandingZoneEnv,
  options: { logger: Logger; clock?: Clock },
): AzureLandingZone {
  const lz = {
    ...config.landingZone,
    ...(env.AZURE_SUBSCRIPTION_ID ? { subscriptionId: env.AZURE_SUBSCRIPTION_ID } : {}),
    ...(env.AZURE_RESOURCE_GROUP ? { resourceGroup: env.AZURE_RESOURCE_GROUP } : {}),
    ...(env.AZURE_ML_WORKSPACE ? { workspace: env.AZURE_ML_WORKSPACE } : {}),
    ...(env.AZURE_LOCATION ? { location: env.AZURE_LOCATION } : {}),
    ...(env.AZURE_LOG_ANALYTICS_WORKSPACE_ID
      ? { logAnalyticsWorkspaceId: env.AZURE_LOG_ANALYTICS_WORKSPACE_ID }
      : {}),
  };
  if (!guid.test(lz.subscriptionId) || /^0{8}-/.test(lz.subscriptionId)) {
    throw new ConfigError(
      'LANDING_ZONE=azure needs a real subscription: set AZURE_SUBSCRIPTION_ID or landingZone.subscriptionId.',
    );
  }
  if (!guid.test(lz.logAnalyticsWorkspaceId) || /^0{8}-/.test(lz.logAnalyticsWorkspaceId)) {
    throw new ConfigError(
      'LANDING_ZONE=azure needs the Log Analytics workspace id (a GUID): set AZURE_LOG_ANALYTICS_WORKSPACE_ID or landingZone.logAnalyticsWorkspaceId.',
    );
  }
  const capacity = env.AZURE_STORAGE_CAPACITY_TB ? Number(env.AZURE_STORAGE_CAPACITY_TB) : undefined;
  if (capacity !== undefined && !(capacity > 0)) {
    throw new ConfigError(
      `AZURE_STORAGE_CAPACITY_TB must be a positive number (got "${env.AZURE_STORAGE_CAPACITY_TB}").`,
    );
  }
  const table = env.AZURE_ENDPOINT_REQUESTS_TABLE;
  if (table !== undefined && table !== 'AmlOnlineEndpointTrafficLog' && table !== 'AppRequests') {
    throw new ConfigError(
      `AZURE_ENDPOINT_REQUESTS_TABLE must be AmlOnlineEndpointTrafficLog or AppRequests (got "${table}").`,
    );
  }
  return new AzureLandingZone({
    config: { ...config, landingZone: lz },
    credential: lazyDefaultCredential(env.AZURE_CLIENT_ID),
    logger: options.logger,
    clock: options.clock,
    storageCapacityTb: capacity,
    endpointRequestsTable: table,
  });
}

/** A DefaultAzureCredential built on its first token request, so that building an adapter probes nothing. */
export function lazyDefaultCredential(managedIdentityClientId: string | undefined): TokenCredential {
  let credential: Promise<TokenCredential> | undefined;
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      credential ??= import('@azure/identity').then(
        ({ DefaultAzureCredential }) =>
          new DefaultAzureCredential(managedIdentityClientId ? { managedIdentityClientId } : {}),
      );
      return (await credential).getToken(scopes, options);
    },
  };
}
