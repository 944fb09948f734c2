import type { TokenCredential } from '@azure/core-auth';
import { ServiceClient } from '@azure/core-client';
import {
  createDefaultHttpClient,
  createHttpHeaders,
  createPipelineRequest,
  RestError,
  type HttpClient,
  type PipelineResponse,
} from '@azure/core-rest-pipeline';
import { AzureMachineLearningWorkspaces, type ComputeResource } from '@azure/arm-machinelearning';
import { CognitiveServicesManagementClient } from '@azure/arm-cognitiveservices';
import { LogsQueryClient, type LogsTable } from '@azure/monitor-query-logs';
import { MetricsClient } from '@azure/monitor-query-metrics';
import { SecretClient } from '@azure/keyvault-secrets';
import { systemClock } from '../../core/clock';
import { assertValidComputeScale } from '../../core/compute-scale';
import type { LandingZoneConfig } from '../../core/config/landing-zone.schema';
import { ErrorCodes, NotFoundError, UserFacingError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import type {
  BackupStatus,
  ChangeOptions,
  Clock,
  ComponentHealth,
  ComponentKind,
  ComputeStatus,
  CostSummary,
  EndpointMetrics,
  EndpointStatus,
  FiringAlert,
  HealthState,
  LandingZone,
  OperationResult,
  QuotaUsage,
  SecurityAlert,
  StorageUsage,
  TrainingJob,
} from '../../core/ports';
import { mapAzureError, type AzureCallContext } from './azure-error-mapper';
import { permissionActions as perm, roleFor } from './azure-permissions';
import { AzureTimeoutError } from './azure-timeout-error';
import {
  createBudgetedRetryHttpClient,
  defaultRetryBudget,
  type BudgetedHttpClient,
  type MonotonicNow,
  type RetryBudgetOptions,
  type Sleep,
} from './budgeted-retry-http-client';
import { backupJobsQuery } from './queries/backup-jobs.kql';
import { endpointRequestsQuery, type EndpointRequestsTable } from './queries/endpoint-requests.kql';
import type { KqlQuery } from './queries/kql-query';
import { securityAlertsQuery } from './queries/security-alerts.kql';
import { trainingJobsQuery } from './queries/training-jobs.kql';

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

const armTypes: Record<ComponentKind, string> = {
  'ml-workspace': 'Microsoft.MachineLearningServices/workspaces',
  openai: 'Microsoft.CognitiveServices/accounts',
  'data-lake': 'Microsoft.Storage/storageAccounts',
  'key-vault': 'Microsoft.KeyVault/vaults',
  aks: 'Microsoft.ContainerService/managedClusters',
  'container-registry': 'Microsoft.ContainerRegistry/registries',
};

const healthStates: Record<string, HealthState> = {
  available: 'available',
  degraded: 'degraded',
  unavailable: 'unavailable',
};

const alertSeverities: Record<string, FiringAlert['severity']> = {
  sev0: 'critical',
  sev1: 'error',
  sev2: 'warning',
  sev3: 'informational',
  sev4: 'informational',
};

const resourceHealthApiVersion = '2022-10-01';
const mlApiVersion = '2022-10-01';
const alertsApiVersion = '2019-05-05-preview';
/** The longest window the alerts list allows; without one it answers only the last day's alerts. */
const alertsTimeRange = '30d';
const costApiVersion = '2023-03-01';
const openAiDataApiVersion = '2024-10-21';
const endpointWindowMinutes = 60;
const utilisationMetric = 'CpuUtilizationPercentage';
const utilisationDimension = 'ComputeName';
const costLookbackDays = 30;
/** How far Cost Management data may lag behind usage (8–24 h): a day counts once it ended this long ago. */
const costLagMs = 24 * 3_600_000;

type Row = Record<string, unknown>;

/** Compute instance states (ComputeInstanceState) in which the VM is up; `JobRunning` runs a job. */
const runningInstanceStates = new Set([
  'Running',
  'JobRunning',
  'Starting',
  'Restarting',
  'SettingUp',
  'UserSettingUp',
]);

/** Something a begin* call returns: the SDK's legacy poller. */
interface LroPoller<T> {
  pollUntilDone(): Promise<T>;
  onProgress(callback: (state: unknown) => void): unknown;
}

/**
 * The landing zone in Azure, through the Azure SDKs: Azure ML (computes, online endpoints, usages),
 * Log Analytics (job events, requests, security alerts, backups), Azure Monitor metrics, Resource
 * Health, Alerts Management, Cost Management, Cognitive Services keys and Key Vault secrets.
 * Every failure of Azure leaves as a `UserFacingError` (OPS-401…406), a bug in the adapter as
 * itself; each read runs within one time budget (`readBudgetInMs`); no key value reaches a log, a
 * message or a result.
 */
export class AzureLandingZone implements LandingZone {
  readonly simulated = false;

  private readonly config: LandingZoneConfig;
  private readonly lz: LandingZoneConfig['landingZone'];
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly credential: TokenCredential;
  private readonly endpoints: AzureEndpoints;
  private readonly httpClient: BudgetedHttpClient;
  private readonly readBudgetInMs: number;
  private readonly waitBudgetInMs: number;
  private readonly pollIntervalInMs: number | undefined;
  private readonly storageCapacityTb: number;
  private readonly runningJobsLookbackHours: number;
  private readonly endpointRequestsTable: EndpointRequestsTable;
  private readonly ml: AzureMachineLearningWorkspaces;
  private readonly cognitive: CognitiveServicesManagementClient;
  private readonly logs: LogsQueryClient;
  private readonly metrics: MetricsClient;
  private readonly arm: ServiceClient;
  private readonly plain: ServiceClient;
  private readonly vaults = new Map<string, SecretClient>();

  /** The config the adapter works with, environment overrides included. */
  get effectiveConfig(): LandingZoneConfig {
    return this.config;
  }

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

  // ---- reads -------------------------------------------------------------------------------

  getComponentHealth(): Promise<ComponentHealth[]> {
    return this.read('read the health of the landing-zone components', async () => {
      return Promise.all(
        this.config.components.map(async (component) => {
          const id = this.resourceId(armTypes[component.kind], component.name);
          const body = (await this.armJson(
            'GET',
            `${id}/providers/Microsoft.ResourceHealth/availabilityStatuses/current`,
            resourceHealthApiVersion,
            undefined,
            {
              doing: `read the health of ${component.name}`,
              resourceKind: 'component',
              resourceName: component.name,
              requiredAction: perm.resourceHealth,
            },
          )) as {
            properties?: {
              availabilityState?: string;
              summary?: string;
              reportedTime?: string;
              occuredTime?: string;
            };
          };
          const p = body.properties ?? {};
          const state = healthStates[(p.availabilityState ?? '').toLowerCase()] ?? 'unknown';
          const checked = p.reportedTime ?? p.occuredTime;
          return {
            resource: component.name,
            kind: component.kind,
            state,
            ...(state !== 'available' && p.summary ? { detail: p.summary } : {}),
            checkedAt: checked ? new Date(checked) : this.clock.now(),
          };
        }),
      );
    });
  }

  listTrainingJobs(options: { sinceHours: number }): Promise<TrainingJob[]> {
    return this.read('read the training jobs', async () => {
      if (!Number.isFinite(options.sinceHours) || options.sinceHours <= 0) {
        throw new UserFacingError(
          ErrorCodes.invalidArguments,
          'The job window must be a positive number of hours.',
        );
      }
      const rows = await this.query(trainingJobsQuery, options.sinceHours * 60, {
        doing: 'read the training job events',
        resourceKind: 'Log Analytics workspace',
        resourceName: this.lz.logAnalyticsWorkspaceId,
        requiredAction: perm.jobEventsQuery,
      });
      return rows.map((r) => {
        const failure = str(r.FailureReason);
        const ended = r.EndedAt ? new Date(r.EndedAt as string) : undefined;
        return {
          id: str(r.JobId),
          displayName: str(r.DisplayName) || str(r.JobId),
          compute: str(r.Compute),
          status: str(r.Status) as TrainingJob['status'],
          submittedBy: 'unknown',
          startedAt: new Date(r.StartedAt as string),
          ...(ended && !Number.isNaN(ended.getTime()) ? { endedAt: ended } : {}),
          ...(failure ? { failureReason: failure } : {}),
        };
      });
    });
  }

  getEndpoint(name: string): Promise<EndpointStatus> {
    return this.read(`read the endpoint ${name}`, async () => {
      const ctx = this.endpointContext(name, `read the endpoint ${name}`, perm.endpointRead);
      try {
        const endpoint = await this.ml.onlineEndpoints.get(this.lz.resourceGroup, this.lz.workspace, name);
        const deployments = [];
        for await (const d of this.ml.onlineDeployments.list(
          this.lz.resourceGroup,
          this.lz.workspace,
          name,
        )) {
          deployments.push(d);
        }
        const traffic = endpoint.properties.traffic ?? {};
        const metrics = await this.endpointMetrics(name);
        return {
          name: endpoint.name ?? name,
          state: endpoint.properties.provisioningState ?? 'Unknown',
          scoringUri: endpoint.properties.scoringUri ?? '',
          deployments: deployments
            .map((d) => ({
              name: d.name ?? '',
              state: d.properties.provisioningState ?? 'Unknown',
              instanceCount: d.sku?.capacity ?? 0,
              vmSize: d.properties.instanceType ?? '',
              trafficPercent: traffic[d.name ?? ''] ?? 0,
            }))
            .sort((a, b) => a.name.localeCompare(b.name)),
          metrics,
        };
      } catch (error) {
        throw mapAzureError(error, ctx);
      }
    });
  }

  getCompute(name: string): Promise<ComputeStatus> {
    return this.read(`read the compute ${name}`, async () => {
      const ctx = this.computeContext(name, `read the compute ${name}`, perm.computeRead);
      let resource: ComputeResource;
      try {
        resource = await this.ml.computeOperations.get(this.lz.resourceGroup, this.lz.workspace, name);
      } catch (error) {
        throw mapAzureError(error, ctx);
      }
      const jobs = await this.listTrainingJobs({ sinceHours: this.runningJobsLookbackHours });
      return this.toComputeStatus(resource, jobs, await this.utilisation([resource.name ?? name]));
    });
  }

  listComputes(): Promise<ComputeStatus[]> {
    return this.read(`list the computes of ${this.lz.workspace}`, async () => {
      const resources: ComputeResource[] = [];
      try {
        for await (const c of this.ml.computeOperations.list(this.lz.resourceGroup, this.lz.workspace)) {
          const type = c.properties?.computeType;
          if (type === 'AmlCompute' || type === 'ComputeInstance') resources.push(c);
        }
      } catch (error) {
        throw mapAzureError(error, {
          doing: `list the computes of ${this.lz.workspace}`,
          resourceKind: 'workspace',
          resourceName: this.lz.workspace,
          requiredAction: perm.computeRead,
        });
      }
      const jobs = await this.listTrainingJobs({ sinceHours: this.runningJobsLookbackHours });
      const usage = await this.utilisation(resources.map((r) => r.name ?? ''));
      return resources
        .map((r) => this.toComputeStatus(r, jobs, usage))
        .sort((a, b) => a.name.localeCompare(b.name));
    });
  }

  listQuotaUsage(): Promise<QuotaUsage[]> {
    return this.read(`read the compute quota in ${this.lz.location}`, async () => {
      const result: QuotaUsage[] = [];
      try {
        for await (const u of this.ml.usages.list(this.lz.location)) {
          const family = this.dedicatedFamily(u);
          if (!family) continue;
          result.push({ family, used: u.currentValue ?? 0, limit: u.limit ?? 0, unit: 'cores' });
        }
      } catch (error) {
        throw mapAzureError(error, {
          doing: `read the compute quota in ${this.lz.location}`,
          resourceKind: 'location',
          resourceName: this.lz.location,
          requiredAction: perm.usagesRead,
        });
      }
      return result.sort((a, b) => a.family.localeCompare(b.family));
    });
  }

  listFiringAlerts(): Promise<FiringAlert[]> {
    return this.read('list the firing alerts', async () => {
      const ctx: AzureCallContext = {
        doing: 'list the firing alerts',
        resourceKind: 'subscription',
        resourceName: this.lz.subscriptionId,
        requiredAction: perm.alertsRead,
      };
      const alerts: FiringAlert[] = [];
      let next: string | undefined =
        `${this.endpoints.arm}/subscriptions/${this.lz.subscriptionId}/providers/Microsoft.AlertsManagement/alerts` +
        `?api-version=${alertsApiVersion}&targetResourceGroup=${encodeURIComponent(this.lz.resourceGroup)}&monitorCondition=Fired&includeContext=true&timeRange=${alertsTimeRange}`;
      while (next) {
        const page = (await this.send(this.arm, 'GET', next, undefined, ctx)) as {
          value?: AlertResource[];
          nextLink?: string;
        };
        for (const alert of page.value ?? []) {
          const e = alert.properties?.essentials ?? {};
          if (
            (e.alertState ?? '').toLowerCase() === 'closed' ||
            (e.monitorCondition ?? '').toLowerCase() !== 'fired'
          )
            continue;
          alerts.push({
            rule: this.ruleId(e.alertRule ?? alert.name ?? ''),
            resource: e.targetResourceName ?? '',
            severity: alertSeverities[(e.severity ?? '').toLowerCase()] ?? 'informational',
            firedAt: new Date(e.startDateTime ?? this.clock.now()),
            observed: observedValue(alert),
          });
        }
        next = page.nextLink;
      }
      return alerts;
    });
  }

  listSecurityAlerts(options: { sinceHours: number }): Promise<SecurityAlert[]> {
    return this.read('read the security alerts', async () => {
      const rows = await this.query(securityAlertsQuery, options.sinceHours * 60, {
        doing: 'read the security alerts',
        resourceKind: 'Log Analytics workspace',
        resourceName: this.lz.logAnalyticsWorkspaceId,
        requiredAction: perm.securityAlertsQuery,
      });
      return rows.map((r) => ({
        id: str(r.Id),
        title: str(r.Title),
        severity: str(r.Severity) as SecurityAlert['severity'],
        raisedAt: new Date(r.RaisedAt as string),
      }));
    });
  }

  /**
   * The spend of the last day Cost Management has complete, against the average of the days before.
   * Its data lags 8–24 h, so today (and often yesterday) reads low; the last complete day is the one
   * that ended at least 24 h ago, and `spendDay` names it.
   */
  getCostSummary(): Promise<CostSummary> {
    return this.read(`read the cost of ${this.lz.resourceGroup}`, async () => {
      const now = this.clock.now();
      const day = new Date(dayStart(new Date(now.getTime() - costLagMs)).getTime() - 86_400_000);
      const from = new Date(day.getTime() - costLookbackDays * 86_400_000);
      const to = new Date(day.getTime() + 86_400_000 - 1000);
      const body = {
        type: 'ActualCost',
        timeframe: 'Custom',
        timePeriod: { from: from.toISOString(), to: to.toISOString() },
        dataset: { granularity: 'Daily', aggregation: { totalCost: { name: 'Cost', function: 'Sum' } } },
      };
      const result = (await this.armJson(
        'POST',
        `/subscriptions/${this.lz.subscriptionId}/resourceGroups/${this.lz.resourceGroup}/providers/Microsoft.CostManagement/query`,
        costApiVersion,
        body,
        {
          doing: `read the cost of ${this.lz.resourceGroup}`,
          resourceKind: 'resource group',
          resourceName: this.lz.resourceGroup,
          requiredAction: perm.costQueryAction,
        },
      )) as { properties?: { columns?: { name: string }[]; rows?: unknown[][] } };
      const columns = (result.properties?.columns ?? []).map((c) => c.name.toLowerCase());
      const col = (name: string) => columns.indexOf(name);
      const costAt = col('cost') >= 0 ? col('cost') : col('pretaxcost');
      const dayKey = Number(day.toISOString().slice(0, 10).replace(/-/g, ''));
      let daySpend = 0;
      let currency = '';
      const earlier = new Map<number, number>();
      for (const row of result.properties?.rows ?? []) {
        const rowDay = Number(row[col('usagedate')]);
        const cost = Number(row[costAt]) || 0;
        currency ||= str(row[col('currency')]);
        if (rowDay === dayKey) daySpend += cost;
        else if (rowDay < dayKey) earlier.set(rowDay, (earlier.get(rowDay) ?? 0) + cost);
      }
      const total = [...earlier.values()].reduce((s, v) => s + v, 0);
      return {
        currency: currency || 'USD',
        todaySpend: round2(daySpend),
        dailyAverage: round2(earlier.size ? total / earlier.size : 0),
        spendDay: day.toISOString().slice(0, 10),
      };
    });
  }

  listBackups(): Promise<BackupStatus[]> {
    return this.read('read the backup jobs', async () => {
      const rows = await this.query(backupJobsQuery, 7 * 24 * 60, {
        doing: 'read the backup jobs',
        resourceKind: 'Log Analytics workspace',
        resourceName: this.lz.logAnalyticsWorkspaceId,
        requiredAction: perm.backupJobsQuery,
      });
      return rows.map((r) => ({
        item: str(r.Item),
        lastRunAt: new Date(r.LastRunAt as string),
        status: str(r.Status) as BackupStatus['status'],
      }));
    });
  }

  getStorageUsage(): Promise<StorageUsage> {
    return this.read('read the data lake usage', async () => {
      const lake = this.config.components.find((c) => c.kind === 'data-lake');
      if (!lake)
        throw new UserFacingError(ErrorCodes.configMissing, 'The landing-zone config names no data lake.');
      const id = this.resourceId(armTypes['data-lake'], lake.name);
      const now = this.clock.now();
      try {
        const [result] = await this.metrics.queryResources(
          [id],
          ['UsedCapacity'],
          'Microsoft.Storage/storageAccounts',
          {
            startTime: new Date(now.getTime() - 6 * 3_600_000),
            endTime: now,
            interval: 'PT1H',
            aggregation: 'Average',
          },
        );
        const points = (metricNamed(result?.metrics, 'UsedCapacity')?.timeseries ?? []).flatMap(
          (t) => t.data ?? [],
        );
        const latest = points.filter((p) => typeof p.average === 'number').pop();
        return {
          account: lake.name,
          usedTb: round2((latest?.average ?? 0) / 1e12),
          capacityTb: this.storageCapacityTb,
        };
      } catch (error) {
        throw mapAzureError(error, {
          doing: `read the used capacity of ${lake.name}`,
          resourceKind: 'storage account',
          resourceName: lake.name,
          requiredAction: perm.metricsRead,
        });
      }
    });
  }

  /**
   * Read-only checks of permissions no read exercises: reading each Azure OpenAI account, and
   * following a long-running operation (a status or result URL of an operation that does not exist:
   * 404 means the identity may read it, 403 that it may not). Used by `opsbot doctor`.
   */
  permissionProbes(): { name: string; action: string; run: () => Promise<string> }[] {
    const locations = `/subscriptions/${this.lz.subscriptionId}/providers/Microsoft.MachineLearningServices/locations/${this.lz.location}`;
    const operation = (kind: string, action: string) => ({
      name: `follow a change (${kind})`,
      action,
      run: () =>
        this.read(`read ${kind}`, async () => {
          const ctx = {
            doing: `read ${kind}`,
            resourceKind: 'operation',
            resourceName: 'probe',
            requiredAction: action,
          };
          try {
            await this.armJson(
              'GET',
              `${locations}/${kind}/opsbot-doctor-probe`,
              mlApiVersion,
              undefined,
              ctx,
            );
          } catch (error) {
            if (error instanceof NotFoundError) return 'allowed (no such operation, as expected)';
            throw error;
          }
          return 'allowed';
        }),
    });
    const accounts = this.config.components
      .filter((c) => c.kind === 'openai')
      .map((c) => ({
        name: `read the account ${c.name}`,
        action: perm.accountRead,
        run: () =>
          this.read(`read the account ${c.name}`, async () => {
            try {
              const account = await this.cognitive.accounts.get(this.lz.resourceGroup, c.name);
              return `endpoint ${account.properties?.endpoint ?? 'not set'}`;
            } catch (error) {
              throw mapAzureError(
                error,
                this.accountContext(c.name, `read the account ${c.name}`, perm.accountRead),
              );
            }
          }),
      }));
    return [
      ...accounts,
      operation('computeOperationsStatus', perm.computeOperationStatus),
      operation('mfeOperationsStatus', perm.endpointOperationStatus),
      operation('mfeOperationResults', perm.endpointOperationResult),
    ];
  }

  // ---- changes -----------------------------------------------------------------------------

  async setDeploymentInstances(
    endpoint: string,
    deployment: string,
    instances: number,
    options?: ChangeOptions,
  ): Promise<OperationResult> {
    if (!Number.isInteger(instances) || instances < 1) {
      throw new UserFacingError(
        ErrorCodes.invalidArguments,
        `An online deployment needs a whole number of instances, at least 1 (got ${instances}).`,
      );
    }
    const readCtx = this.endpointContext(endpoint, `read the endpoint ${endpoint}`, perm.deploymentRead);
    let known: string[] = [];
    try {
      await this.ml.onlineEndpoints.get(this.lz.resourceGroup, this.lz.workspace, endpoint);
      for await (const d of this.ml.onlineDeployments.list(
        this.lz.resourceGroup,
        this.lz.workspace,
        endpoint,
      )) {
        known.push(d.name ?? '');
      }
    } catch (error) {
      throw mapAzureError(error, readCtx);
    }
    known = known.filter(Boolean).sort();
    if (!known.includes(deployment)) throw new NotFoundError(`deployment of ${endpoint}`, deployment, known);
    const ctx: AzureCallContext = {
      doing: `set deployment ${deployment} of ${endpoint} to ${instances} instances`,
      resourceKind: `deployment of ${endpoint}`,
      resourceName: deployment,
      known,
      requiredAction: perm.deploymentWrite,
    };
    let before: number;
    try {
      const current = await this.ml.onlineDeployments.get(
        this.lz.resourceGroup,
        this.lz.workspace,
        endpoint,
        deployment,
      );
      before = current.sku?.capacity ?? 0;
    } catch (error) {
      throw mapAzureError(error, ctx);
    }
    return this.runLro(
      ctx,
      (opts) =>
        this.ml.onlineDeployments.beginUpdate(
          this.lz.resourceGroup,
          this.lz.workspace,
          endpoint,
          deployment,
          { sku: { capacity: instances } },
          opts,
        ),
      `${endpoint}/${deployment}: ${before} -> ${instances} instances`,
      options,
    );
  }

  async setComputeScale(
    cluster: string,
    scale: { minNodes: number; maxNodes: number },
    options?: ChangeOptions,
  ): Promise<OperationResult> {
    assertValidComputeScale(scale);
    const { minNodes, maxNodes } = scale;
    const ctx = this.computeContext(
      cluster,
      `change the scale settings of ${cluster} to ${minNodes}-${maxNodes} nodes`,
      perm.computeWrite,
    );
    const current = await this.readCompute(cluster, ctx);
    if (current.properties?.computeType !== 'AmlCompute') {
      throw new UserFacingError(
        ErrorCodes.invalidArguments,
        `${cluster} is a compute instance, not a cluster; start or stop it instead of changing its scale settings.`,
      );
    }
    const settings = (
      current.properties as {
        properties?: {
          scaleSettings?: {
            minNodeCount?: number;
            maxNodeCount?: number;
            nodeIdleTimeBeforeScaleDown?: string;
          };
        };
      }
    ).properties?.scaleSettings;
    const summary = `${cluster}: nodes ${settings?.minNodeCount ?? 0}-${settings?.maxNodeCount ?? 0} -> ${minNodes}-${maxNodes}`;
    return this.runLro(
      ctx,
      (opts) =>
        this.ml.computeOperations.beginUpdate(
          this.lz.resourceGroup,
          this.lz.workspace,
          cluster,
          {
            properties: {
              scaleSettings: {
                minNodeCount: minNodes,
                maxNodeCount: maxNodes,
                ...(settings?.nodeIdleTimeBeforeScaleDown
                  ? { nodeIdleTimeBeforeScaleDown: settings.nodeIdleTimeBeforeScaleDown }
                  : {}),
              },
            },
          },
          opts,
        ),
      summary,
      options,
    );
  }

  startComputeInstance(name: string, options?: ChangeOptions): Promise<OperationResult> {
    return this.startOrStop(name, 'start', options);
  }

  stopComputeInstance(name: string, options?: ChangeOptions): Promise<OperationResult> {
    return this.startOrStop(name, 'stop', options);
  }

  async regenerateAccountKey(
    account: string,
    keyName: 'key1' | 'key2',
    useKey: (value: string) => Promise<void>,
  ): Promise<OperationResult> {
    if (keyName !== 'key1' && keyName !== 'key2') {
      throw new UserFacingError(ErrorCodes.invalidArguments, 'The key to regenerate is key1 or key2.');
    }
    const ctx = this.accountContext(
      account,
      `regenerate ${keyName} of ${account}`,
      perm.accountRegenerateKey,
    );
    let value: string | undefined;
    let operationId = '';
    try {
      const keys = await this.cognitive.accounts.regenerateKey(
        this.lz.resourceGroup,
        account,
        keyName === 'key1' ? 'Key1' : 'Key2',
        {
          onResponse: (raw) => {
            operationId = raw.headers.get('x-ms-request-id') ?? '';
          },
        },
      );
      value = keys[keyName];
    } catch (error) {
      throw mapAzureError(error, ctx, false);
    }
    if (!value) {
      throw new UserFacingError(
        ErrorCodes.azureFailed,
        `Azure regenerated ${keyName} of ${account} but did not return it; run the rotation again.`,
      );
    }
    this.logger.info({ account, keyName, operationId }, 'account key regenerated');
    await useKey(value);
    return {
      operationId: operationId || `regenerate-${account}-${keyName}`,
      status: 'succeeded',
      summary: `${keyName} of ${account} was regenerated and handed to the next step; the bot did not keep it.`,
    };
  }

  async setSecret(vault: string, name: string, value: string): Promise<OperationResult> {
    const ctx = this.vaultContext(vault, name, `store a new version of ${name} in ${vault}`, perm.secretSet);
    try {
      const secret = await this.secretClient(vault).setSecret(name, value);
      const version = secret.properties.version ?? '';
      this.logger.info({ vault, secret: name, version }, 'secret version stored');
      return {
        operationId: version,
        status: 'succeeded',
        summary: `A new version of ${name} is stored in ${vault} (version ${version}).`,
      };
    } catch (error) {
      throw mapAzureError(error, ctx, false);
    }
  }

  async verifyAccountKey(account: string, vault: string, secretName: string): Promise<OperationResult> {
    const accountCtx = this.accountContext(account, `read the endpoint of ${account}`, perm.accountRead);
    let endpoint: string | undefined;
    try {
      endpoint = (await this.cognitive.accounts.get(this.lz.resourceGroup, account)).properties?.endpoint;
    } catch (error) {
      throw mapAzureError(error, accountCtx);
    }
    if (!endpoint)
      throw new UserFacingError(
        ErrorCodes.azureFailed,
        `Azure did not say which endpoint ${account} answers on.`,
      );
    let key: string | undefined;
    try {
      key = (await this.secretClient(vault).getSecret(secretName)).value;
    } catch (error) {
      throw mapAzureError(
        error,
        this.vaultContext(vault, secretName, `read ${secretName} from ${vault} to verify it`, perm.secretGet),
        false,
      );
    }
    const url = `${endpoint.replace(/\/?$/, '/')}openai/models?api-version=${openAiDataApiVersion}`;
    const request = createPipelineRequest({
      url,
      method: 'GET',
      headers: createHttpHeaders({ 'api-key': key ?? '' }),
    });
    let response: PipelineResponse;
    try {
      response = await this.plain.sendRequest(request);
    } catch (error) {
      throw mapAzureError(error, { ...accountCtx, doing: `call ${account} with the stored key` }, false);
    }
    const operationId =
      response.headers.get('apim-request-id') ?? response.headers.get('x-request-id') ?? `verify-${account}`;
    if (response.status === 200) {
      return {
        operationId,
        status: 'succeeded',
        summary: `${account} accepts the key stored in ${vault}/${secretName}.`,
      };
    }
    if (response.status === 401 || response.status === 403) {
      return {
        operationId,
        status: 'failed',
        summary: `${account} rejects the key stored in ${vault}/${secretName}.`,
      };
    }
    throw mapAzureError(
      restError(response),
      { ...accountCtx, doing: `call ${account} with the stored key` },
      false,
    );
  }

  // ---- helpers -----------------------------------------------------------------------------

  /**
   * Runs one public read within the read budget, shared by all its requests and retries; a spent
   * budget becomes OPS-406, or OPS-404 when Azure was throttling.
   */
  private async read<T>(doing: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await this.httpClient.withinReadBudget(this.readBudgetInMs, fn);
    } catch (error) {
      if (error instanceof AzureTimeoutError) {
        throw mapAzureError(error, { doing, resourceKind: 'resource', resourceName: '', requiredAction: '' });
      }
      throw error;
    }
  }

  private async startOrStop(
    name: string,
    verb: 'start' | 'stop',
    options?: ChangeOptions,
  ): Promise<OperationResult> {
    const ctx = this.computeContext(
      name,
      `${verb} the compute instance ${name}`,
      verb === 'start' ? perm.computeStart : perm.computeStop,
    );
    const current = await this.readCompute(name, ctx);
    if (current.properties?.computeType !== 'ComputeInstance') {
      throw new UserFacingError(
        ErrorCodes.invalidArguments,
        `${name} is a cluster, not a compute instance; ${verb === 'start' ? 'pre-warm' : 'scale'} it with its scale settings instead.`,
      );
    }
    const before = (current.properties as { properties?: { state?: string } }).properties?.state ?? 'Unknown';
    return this.runLro(
      ctx,
      (opts) =>
        verb === 'start'
          ? this.ml.computeOperations.beginStart(this.lz.resourceGroup, this.lz.workspace, name, opts)
          : this.ml.computeOperations.beginStop(this.lz.resourceGroup, this.lz.workspace, name, opts),
      `${name}: ${before} -> ${verb === 'start' ? 'Running' : 'Stopped'}`,
      options,
    );
  }

  private async readCompute(name: string, ctx: AzureCallContext): Promise<ComputeResource> {
    try {
      return await this.ml.computeOperations.get(this.lz.resourceGroup, this.lz.workspace, name);
    } catch (error) {
      throw mapAzureError(error, ctx);
    }
  }

  /**
   * Starts a long-running operation and waits for it within the budget. Past the budget the answer
   * is `in-progress` and the poller carries on; its end is reported through `onProgress`.
   */
  private async runLro<T>(
    ctx: AzureCallContext,
    begin: (options: {
      updateIntervalInMs?: number;
      onResponse: (raw: {
        status: number;
        request: { method: string };
        headers: { get(name: string): string | undefined };
      }) => void;
    }) => Promise<LroPoller<T>>,
    summary: string,
    options: ChangeOptions | undefined,
  ): Promise<OperationResult> {
    const onProgress = options?.onProgress ?? (() => undefined);
    let operationId = '';
    let poller: LroPoller<T>;
    let accepted = false;
    try {
      poller = await begin({
        updateIntervalInMs: this.pollIntervalInMs,
        onResponse: (raw) => {
          if (raw.request.method !== 'GET' && raw.status < 300) accepted = true;
          if (operationId) return;
          const async = raw.headers.get('azure-asyncoperation') ?? raw.headers.get('location');
          operationId = async ? operationIdFrom(async) : (raw.headers.get('x-ms-request-id') ?? '');
        },
      });
    } catch (error) {
      const mapped = mapAzureError(error, ctx);
      const unfollowed = accepted ? this.unfollowedOperation(mapped, ctx, summary) : undefined;
      if (!unfollowed) throw mapped;
      this.logger.warn({ operationId, action: unfollowed.action }, 'operation accepted but not followed');
      return {
        operationId: operationId || `op-${this.clock.now().getTime()}`,
        status: 'in-progress',
        summary: unfollowed.message,
      };
    }
    operationId ||= `op-${this.clock.now().getTime()}`;
    onProgress(`Azure accepted the request to ${ctx.doing}.`);
    let checks = 0;
    poller.onProgress(() => {
      checks += 1;
      onProgress(`Still working: ${ctx.doing} (check ${checks}).`);
    });
    let answered = false;
    const done = poller.pollUntilDone().then(
      () => {
        if (answered) onProgress(`Done: ${summary}.`);
        return { operationId, status: 'succeeded' as const, summary };
      },
      (error: unknown) => {
        let mapped: unknown = error;
        try {
          mapped = mapAzureError(error, ctx);
        } catch {
          mapped = error;
        }
        const unfollowed = this.unfollowedOperation(mapped, ctx, summary);
        if (unfollowed) {
          this.logger.warn({ operationId, action: unfollowed.action }, 'operation accepted but not followed');
          if (answered) onProgress(unfollowed.message);
          return { operationId, status: 'in-progress' as const, summary: unfollowed.message };
        }
        if (answered) {
          const code = mapped instanceof UserFacingError ? mapped.code : undefined;
          this.logger.warn(
            { operationId, code, err: code ? undefined : error },
            'background operation failed',
          );
          onProgress(
            code
              ? `Failed: ${(mapped as UserFacingError).message}`
              : `Failed: ${ctx.doing} ended with an internal error; the log has the details.`,
          );
        }
        throw mapped;
      },
    );
    const budget = options?.waitBudgetInMs ?? this.waitBudgetInMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), budget);
      timer.unref?.();
    });
    try {
      const outcome = await Promise.race([done, timeout]);
      if (outcome === 'timeout') {
        answered = true;
        done.catch(() => undefined);
        this.logger.info({ operationId }, 'operation continues in the background');
        return { operationId, status: 'in-progress', summary: `${summary} (still running in Azure)` };
      }
      return outcome;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * A 403 while following an operation Azure has accepted: the change goes ahead in Azure, so it is
   * not a failure. The answer says so and names the permission (at subscription scope) that would
   * let the bot follow it.
   */
  private unfollowedOperation(
    mapped: unknown,
    ctx: AzureCallContext,
    summary: string,
  ): { message: string; action: string } | undefined {
    if (!(mapped instanceof UserFacingError) || mapped.code !== ErrorCodes.azureAuthorization)
      return undefined;
    const action = String(mapped.details?.action ?? '');
    const role = roleFor(action);
    return {
      action,
      message:
        `Azure accepted the request (${summary}), but the bot cannot follow the operation: its identity lacks "${action}" ` +
        `at the ${role.scope} ("${role.role}", ${role.file}). Check ${ctx.resourceName} in the portal before trying again.`,
    };
  }

  private async query(kql: KqlQuery, windowMinutes: number, ctx: AzureCallContext): Promise<Row[]> {
    const endTime = this.clock.now();
    const startTime = new Date(endTime.getTime() - windowMinutes * 60_000);
    try {
      const result = await this.logs.queryWorkspace(this.lz.logAnalyticsWorkspaceId, kql.text, {
        startTime,
        endTime,
      });
      const tables: LogsTable[] = result.status === 'Success' ? result.tables : result.partialTables;
      if (result.status !== 'Success') {
        this.logger.warn(
          { query: kql.name, code: result.partialError?.code },
          'log query returned partial results',
        );
      }
      const table = tables[0];
      if (!table) return [];
      const names = table.columnDescriptors.map((c) => c.name ?? '');
      return table.rows.map((row) => Object.fromEntries(names.map((n, i) => [n, row[i]])));
    } catch (error) {
      throw mapAzureError(error, ctx);
    }
  }

  private async endpointMetrics(name: string): Promise<EndpointMetrics> {
    const query = endpointRequestsQuery(name, endpointWindowMinutes, this.endpointRequestsTable);
    const [r] = await this.query(query, endpointWindowMinutes, {
      doing: `read the request metrics of ${name}`,
      resourceKind: 'Log Analytics workspace',
      resourceName: this.lz.logAnalyticsWorkspaceId,
      requiredAction:
        this.endpointRequestsTable === 'AppRequests' ? perm.appRequestsQuery : perm.requestsQuery,
    });
    return {
      windowMinutes: endpointWindowMinutes,
      requestsPerMinute: round2(num(r?.RequestsPerMinute)),
      p95LatencyMs: round2(num(r?.P95LatencyMs)),
      errorRatePercent: round2(num(r?.ErrorRatePercent)),
      availabilityPercent: round2(r ? num(r.AvailabilityPercent) : 100),
      http503Count: Math.round(num(r?.Http503Count)),
    };
  }

  /**
   * Average CPU utilisation per compute over the last hour: the workspace metric
   * `CpuUtilizationPercentage`, split by its `ComputeName` dimension (the metric has no `ClusterName`;
   * Azure answers 400 for a dimension a metric lacks). A split returns 10 series unless `top` says
   * more, so `top` is the number of computes asked about.
   */
  private async utilisation(names: string[]): Promise<Map<string, number>> {
    const result = new Map<string, number>();
    if (names.length === 0) return result;
    const now = this.clock.now();
    const id = this.resourceId(armTypes['ml-workspace'], this.lz.workspace);
    try {
      const [r] = await this.metrics.queryResources([id], [utilisationMetric], armTypes['ml-workspace'], {
        startTime: new Date(now.getTime() - 3_600_000),
        endTime: now,
        interval: 'PT1H',
        aggregation: 'Average',
        filter: `${utilisationDimension} eq '*'`,
        top: Math.max(names.length, 10),
      });
      for (const series of metricNamed(r?.metrics, utilisationMetric)?.timeseries ?? []) {
        const compute = series.metadatavalues?.find(
          (m) => metadataName(m.name) === utilisationDimension.toLowerCase(),
        )?.value;
        const points = (series.data ?? [])
          .map((d) => d.average)
          .filter((v): v is number => typeof v === 'number');
        if (compute && points.length)
          result.set(compute, round2(points.reduce((s, v) => s + v, 0) / points.length));
      }
    } catch (error) {
      throw mapAzureError(error, {
        doing: 'read the compute utilisation metrics',
        resourceKind: 'workspace',
        resourceName: this.lz.workspace,
        requiredAction: perm.metricsRead,
      });
    }
    return result;
  }

  /**
   * The VM family of a regional dedicated-quota row ("Standard DSv2 Family Cluster Dedicated vCPUs"),
   * in the spelling of the config (`standardDSv2Family`) when the config names it. Totals,
   * workspace shares and low-priority rows (whose limit is -1, the regional one) are not families.
   */
  private dedicatedFamily(u: {
    type?: string;
    name?: { value?: string };
    limit?: number;
  }): string | undefined {
    const name = u.name?.value ?? '';
    if (!u.type?.toLowerCase().endsWith('/vmfamily/usages') || (u.limit ?? 0) < 0) return undefined;
    const m = /^(.*?family)\s+cluster\s+dedicated\s+vcpus$/i.exec(name.trim());
    const family = m ? m[1] : name;
    if (!family || /lowpriority/i.test(name)) return undefined;
    const key = familyKey(family);
    const configured = this.config.computes.find((c) => familyKey(c.vmFamily) === key)?.vmFamily;
    if (configured) return configured;
    const words = family.split(/\s+/);
    return [words[0].toLowerCase(), ...words.slice(1)].join('');
  }

  private toComputeStatus(
    resource: ComputeResource,
    jobs: TrainingJob[],
    usage: Map<string, number>,
  ): ComputeStatus {
    const name = resource.name ?? '';
    const configured = this.config.computes.find((c) => c.name === name);
    const runningJobs = jobs.filter((j) => j.compute === name && j.status === 'running').length;
    if (resource.properties?.computeType === 'ComputeInstance') {
      const p =
        (resource.properties as { properties?: { vmSize?: string; state?: string } }).properties ?? {};
      const running = runningInstanceStates.has(p.state ?? '');
      return {
        name,
        kind: 'computeinstance',
        state: p.state ?? 'Unknown',
        vmSize: p.vmSize ?? configured?.vmSize ?? '',
        vmFamily: configured?.vmFamily ?? '',
        currentNodes: running ? 1 : 0,
        minNodes: configured?.minNodes ?? 0,
        maxNodes: configured?.maxNodes ?? 1,
        runningJobs: p.state === 'JobRunning' ? Math.max(1, runningJobs) : runningJobs,
        utilisationPercent: usage.get(name) ?? 0,
      };
    }
    const p =
      (
        resource.properties as {
          properties?: {
            vmSize?: string;
            allocationState?: string;
            currentNodeCount?: number;
            scaleSettings?: { minNodeCount?: number; maxNodeCount?: number };
          };
        }
      ).properties ?? {};
    return {
      name,
      kind: 'amlcompute',
      state: p.allocationState ?? 'Unknown',
      vmSize: p.vmSize ?? configured?.vmSize ?? '',
      vmFamily: configured?.vmFamily ?? '',
      currentNodes: p.currentNodeCount ?? 0,
      minNodes: p.scaleSettings?.minNodeCount ?? 0,
      maxNodes: p.scaleSettings?.maxNodeCount ?? 0,
      runningJobs,
      utilisationPercent: usage.get(name) ?? 0,
    };
  }

  private async armJson(
    method: 'GET' | 'POST',
    path: string,
    apiVersion: string,
    body: unknown,
    ctx: AzureCallContext,
  ): Promise<unknown> {
    return this.send(this.arm, method, `${this.endpoints.arm}${path}?api-version=${apiVersion}`, body, ctx);
  }

  private async send(
    client: ServiceClient,
    method: 'GET' | 'POST',
    url: string,
    body: unknown,
    ctx: AzureCallContext,
  ): Promise<unknown> {
    const request = createPipelineRequest({
      url,
      method,
      headers: createHttpHeaders({
        accept: 'application/json',
        ...(body ? { 'content-type': 'application/json' } : {}),
      }),
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    let response: PipelineResponse;
    try {
      response = await client.sendRequest(request);
    } catch (error) {
      throw mapAzureError(error, ctx);
    }
    if (response.status >= 400) throw mapAzureError(restError(response), ctx);
    return response.bodyAsText ? JSON.parse(response.bodyAsText) : {};
  }

  private secretClient(vault: string): SecretClient {
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

  private resourceId(type: string, name: string): string {
    return `/subscriptions/${this.lz.subscriptionId}/resourceGroups/${this.lz.resourceGroup}/providers/${type}/${name}`;
  }

  private ruleId(alertRule: string): string {
    const last = alertRule.split('/').pop() ?? alertRule;
    const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const rule = this.config.alertRules.find((r) => norm(r.id) === norm(last) || norm(r.name) === norm(last));
    return rule?.id ?? last;
  }

  private endpointContext(name: string, doing: string, requiredAction: string): AzureCallContext {
    return {
      doing,
      resourceKind: 'endpoint',
      resourceName: name,
      known: this.config.endpoints.map((e) => e.name),
      requiredAction,
    };
  }

  private computeContext(name: string, doing: string, requiredAction: string): AzureCallContext {
    return {
      doing,
      resourceKind: 'compute',
      resourceName: name,
      known: this.config.computes.map((c) => c.name),
      requiredAction,
    };
  }

  private accountContext(name: string, doing: string, requiredAction: string): AzureCallContext {
    const known = this.config.components.filter((c) => c.kind === 'openai').map((c) => c.name);
    return { doing, resourceKind: 'Azure OpenAI account', resourceName: name, known, requiredAction };
  }

  private vaultContext(
    vault: string,
    secret: string,
    doing: string,
    requiredAction: string,
  ): AzureCallContext {
    const known = this.config.secrets.filter((s) => s.vault === vault).map((s) => s.name);
    return { doing, resourceKind: `secret in ${vault}`, resourceName: secret, known, requiredAction };
  }
}

/** One alert of the Alerts Management API, as far as the adapter reads it. */
interface AlertResource {
  name?: string;
  properties?: {
    essentials?: {
      alertRule?: string;
      severity?: string;
      monitorCondition?: string;
      alertState?: string;
      targetResourceName?: string;
      startDateTime?: string;
      description?: string;
    };
    context?: { context?: { condition?: { allOf?: { metricName?: string; metricValue?: number }[] } } };
  };
}

function observedValue(alert: AlertResource): string {
  const condition = alert.properties?.context?.context?.condition?.allOf?.[0];
  if (condition?.metricName && typeof condition.metricValue === 'number') {
    return `${condition.metricName} ${Math.round(condition.metricValue * 100) / 100}`;
  }
  return alert.properties?.essentials?.description || 'fired';
}

/**
 * One metric of a batch answer by its REST name. The SDK's `getMetricByName` compares with the
 * metric's display name (`localizedValue`, e.g. "Used capacity" for `UsedCapacity`), so the metric is
 * found by the end of its id, which carries the REST name.
 */
function metricNamed<T extends { id?: string; name?: string }>(
  metrics: T[] | undefined,
  name: string,
): T | undefined {
  const wanted = name.toLowerCase();
  return (metrics ?? []).find(
    (m) =>
      (m.id ?? '').toLowerCase().endsWith(`/metrics/${wanted}`) || (m.name ?? '').toLowerCase() === wanted,
  );
}

/** The SDK types a metadata name as a string but hands over `{ value, localizedValue }`. */
function metadataName(name: unknown): string {
  const text = typeof name === 'string' ? name : (name as { value?: string } | undefined)?.value;
  return (text ?? '').toLowerCase();
}

/** A VM family name compared without case, spaces or punctuation. */
function familyKey(family: string): string {
  return family.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function operationIdFrom(url: string): string {
  try {
    return new URL(url).pathname.split('/').filter(Boolean).pop() ?? url;
  } catch {
    return url;
  }
}

function restError(response: PipelineResponse): RestError {
  let details: unknown;
  try {
    details = response.bodyAsText ? JSON.parse(response.bodyAsText) : undefined;
  } catch {
    details = undefined;
  }
  const inner = (details as { error?: { code?: string; message?: string } } | undefined)?.error;
  const error = new RestError(inner?.message ?? `HTTP ${response.status}`, {
    statusCode: response.status,
    code: inner?.code,
    response,
    request: response.request,
  });
  error.details = details;
  return error;
}

function str(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

function num(value: unknown): number {
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function dayStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}
