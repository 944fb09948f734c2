import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LandingZoneConfig } from '../../core/config/landing-zone.schema';
import type { Clock, ComponentKind, ComputeStatus, LandingZone, QuotaUsage } from '../../core/ports';
import { missingPermission, requiredPermissions, type FakeRoleAssignment } from './azure-reference/fake-rbac';
import { checkKql, KqlError, type KqlShape } from './azure-reference/kql-check';
import { defaultMetricsTop, metricCatalog, type MetricDefinition } from './azure-reference/metric-catalog';

/**
 * A fault on the matching requests, `times` times (default once): an error `status` instead of the
 * real route, a `delayInMs` before answering (then the error, or the real route), or both.
 */
export interface InjectedFault {
  method?: string;
  /** Substring of, or pattern over, the request path (without the query). */
  path: string | RegExp;
  status?: number;
  /** Holds the answer this long; a client that gives up first sees no answer at all. */
  delayInMs?: number;
  times?: number;
  retryAfterSeconds?: number;
  code?: string;
  message?: string;
}

/** Options of the fake ARM/Monitor server. */
export interface FakeArmServerOptions {
  /** The state behind the fake: normally a SimulatedLandingZone. */
  landingZone: LandingZone;
  config: LandingZoneConfig;
  /** The time of Azure, for the data lag of Cost Management. Default the system clock. */
  clock?: Clock;
  /**
   * The bot identity's role assignments. When given, every request needs its action at its scope,
   * and gets Azure's 403 otherwise; when absent, everything is allowed.
   */
  roleAssignments?: FakeRoleAssignment[];
  /**
   * Where the `Location` header of a PATCH points: the operation-result resource under the
   * subscription (`locations/{loc}/mfeOperationResults/{id}`, the default) or the resource itself.
   * Azure's definitions do not say which; the adapter must work with both.
   */
  patchLocation?: 'operation-results' | 'resource';
  /** Polls of the async-operation URL that answer InProgress before the change is applied. Default 1. */
  pollsBeforeDone?: number;
}

/** One request the fake saw, for assertions about what the SDKs sent. */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization?: string;
}

interface Operation {
  id: string;
  pollsLeft: number;
  status: 'InProgress' | 'Succeeded' | 'Failed';
  failure?: { code: string; message: string };
}

type Row = Record<string, unknown>;

const botObjectId = '00000000-0000-0000-0000-00000000b07b';

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const apiVersions: [RegExp, string][] = [
  [/Microsoft\.ResourceHealth\//i, '2022-10-01'],
  [/Microsoft\.MachineLearningServices\//i, '2022-10-01'],
  [/Microsoft\.CognitiveServices\//i, '2025-09-01'],
  [/Microsoft\.AlertsManagement\//i, '2019-05-05-preview'],
  [/Microsoft\.CostManagement\//i, '2023-03-01'],
  [/metrics:getBatch$/i, '2024-02-01'],
  [/^\/keyvault\//, '2025-07-01'],
];

const componentTypes: Record<string, ComponentKind> = {
  'microsoft.machinelearningservices/workspaces': 'ml-workspace',
  'microsoft.cognitiveservices/accounts': 'openai',
  'microsoft.storage/storageaccounts': 'data-lake',
  'microsoft.keyvault/vaults': 'key-vault',
  'microsoft.containerservice/managedclusters': 'aks',
  'microsoft.containerregistry/registries': 'container-registry',
};

/**
 * A local HTTP server that answers the REST calls the Azure SDKs make for the `LandingZone` port
 * (Azure ML, Cognitive Services, Resource Health, Alerts Management, Cost Management, Log Analytics,
 * Monitor metrics, Key Vault, the Azure OpenAI data plane), backed by a landing zone's state —
 * normally the simulator. Changes run as long-running operations (202 + Azure-AsyncOperation and
 * Location, polled to Succeeded or Failed). Faults (429 with Retry-After, 403, 404, 409, 500) are
 * injected per route. Listens on 127.0.0.1 only; URLs it hands out say https, as Azure's do.
 */
export class FakeArmServer {
  readonly requests: SeenRequest[] = [];
  /** The log queries the fake accepted, with what it read from each. */
  readonly queries: { text: string; shape: KqlShape }[] = [];
  private readonly faults: (InjectedFault & { left: number })[] = [];
  private readonly failures: { path: string; code: string; message: string }[] = [];
  private readonly operations = new Map<string, Operation>();
  private readonly secrets = new Map<string, { value: string; version: string }[]>();
  private held = false;
  private readonly delays = new Set<NodeJS.Timeout>();
  private readonly lz: LandingZoneConfig['landingZone'];

  private constructor(
    private readonly server: Server,
    private readonly options: FakeArmServerOptions,
  ) {
    this.lz = options.config.landingZone;
  }

  static async start(options: FakeArmServerOptions): Promise<FakeArmServer> {
    const server = createServer();
    const fake = new FakeArmServer(server, options);
    server.on('request', (req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The https base URL the SDK clients are given (a loopback HttpClient sends it as http). */
  get baseUrl(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  /** Endpoints for `AzureLandingZoneOptions.endpoints`. */
  endpoints(): { arm: string; logs: string; metrics: string; keyVault: string } {
    return {
      arm: this.baseUrl,
      logs: `${this.baseUrl}/v1`,
      metrics: this.baseUrl,
      keyVault: `${this.baseUrl}/keyvault/{vault}`,
    };
  }

  /** Answers the next matching request(s) with an error instead. */
  inject(fault: InjectedFault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
  }

  /** Makes the next long-running operation on a path containing `path` end in Failed. */
  failNextOperation(
    path: string,
    code = 'InternalServerError',
    message = 'The operation failed on the resource provider.',
  ): void {
    this.failures.push({ path, code, message });
  }

  /** Keeps every long-running operation InProgress until `release()`. */
  holdOperations(): void {
    this.held = true;
  }

  release(): void {
    this.held = false;
  }

  close(): Promise<void> {
    for (const timer of this.delays) clearTimeout(timer);
    this.delays.clear();
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  // ---- dispatch ------------------------------------------------------------------------------

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.delays.delete(timer);
        resolve();
      }, ms);
      this.delays.add(timer);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    this.requests.push({ method, path, query: url.searchParams, authorization: req.headers.authorization });
    try {
      const fault = this.faults.find(
        (f) => f.left > 0 && (!f.method || f.method === method) && matches(f.path, path),
      );
      if (fault) fault.left -= 1;
      if (fault?.delayInMs) {
        await this.pause(fault.delayInMs);
        if (res.destroyed) return;
      }
      if (fault?.status !== undefined) {
        const headers: Record<string, string> =
          fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
        return send(
          res,
          fault.status,
          {
            error: {
              code: fault.code ?? defaultCode(fault.status),
              message: fault.message ?? defaultMessage(fault.status, path),
            },
          },
          headers,
        );
      }
      if (path.startsWith('/aoai/')) return await this.openAiDataPlane(req, res, path);
      if (!/^Bearer \S+/.test(req.headers.authorization ?? '')) {
        if (path.startsWith('/keyvault/')) {
          return send(
            res,
            401,
            { error: { code: 'Unauthorized', message: 'AKV10000: Request is missing a Bearer token.' } },
            {
              'www-authenticate':
                'Bearer authorization="https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000", resource="https://vault.azure.net"',
            },
          );
        }
        throw new HttpFailure(
          401,
          'AuthenticationFailed',
          'Authentication failed: the Authorization header is missing.',
        );
      }
      const expected = apiVersions.find(([pattern]) => pattern.test(path))?.[1];
      const version = url.searchParams.get('api-version');
      if (expected && !version) {
        throw new HttpFailure(
          400,
          'MissingApiVersionParameter',
          'The api-version query parameter (?api-version=) is required for all requests.',
        );
      }
      if (expected && version !== expected) {
        throw new HttpFailure(
          400,
          'InvalidApiVersionParameter',
          `The api-version '${version}' is not supported here; expected '${expected}'.`,
        );
      }
      if (this.options.roleAssignments) {
        const needed = requiredPermissions(method, path, body, this.options.config);
        const missing = missingPermission(needed, this.options.roleAssignments);
        if (missing?.deniedStatus === 401) {
          // The reference documents the status, not the text: the message names no action.
          throw new HttpFailure(
            401,
            'Unauthorized',
            `The client '${botObjectId}' is not authorized to read metrics at ${missing.scope}.`,
          );
        }
        if (missing) {
          throw new HttpFailure(
            403,
            missing.data ? 'Forbidden' : 'AuthorizationFailed',
            `The client '${botObjectId}' with object id '${botObjectId}' does not have authorization to perform ${missing.data ? 'data action' : 'action'} '${missing.action}' over scope '${missing.scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
          );
        }
      }
      const result = await this.route(method, path, url, body);
      return send(res, result.status ?? 200, result.body, result.headers);
    } catch (error) {
      if (error instanceof HttpFailure)
        return send(res, error.status, { error: { code: error.code, message: error.message } });
      const known = error as { code?: string; message?: string; resourceName?: string };
      if (known.code === 'OPS-401')
        return send(res, 404, { error: { code: 'ResourceNotFound', message: known.message } });
      if (known.code === 'OPS-202')
        return send(res, 400, { error: { code: 'BadRequest', message: known.message } });
      if (known.code === 'OPS-403')
        return send(res, 409, { error: { code: 'Conflict', message: known.message } });
      if (known.code === 'OPS-406')
        return send(res, 503, { error: { code: 'ServiceUnavailable', message: known.message } });
      return send(res, 500, { error: { code: 'InternalServerError', message: String(known.message) } });
    }
  }

  private async route(
    method: string,
    path: string,
    url: URL,
    body: string,
  ): Promise<{ status?: number; body?: unknown; headers?: Record<string, string> }> {
    const sub = `/subscriptions/${this.lz.subscriptionId}`;
    const rg = `${sub}/resourceGroups/${this.lz.resourceGroup}`;
    const ws = `${rg}/providers/Microsoft.MachineLearningServices/workspaces/${this.lz.workspace}`;
    const locations = `${sub}/providers/Microsoft.MachineLearningServices/locations/${this.lz.location}`;
    const lz = this.options.landingZone;
    let m: RegExpExecArray | null;

    if (method === 'GET' && path === `${ws}/computes`) {
      return { body: { value: (await lz.listComputes()).map((c) => this.computeJson(c)) } };
    }
    if ((m = new RegExp(`^${esc(ws)}/computes/([^/]+)$`).exec(path))) {
      const name = decodeURIComponent(m[1]);
      const compute = await lz.getCompute(name);
      if (method === 'GET') return { body: this.computeJson(compute) };
      if (method === 'PATCH') {
        const scale = (
          JSON.parse(body) as {
            properties?: { properties?: { scaleSettings?: { minNodeCount?: number; maxNodeCount: number } } };
          }
        ).properties?.properties?.scaleSettings;
        if (!scale)
          throw new HttpFailure(400, 'BadRequest', 'properties.properties.scaleSettings is required.');
        return this.startOperation('compute', path, true, async () => {
          await lz.setComputeScale(name, { minNodes: scale.minNodeCount ?? 0, maxNodes: scale.maxNodeCount });
        });
      }
    }
    if (method === 'POST' && (m = new RegExp(`^${esc(ws)}/computes/([^/]+)/(start|stop)$`).exec(path))) {
      const name = decodeURIComponent(m[1]);
      await lz.getCompute(name);
      const verb = m[2];
      return this.startOperation('compute', path, false, async () => {
        if (verb === 'start') await lz.startComputeInstance(name);
        else await lz.stopComputeInstance(name);
      });
    }
    if (method === 'GET' && (m = new RegExp(`^${esc(ws)}/onlineEndpoints/([^/]+)$`).exec(path))) {
      const e = await lz.getEndpoint(decodeURIComponent(m[1]));
      return {
        body: {
          id: path,
          name: e.name,
          type: 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints',
          location: this.lz.location,
          properties: {
            authMode: 'Key',
            provisioningState: e.state,
            scoringUri: e.scoringUri,
            traffic: Object.fromEntries(e.deployments.map((d) => [d.name, d.trafficPercent])),
          },
        },
      };
    }
    if ((m = new RegExp(`^${esc(ws)}/onlineEndpoints/([^/]+)/deployments(?:/([^/]+))?$`).exec(path))) {
      const endpointName = decodeURIComponent(m[1]);
      const e = await lz.getEndpoint(endpointName);
      const toJson = (d: (typeof e.deployments)[number]) => ({
        id: `${ws}/onlineEndpoints/${e.name}/deployments/${d.name}`,
        name: d.name,
        type: 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments',
        location: this.lz.location,
        sku: { name: 'Default', capacity: d.instanceCount },
        properties: { endpointComputeType: 'Managed', provisioningState: d.state, instanceType: d.vmSize },
      });
      if (!m[2] && method === 'GET') return { body: { value: e.deployments.map(toJson) } };
      const name = decodeURIComponent(m[2] ?? '');
      const deployment = e.deployments.find((d) => d.name === name);
      if (!deployment)
        throw new HttpFailure(
          404,
          'ResourceNotFound',
          `Deployment ${name} of ${endpointName} was not found.`,
        );
      if (method === 'GET') return { body: toJson(deployment) };
      if (method === 'PATCH') {
        const capacity = (JSON.parse(body) as { sku?: { capacity?: number } }).sku?.capacity;
        if (typeof capacity !== 'number')
          throw new HttpFailure(400, 'BadRequest', 'sku.capacity is required.');
        return this.startOperation('mfe', path, true, async () => {
          await lz.setDeploymentInstances(endpointName, name, capacity);
        });
      }
    }
    if (method === 'GET' && path === `${locations}/usages`) {
      return { body: { value: usageRows(sub, rg, this.lz.workspace, await lz.listQuotaUsage()) } };
    }
    if (
      method === 'GET' &&
      (m = new RegExp(
        `^${esc(locations)}/(computeOperationsStatus|mfeOperationsStatus|mfeOperationResults)/([^/]+)$`,
        'i',
      ).exec(path))
    ) {
      return this.pollOperation(m[2], /status$/i.test(m[1]));
    }
    if (
      method === 'GET' &&
      (m = new RegExp(
        `^${esc(rg)}/providers/([^/]+/[^/]+)/([^/]+)/providers/Microsoft\\.ResourceHealth/availabilityStatuses/current$`,
        'i',
      ).exec(path))
    ) {
      const kind = componentTypes[m[1].toLowerCase()];
      const health = (await lz.getComponentHealth()).find((h) => h.resource === m![2] && h.kind === kind);
      if (!health) throw new HttpFailure(404, 'ResourceNotFound', `The resource ${m[2]} was not found.`);
      const state = {
        available: 'Available',
        degraded: 'Degraded',
        unavailable: 'Unavailable',
        unknown: 'Unknown',
      }[health.state];
      return {
        body: {
          id: path,
          name: 'current',
          type: 'Microsoft.ResourceHealth/AvailabilityStatuses',
          properties: {
            availabilityState: state,
            summary: health.detail ?? 'There are no known problems.',
            reportedTime: health.checkedAt.toISOString(),
          },
        },
      };
    }
    if (method === 'GET' && path === `${sub}/providers/Microsoft.AlertsManagement/alerts`) {
      const severity = { critical: 'Sev0', error: 'Sev1', warning: 'Sev2', informational: 'Sev3' } as const;
      const since = this.now() - alertTimeRange(url.searchParams);
      const alerts = (await lz.listFiringAlerts()).filter((a) => a.firedAt.getTime() >= since);
      return {
        body: {
          value: alerts.map((a) => ({
            id: `${sub}/providers/Microsoft.AlertsManagement/alerts/${randomUUID()}`,
            name: a.rule,
            properties: {
              essentials: {
                alertRule: `${rg}/providers/microsoft.insights/metricAlerts/${a.rule}`,
                severity: severity[a.severity],
                monitorCondition: 'Fired',
                alertState: 'New',
                targetResourceName: a.resource,
                startDateTime: a.firedAt.toISOString(),
                description: a.observed,
              },
            },
          })),
        },
      };
    }
    if (method === 'POST' && path === `${rg}/providers/Microsoft.CostManagement/query`) {
      return { body: await this.costJson(body) };
    }
    if (
      (m = new RegExp(
        `^${esc(rg)}/providers/Microsoft\\.CognitiveServices/accounts/([^/]+)(/regenerateKey)?$`,
      ).exec(path))
    ) {
      const account = decodeURIComponent(m[1]);
      if (!this.options.config.components.some((c) => c.kind === 'openai' && c.name === account)) {
        throw new HttpFailure(
          404,
          'ResourceNotFound',
          `The Resource 'Microsoft.CognitiveServices/accounts/${account}' was not found.`,
        );
      }
      if (method === 'GET' && !m[2]) {
        return {
          body: {
            id: path,
            name: account,
            kind: 'OpenAI',
            properties: { endpoint: `${this.baseUrl}/aoai/${account}/`, provisioningState: 'Succeeded' },
          },
        };
      }
      if (method === 'POST' && m[2]) {
        const keyName = ((JSON.parse(body || '{}') as { keyName?: string }).keyName ?? '').toLowerCase() as
          | 'key1'
          | 'key2';
        if (keyName !== 'key1' && keyName !== 'key2')
          throw new HttpFailure(400, 'InvalidKeyName', 'keyName must be Key1 or Key2.');
        const keys = { key1: '', key2: '' };
        await lz.regenerateAccountKey(account, keyName, async (value) => {
          keys[keyName] = value;
        });
        return { body: keys, headers: { 'x-ms-request-id': randomUUID() } };
      }
    }
    if (method === 'POST' && (m = /^\/v1\/workspaces\/([^/]+)\/query$/.exec(path))) {
      if (m[1] !== this.lz.logAnalyticsWorkspaceId)
        throw new HttpFailure(404, 'WorkspaceNotFoundError', `Workspace ${m[1]} was not found.`);
      return { body: await this.logsJson(JSON.parse(body) as { query: string; timespan?: string }) };
    }
    if (method === 'POST' && path === `${sub}/metrics:getBatch`) {
      return { body: await this.metricsJson(url, JSON.parse(body) as { resourceids: string[] }) };
    }
    if ((m = /^\/keyvault\/([^/]+)\/secrets\/([^/]+)\/?([^/]*)$/.exec(path))) {
      return this.keyVault(method, decodeURIComponent(m[1]), decodeURIComponent(m[2]), body);
    }
    throw new HttpFailure(404, 'NoRouteFound', `The fake has no route for ${method} ${path}.`);
  }

  private now(): number {
    return (this.options.clock?.now() ?? new Date()).getTime();
  }

  // ---- long-running operations ---------------------------------------------------------------

  /**
   * Starts a long-running operation. The change is made at once (so a refusal such as a quota
   * conflict comes back as the initial 4xx, as in Azure) unless a failure is queued for the path;
   * the polls then report InProgress before Succeeded or Failed.
   */
  private async startOperation(
    kind: 'compute' | 'mfe',
    path: string,
    patch: boolean,
    apply: () => Promise<void>,
  ) {
    const id = randomUUID();
    const failureAt = this.failures.findIndex((f) => path.includes(f.path));
    const failure = failureAt >= 0 ? this.failures.splice(failureAt, 1)[0] : undefined;
    if (!failure) await apply();
    this.operations.set(id, {
      id,
      pollsLeft: this.options.pollsBeforeDone ?? 1,
      status: 'InProgress',
      failure,
    });
    const base = `${this.baseUrl}/subscriptions/${this.lz.subscriptionId}/providers/Microsoft.MachineLearningServices/locations/${this.lz.location}`;
    const version = 'api-version=2022-10-01';
    const status = `${base}/${kind}OperationsStatus/${id}?${version}`;
    const result =
      kind === 'mfe' && patch && this.options.patchLocation !== 'resource'
        ? `${base}/mfeOperationResults/${id}?${version}`
        : patch && this.options.patchLocation === 'resource'
          ? `${this.baseUrl}${path}?${version}`
          : status;
    return {
      status: 202,
      body: undefined,
      headers: { 'azure-asyncoperation': status, location: result, 'x-ms-request-id': id },
    };
  }

  private async pollOperation(id: string, statusUrl: boolean) {
    const op = this.operations.get(id);
    if (!op) throw new HttpFailure(404, 'OperationNotFound', `Operation ${id} was not found.`);
    if (op.status === 'InProgress' && !this.held) {
      if (op.pollsLeft > 0) op.pollsLeft -= 1;
      else op.status = op.failure ? 'Failed' : 'Succeeded';
    }
    if (!statusUrl) return op.status === 'InProgress' ? { status: 202 } : { status: 200, body: {} };
    return {
      body: {
        id,
        name: id,
        status: op.status,
        ...(op.status === 'Failed' && op.failure
          ? { error: { code: op.failure.code, message: op.failure.message } }
          : {}),
      },
    };
  }

  // ---- bodies from the landing zone's state ----------------------------------------------------

  private computeJson(c: ComputeStatus) {
    const id = `/subscriptions/${this.lz.subscriptionId}/resourceGroups/${this.lz.resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${this.lz.workspace}/computes/${c.name}`;
    const inner =
      c.kind === 'computeinstance'
        ? {
            computeType: 'ComputeInstance',
            provisioningState: 'Succeeded',
            // A compute instance that runs a job reports JobRunning, not Running.
            properties: {
              vmSize: c.vmSize,
              state: c.state === 'Running' && c.runningJobs > 0 ? 'JobRunning' : c.state,
            },
          }
        : {
            computeType: 'AmlCompute',
            provisioningState: 'Succeeded',
            properties: {
              vmSize: c.vmSize,
              allocationState: c.state,
              currentNodeCount: c.currentNodes,
              targetNodeCount: c.currentNodes,
              scaleSettings: {
                minNodeCount: c.minNodes,
                maxNodeCount: c.maxNodes,
                nodeIdleTimeBeforeScaleDown: 'PT120S',
              },
            },
          };
    return {
      id,
      name: c.name,
      type: 'Microsoft.MachineLearningServices/workspaces/computes',
      location: this.lz.location,
      properties: inner,
    };
  }

  /**
   * The Cost Management query with Azure's data lag: a day's row holds only the usage up to 24 h
   * ago, so today reads near zero and yesterday partly. The last complete day carries the landing
   * zone's current spend, the days before it the daily average.
   */
  private async costJson(body: string) {
    const request = JSON.parse(body) as { timeframe?: string; timePeriod?: { from: string; to: string } };
    if (request.timeframe === 'Custom' && !request.timePeriod)
      throw new HttpFailure(400, 'BadRequest', 'timePeriod is required for a Custom timeframe.');
    if (!request.timePeriod) throw new HttpFailure(400, 'BadRequest', 'The fake needs a timePeriod.');
    const cost = await this.options.landingZone.getCostSummary();
    const known = this.now() - 24 * 3_600_000;
    const day = 86_400_000;
    const lastComplete = Math.floor(known / day) * day - day;
    const to = new Date(request.timePeriod.to).getTime();
    const rows: unknown[][] = [];
    for (let d = Math.floor(new Date(request.timePeriod.from).getTime() / day) * day; d <= to; d += day) {
      const key = Number(new Date(d).toISOString().slice(0, 10).replace(/-/g, ''));
      const share = Math.min(1, Math.max(0, (known - d) / day));
      const spend = d === lastComplete ? cost.todaySpend : cost.dailyAverage * share;
      rows.push([Math.round(spend * 100) / 100, key, cost.currency]);
    }
    return {
      properties: {
        columns: [
          { name: 'Cost', type: 'Number' },
          { name: 'UsageDate', type: 'Number' },
          { name: 'Currency', type: 'String' },
        ],
        rows,
      },
    };
  }

  /**
   * The Log Analytics query API. The text is checked against the table reference (tables, columns);
   * the fake cannot run KQL, so it knows the query by its first line and answers, from the landing
   * zone's state, the columns of the query's last `project` — a column copied from a source column
   * gets that column's value, one the fake has no value for is null.
   */
  private async logsJson(request: { query: string; timespan?: string }) {
    let shape: KqlShape;
    try {
      shape = checkKql(request.query);
    } catch (error) {
      if (error instanceof KqlError)
        throw new HttpFailure(400, 'BadArgumentError', `${error.code}: ${error.message}`);
      throw error;
    }
    this.queries.push({ text: request.query, shape });
    const name = /^\/\/ opsbot-query: ([a-z-]+)/.exec(request.query)?.[1];
    const [start, end] = (request.timespan ?? '').split('/').map((s) => new Date(s));
    if (!start || !end || Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) {
      throw new HttpFailure(400, 'BadArgumentError', 'The fake needs a start/end timespan.');
    }
    const hours = (end.getTime() - start.getTime()) / 3_600_000;
    const records = await this.logRecords(name, request.query, hours);
    const columns = shape.output;
    const value = (r: Row, c: { name: string; source?: string }) => {
      const v = c.name in r ? r[c.name] : c.source && c.source in r ? r[c.source] : null;
      return v instanceof Date ? v.toISOString() : (v ?? null);
    };
    const type = (c: { name: string; source?: string }) => {
      const sample = records
        .map((r) => (c.name in r ? r[c.name] : c.source ? r[c.source] : undefined))
        .find((v) => v !== undefined && v !== null);
      return sample instanceof Date ? 'datetime' : typeof sample === 'number' ? 'real' : 'string';
    };
    return {
      tables: [
        {
          name: 'PrimaryResult',
          columns: columns.map((c) => ({ name: c.name, type: type(c) })),
          rows: records.map((r) => columns.map((c) => value(r, c))),
        },
      ],
    };
  }

  /** What the landing zone's state says for one of the adapter's queries: output and source columns by name. */
  private async logRecords(name: string | undefined, query: string, hours: number): Promise<Row[]> {
    const lz = this.options.landingZone;
    switch (name) {
      case 'training-jobs':
        return (await lz.listTrainingJobs({ sinceHours: hours })).map((j) => ({
          JobId: j.id,
          JobName: j.displayName,
          DisplayName: j.displayName,
          ClusterName: j.compute,
          Compute: j.compute,
          ExperimentName: `${j.displayName}-experiment`,
          Status: j.status,
          StartedAt: j.startedAt,
          EndedAt: j.endedAt ?? null,
          FailureReason: j.failureReason ?? '',
          JobErrorMessage: j.failureReason ?? '',
        }));
      case 'endpoint-requests': {
        const endpoint = /let endpointName = "([^"]+)";/.exec(query)?.[1] ?? '';
        let metrics;
        try {
          metrics = (await lz.getEndpoint(endpoint)).metrics;
        } catch {
          return [];
        }
        return [
          {
            RequestsPerMinute: metrics.requestsPerMinute,
            P95LatencyMs: metrics.p95LatencyMs,
            ErrorRatePercent: metrics.errorRatePercent,
            AvailabilityPercent: metrics.availabilityPercent,
            Http503Count: metrics.http503Count,
          },
        ];
      }
      case 'security-alerts':
        return (await lz.listSecurityAlerts({ sinceHours: hours })).map((a) => ({
          Id: a.id,
          SystemAlertId: a.id,
          Title: a.title,
          AlertName: a.title,
          Severity: a.severity,
          RaisedAt: a.raisedAt,
        }));
      case 'backup-jobs':
        return (await lz.listBackups()).map((b) => ({
          Item: b.item,
          BackupItemFriendlyName: b.item,
          LastRunAt: b.lastRunAt,
          JobStartDateTime: b.lastRunAt,
          Status: b.status,
        }));
      default:
        throw new HttpFailure(
          400,
          'SemanticError',
          `The fake does not know the query "${name ?? query.slice(0, 40)}".`,
        );
    }
  }

  /**
   * The metrics batch API, checked against the supported-metrics reference: the namespace and metric
   * names must exist, every dimension of the filter must belong to the metric, the resources must be
   * of the namespace's type, and a split returns at most `top` series (10 when not given).
   */
  private async metricsJson(url: URL, body: { resourceids?: string[] }) {
    const q = url.searchParams;
    const namespace = q.get('metricnamespace') ?? '';
    if (!namespace)
      throw new HttpFailure(400, 'BadRequest', 'The metricnamespace query parameter is required.');
    const definitions = metricCatalog[namespace.toLowerCase()];
    if (!definitions)
      throw new HttpFailure(400, 'BadRequest', `The metric namespace ${namespace} is not supported.`);
    const names = (q.get('metricnames') ?? '').split(',').filter(Boolean);
    if (names.length === 0)
      throw new HttpFailure(400, 'BadRequest', 'The metricnames query parameter is required.');
    const filter = parseMetricFilter(q.get('filter') ?? '');
    const top = Number(q.get('top') ?? defaultMetricsTop);
    const start = q.get('starttime') ?? '';
    const end = q.get('endtime') ?? '';
    const metrics = names.map((name) => {
      const definition = definitions.find((d) => d.name.toLowerCase() === name.toLowerCase());
      if (!definition)
        throw new HttpFailure(
          400,
          'BadRequest',
          `Failed to find metric configuration for provider: ${namespace}, metric: ${name}. Valid metrics: ${definitions.map((d) => d.name).join(',')}`,
        );
      const unknown = filter.filter(
        (f) => !definition.dimensions.some((d) => d.toLowerCase() === f.dimension.toLowerCase()),
      );
      if (unknown.length)
        throw new HttpFailure(
          400,
          'BadRequest',
          `Metric: ${definition.name} does not support requested dimension combination: ${filter.map((f) => f.dimension.toLowerCase()).join(',')}, supported ones are: ${definition.dimensions.join(',')}`,
        );
      return definition;
    });
    const resourceids = body.resourceids ?? [];
    if (resourceids.length === 0) throw new HttpFailure(400, 'BadRequest', 'resourceids must not be empty.');
    const values = [];
    for (const resourceid of resourceids) {
      if (!resourceid.toLowerCase().includes(`/providers/${namespace.toLowerCase()}/`))
        throw new HttpFailure(
          400,
          'BadRequest',
          `The resource ${resourceid} is not of the metric namespace ${namespace}.`,
        );
      const value = [];
      for (const definition of metrics) {
        let timeseries = await this.metricSeries(definition, filter, start);
        if (filter.length) timeseries = timeseries.slice(0, top);
        value.push({
          id: `${resourceid}/providers/Microsoft.Insights/metrics/${definition.name}`,
          type: 'Microsoft.Insights/metrics',
          name: { value: definition.name, localizedValue: definition.localizedName },
          unit: definition.unit,
          timeseries,
          errorCode: 'Success',
        });
      }
      values.push({
        starttime: start,
        endtime: end,
        interval: q.get('interval') ?? 'PT1M',
        namespace,
        resourceregion: this.lz.location,
        resourceid,
        value,
      });
    }
    return { values };
  }

  /** The time series of one metric from the landing zone's state, split by the filter's dimensions. */
  private async metricSeries(definition: MetricDefinition, filter: MetricFilter[], start: string) {
    const lz = this.options.landingZone;
    if (definition.name === 'UsedCapacity') {
      const usage = await lz.getStorageUsage();
      return [{ metadatavalues: [], data: [{ timeStamp: start, average: usage.usedTb * 1e12 }] }];
    }
    const perCompute: Record<string, (c: ComputeStatus) => boolean> = {
      CpuUtilizationPercentage: () => true,
      CpuUtilization: (c) => c.kind === 'amlcompute',
    };
    const include = perCompute[definition.name];
    if (!include) return [];
    const computes = (await lz.listComputes()).filter(include);
    const split = filter.find((f) => /^(computename|clustername)$/i.test(f.dimension));
    if (!split) {
      const average = computes.reduce((s, c) => s + c.utilisationPercent, 0) / Math.max(1, computes.length);
      return [{ metadatavalues: [], data: [{ timeStamp: start, average }] }];
    }
    const dimension = split.dimension.toLowerCase();
    return computes
      .filter((c) => split.values.includes('*') || split.values.includes(c.name))
      .map((c) => ({
        metadatavalues: [{ name: { value: dimension, localizedValue: dimension }, value: c.name }],
        data: [{ timeStamp: start, average: c.utilisationPercent }],
      }));
  }

  private async keyVault(method: string, vault: string, name: string, body: string) {
    if (!this.options.config.components.some((c) => c.kind === 'key-vault' && c.name === vault)) {
      throw new HttpFailure(404, 'VaultNotFound', `Vault ${vault} was not found.`);
    }
    const key = `${vault}/${name}`;
    const idBase = `https://${vault}.vault.azure.net/secrets/${name}`;
    if (method === 'PUT') {
      const value = (JSON.parse(body) as { value?: string }).value;
      if (typeof value !== 'string') throw new HttpFailure(400, 'BadParameter', 'value is required.');
      await this.options.landingZone.setSecret(vault, name, value);
      const version = randomUUID().replace(/-/g, '');
      this.secrets.set(key, [...(this.secrets.get(key) ?? []), { value, version }]);
      return { body: { id: `${idBase}/${version}`, attributes: { enabled: true } } };
    }
    if (method === 'GET') {
      const latest = this.secrets.get(key)?.at(-1);
      if (!latest)
        throw new HttpFailure(
          404,
          'SecretNotFound',
          `A secret with (name/id) ${name} was not found in this key vault.`,
        );
      return {
        body: { id: `${idBase}/${latest.version}`, value: latest.value, attributes: { enabled: true } },
      };
    }
    throw new HttpFailure(405, 'MethodNotAllowed', `${method} is not supported on secrets.`);
  }

  /** The Azure OpenAI data plane: the key is checked by the landing zone's own verification. */
  private async openAiDataPlane(req: IncomingMessage, res: ServerResponse, path: string) {
    const m = /^\/aoai\/([^/]+)\/openai\/models$/.exec(path);
    if (!m) return send(res, 404, { error: { code: '404', message: 'Resource not found' } });
    const account = decodeURIComponent(m[1]);
    const given = req.headers['api-key'];
    const holder = [...this.secrets].find(([, versions]) => versions.at(-1)?.value === given)?.[0];
    const denied = () =>
      send(res, 401, {
        error: {
          code: '401',
          message: 'Access denied due to invalid subscription key or wrong API endpoint.',
        },
      });
    if (!given || !holder) return denied();
    const [vault, secret] = holder.split('/');
    try {
      const verdict = await this.options.landingZone.verifyAccountKey(account, vault, secret);
      if (verdict.status !== 'succeeded') return denied();
    } catch (error) {
      const code = (error as { code?: string }).code;
      return send(res, code === 'OPS-406' ? 503 : 500, {
        error: { code: 'ServiceUnavailable', message: 'The account cannot be reached.' },
      });
    }
    return send(res, 200, { data: [{ id: 'gpt-4', object: 'model' }] }, { 'apim-request-id': randomUUID() });
  }
}

const alertTimeRanges: Record<string, number> = {
  '1h': 3_600_000,
  '1d': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
};

/**
 * The window of the Alerts Management list: `timeRange` (1h, 1d, 7d, 30d; default 1d) or
 * `customTimeRange`, never both; anything else is refused as Azure refuses it.
 */
function alertTimeRange(query: URLSearchParams): number {
  const range = query.get('timeRange');
  if (range && query.get('customTimeRange'))
    throw new HttpFailure(400, 'BadRequest', 'Either timeRange or customTimeRange can be used, not both.');
  if (range === null) return alertTimeRanges['1d'];
  const window = alertTimeRanges[range];
  if (!window)
    throw new HttpFailure(
      400,
      'BadRequest',
      `Invalid value '${range}' for timeRange; allowed values are ${Object.keys(alertTimeRanges).join(', ')}.`,
    );
  return window;
}

/**
 * The rows of the ML usages list as Azure answers them: regional totals, one dedicated and one
 * low-priority row per VM family named "Standard X Family Cluster Dedicated vCPUs" (the low-priority
 * one without its own limit, `-1`), and the workspace's share of each family.
 */
function usageRows(sub: string, rg: string, workspace: string, usages: QuotaUsage[]): unknown[] {
  const row = (id: string, type: string, name: string, currentValue: number, limit: number) => ({
    id,
    type: `Microsoft.MachineLearningServices/${type}`,
    unit: 'Count',
    currentValue,
    limit,
    name: { value: name, localizedValue: name },
  });
  const used = usages.reduce((s, u) => s + u.used, 0);
  const limit = usages.reduce((s, u) => s + u.limit, 0);
  const rows = [
    row(`${sub}/usages`, 'totalCores/usages', 'Clusters', usages.length, 200),
    row(`${sub}/usages`, 'dedicatedCores/usages', 'Total Cluster Dedicated Regional vCPUs', used, limit),
    row(`${sub}/usages`, 'lowPriorityCores/usages', 'Total Cluster LowPriority Regional vCPUs', 0, 100),
  ];
  for (const u of usages) {
    const family = u.family.replace(/^standard/i, '').replace(/Family$/i, '');
    for (const tier of ['Dedicated', 'LowPriority'] as const) {
      const name = `Standard ${family} Family Cluster ${tier} vCPUs`;
      const key = name.replace(/ /g, '_');
      const dedicated = tier === 'Dedicated';
      rows.push(
        row(
          `${sub}/usages/${key}`,
          'vmFamily/usages',
          name,
          dedicated ? u.used : 0,
          dedicated ? u.limit : -1,
        ),
      );
      rows.push(
        row(
          `${rg}/providers/Microsoft.MachineLearningServices/workspaces/${workspace}/usages/${key}`,
          'workspaces/usages',
          name,
          dedicated ? u.used : 0,
          dedicated ? u.limit : -1,
        ),
      );
    }
  }
  return rows;
}

/** One dimension of a metrics filter and the values asked for (`*` for every value). */
interface MetricFilter {
  dimension: string;
  values: string[];
}

function parseMetricFilter(filter: string): MetricFilter[] {
  const result: MetricFilter[] = [];
  for (const m of filter.matchAll(/([A-Za-z][\w ]*?)\s+eq\s+'([^']*)'/g)) {
    const dimension = m[1].trim().replace(/^(and|or)\s+/i, '');
    const existing = result.find((f) => f.dimension.toLowerCase() === dimension.toLowerCase());
    if (existing) existing.values.push(m[2]);
    else result.push({ dimension, values: [m[2]] });
  }
  return result;
}

function matches(pattern: string | RegExp, path: string): boolean {
  return typeof pattern === 'string' ? path.includes(pattern) : pattern.test(path);
}

function esc(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'x-ms-request-id': randomUUID(),
    ...headers,
  });
  res.end(text);
}

function defaultCode(status: number): string {
  return (
    {
      403: 'AuthorizationFailed',
      404: 'ResourceNotFound',
      409: 'Conflict',
      429: 'TooManyRequests',
      500: 'InternalServerError',
      503: 'ServiceUnavailable',
    }[status] ?? 'Error'
  );
}

function defaultMessage(status: number, path: string): string {
  if (status === 403) {
    const action = /\/onlineEndpoints\/[^/]+\/deployments\//.test(path)
      ? 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments/write'
      : /\/computes\//.test(path)
        ? 'Microsoft.MachineLearningServices/workspaces/computes/read'
        : 'Microsoft.Resources/subscriptions/read';
    return `The client '00000000-0000-0000-0000-00000000b07b' with object id '00000000-0000-0000-0000-00000000b07b' does not have authorization to perform action '${action}' over scope '${path}' or the scope is invalid.`;
  }
  if (status === 409)
    return 'There is already an operation in progress on this resource (provisioning state Updating).';
  if (status === 429) return 'The request was throttled; retry after the indicated time.';
  return `HTTP ${status}`;
}
