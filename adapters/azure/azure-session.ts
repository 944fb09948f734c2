import type { TokenCredential } from '@azure/core-auth';
import { ServiceClient } from '@azure/core-client';
import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';
import { AzureMachineLearningWorkspaces } from '@azure/arm-machinelearning';
import { CognitiveServicesManagementClient } from '@azure/arm-cognitiveservices';
import { LogsQueryClient } from '@azure/monitor-query-logs';
import { MetricsClient } from '@azure/monitor-query-metrics';
import { SecretClient } from '@azure/keyvault-secrets';
import { systemClock } from '../../core/clock';
import type { LandingZoneConfig } from '../../core/config/landing-zone.schema';
import type { Logger } from '../../core/logger';
import type { Clock, ComponentKind } from '../../core/ports';
import { mapAzureError } from './azure-error-mapper';
import { AzureTimeoutError } from './azure-timeout-error';
import {
  createBudgetedRetryHttpClient,
  defaultRetryBudget,
  type BudgetedHttpClient,
  type MonotonicNow,
  type RetryBudgetOptions,
  type Sleep,
} from './budgeted-retry-http-client';
import type { EndpointRequestsTable } from './queries/endpoint-requests.kql';

/** Where the Azure clients send their requests. Defaults are the public cloud; tests point them at a fake server. */
export interface AzureEndpoints {
  /** Azure Resource Manager, default `https://management.azure.com`. */
  arm: string;
  /** Log Analytics query API including `/v1`, default `https://api.loganalytics.io/v1`. */
  logs: string;
  /** Azure Monitor metrics batch API, default `https://{location}.metrics.monitor.azure.com`. */
  metrics: string;
  /** Key Vault URL with `{vault}` in it, default `https://{vault}.vault.azure.net`. */
  keyVault: string;
}

/** Options of `AzureLandingZone`. */
export interface AzureLandingZoneOptions {
  config: LandingZoneConfig;
  credential: TokenCredential;
  logger: Logger;
  clock?: Clock;
  endpoints?: Partial<AzureEndpoints>;
  /** The transport; tests pass a loopback client. Retries are wrapped around it. */
  httpClient?: HttpClient;
  retry?: Partial<RetryBudgetOptions>;
  /** Waits between retries; tests record the delays instead of sleeping. */
  sleep?: Sleep;
  /** Monotonic milliseconds the time budgets are measured with; tests move it forward in `sleep`. */
  now?: MonotonicNow;
  /**
   * The time one read (`getCompute`, `listTrainingJobs`, …) may take, every request and retry in it
   * included, before it answers OPS-406 (or OPS-404 when throttled). Default 4 s, so a skill that
   * makes a few reads still answers within a Teams turn.
   */
  readBudgetInMs?: number;
  /** How long a change waits for its long-running operation before answering `in-progress`. Default 10 s. */
  defaultWaitBudgetInMs?: number;
  /** Polling interval of long-running operations. Default 2 s (the SDK's). */
  lroPollIntervalInMs?: number;
  /** Data lake capacity the storage-usage answer compares against (the handover's 50 TB). */
  storageCapacityTb?: number;
  /** Hours of job events counted for a compute's running jobs. Default 72. */
  runningJobsLookbackHours?: number;
  /** The table the endpoint request figures are read from. Default `AmlOnlineEndpointTrafficLog`. */
  endpointRequestsTable?: EndpointRequestsTable;
}

/** The ARM resource type of each component kind. */
export const armTypes: Record<ComponentKind, string> = {
  'ml-workspace': 'Microsoft.MachineLearningServices/workspaces',
  openai: 'Microsoft.CognitiveServices/accounts',
  'data-lake': 'Microsoft.Storage/storageAccounts',
  'key-vault': 'Microsoft.KeyVault/vaults',
  aks: 'Microsoft.ContainerService/managedClusters',
  'container-registry': 'Microsoft.ContainerRegistry/registries',
};

/**
 * What every seam of the Azure adapter shares: the effective config, the SDK clients built once
 * over one budgeted, retrying transport, the time budgets, and the read wrapper that turns a spent
 * budget into OPS-406 (or OPS-404 when Azure was throttling).
 */
export class AzureSession {
  readonly config: LandingZoneConfig;
  readonly lz: LandingZoneConfig['landingZone'];
  readonly logger: Logger;
  readonly clock: Clock;
  readonly endpoints: AzureEndpoints;
  readonly waitBudgetInMs: number;
  readonly pollIntervalInMs: number | undefined;
  readonly storageCapacityTb: number;
  readonly runningJobsLookbackHours: number;
  readonly endpointRequestsTable: EndpointRequestsTable;
  readonly ml: AzureMachineLearningWorkspaces;
  readonly cognitive: CognitiveServicesManagementClient;
  readonly logs: LogsQueryClient;
  readonly metrics: MetricsClient;
  /** ARM requests the SDKs do not cover (Resource Health, Alerts Management, Cost Management). */
  readonly arm: ServiceClient;
  /** Requests without an ARM token (the Azure OpenAI data plane, called with an api-key). */
  readonly plain: ServiceClient;
  private readonly credential: TokenCredential;
  private readonly httpClient: BudgetedHttpClient;
  private readonly readBudgetInMs: number;
  private readonly vaults = new Map<string, SecretClient>();

  constructor(options: AzureLandingZoneOptions) {
    this.config = options.config;
    this.lz = options.config.landingZone;
    this.logger = options.logger.child({ component: 'azure-landing-zone' });
    this.clock = options.clock ?? systemClock;
    this.credential = options.credential;
    this.endpoints = {
      arm: 'https://management.azure.com',
      logs: 'https://api.loganalytics.io/v1',
      metrics: `https://${this.lz.location}.metrics.monitor.azure.com`,
      keyVault: 'https://{vault}.vault.azure.net',
      ...options.endpoints,
    };
    this.httpClient = createBudgetedRetryHttpClient(
      options.httpClient ?? createDefaultHttpClient(),
      { ...defaultRetryBudget, ...options.retry },
      options.sleep,
      options.now,
    );
    this.readBudgetInMs = options.readBudgetInMs ?? 4000;
    this.waitBudgetInMs = options.defaultWaitBudgetInMs ?? 10_000;
    this.pollIntervalInMs = options.lroPollIntervalInMs;
    this.storageCapacityTb = options.storageCapacityTb ?? 50;
    this.runningJobsLookbackHours = options.runningJobsLookbackHours ?? 72;
    this.endpointRequestsTable = options.endpointRequestsTable ?? 'AmlOnlineEndpointTrafficLog';

    const common = { httpClient: this.httpClient, retryOptions: { maxRetries: 0 } };
    const armScope = 'https://management.azure.com/.default';
    this.ml = new AzureMachineLearningWorkspaces(this.credential, this.lz.subscriptionId, {
      ...common,
      endpoint: this.endpoints.arm,
      credentialScopes: armScope,
    });
    this.cognitive = new CognitiveServicesManagementClient(this.credential, this.lz.subscriptionId, {
      ...common,
      endpoint: this.endpoints.arm,
      credentialScopes: armScope,
    });
    this.logs = new LogsQueryClient(this.credential, { ...common, endpoint: this.endpoints.logs });
    this.metrics = new MetricsClient(this.endpoints.metrics, this.credential, common);
    this.arm = new ServiceClient({ ...common, credential: this.credential, credentialScopes: armScope });
    this.plain = new ServiceClient(common);
  }

  /**
   * Runs one public read within the read budget, shared by all its requests and retries; a spent
   * budget becomes OPS-406, or OPS-404 when Azure was throttling.
   */
  async read<T>(doing: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await this.httpClient.withinReadBudget(this.readBudgetInMs, fn);
    } catch (error) {
      if (error instanceof AzureTimeoutError) {
        throw mapAzureError(error, { doing, resourceKind: 'resource', resourceName: '', requiredAction: '' });
      }
      throw error;
    }
  }

  /** The Key Vault client of one vault, made on first use. */
  secretClient(vault: string): SecretClient {
    let client = this.vaults.get(vault);
    if (!client) {
      const url = this.endpoints.keyVault.replace('{vault}', vault);
      client = new SecretClient(url, this.credential, {
        httpClient: this.httpClient,
        retryOptions: { maxRetries: 0 },
        disableChallengeResourceVerification: !new URL(url).hostname.endsWith('.vault.azure.net'),
      });
      this.vaults.set(vault, client);
    }
    return client;
  }

  /** The ARM id of a resource in the landing zone's resource group. */
  resourceId(type: string, name: string): string {
    return `/subscriptions/${this.lz.subscriptionId}/resourceGroups/${this.lz.resourceGroup}/providers/${type}/${name}`;
  }
}
