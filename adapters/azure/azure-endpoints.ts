import { NotFoundError } from '../../core/errors';
import { assertValidInstanceCount } from '../../core/instance-count';
import type {
  ChangeOptions,
  EndpointMetrics,
  EndpointPort,
  EndpointStatus,
  OperationResult,
} from '../../core/ports';
import { endpointContext } from './azure-call-contexts';
import { mapAzureError, type AzureCallContext } from './azure-error-mapper';
import { permissionActions as perm } from './azure-permissions';
import type { AzureSession } from './azure-session';
import { num, round2 } from './azure-values';
import { queryLogs, workspaceQueryContext } from './log-analytics-query';
import { runLro } from './lro-runner';
import { endpointRequestsQuery } from './queries/endpoint-requests.kql';

const endpointWindowMinutes = 60;

/**
 * The online-endpoint seam in Azure ML: an endpoint with its deployments and the request figures
 * of the last hour (from the traffic log), and a deployment's instance count (`sku.capacity`) set
 * as a long-running operation.
 */
export class AzureOnlineEndpoints implements EndpointPort {
  constructor(private readonly session: AzureSession) {}

  getEndpoint(name: string): Promise<EndpointStatus> {
    const { session } = this;
    const { lz } = session;
    return session.read(`read the endpoint ${name}`, async () => {
      const ctx = endpointContext(session.config, name, `read the endpoint ${name}`, perm.endpointRead);
      try {
        const endpoint = await session.ml.onlineEndpoints.get(lz.resourceGroup, lz.workspace, name);
        const deployments = [];
        for await (const d of session.ml.onlineDeployments.list(lz.resourceGroup, lz.workspace, name)) {
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

  async setDeploymentInstances(
    endpoint: string,
    deployment: string,
    instances: number,
    options?: ChangeOptions,
  ): Promise<OperationResult> {
    assertValidInstanceCount(instances);
    const { session } = this;
    const { lz } = session;
    const readCtx = endpointContext(
      session.config,
      endpoint,
      `read the endpoint ${endpoint}`,
      perm.deploymentRead,
    );
    let known: string[] = [];
    try {
      await session.ml.onlineEndpoints.get(lz.resourceGroup, lz.workspace, endpoint);
      for await (const d of session.ml.onlineDeployments.list(lz.resourceGroup, lz.workspace, endpoint)) {
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
      const current = await session.ml.onlineDeployments.get(
        lz.resourceGroup,
        lz.workspace,
        endpoint,
        deployment,
      );
      before = current.sku?.capacity ?? 0;
    } catch (error) {
      throw mapAzureError(error, ctx);
    }
    return runLro(
      session,
      ctx,
      (opts) =>
        session.ml.onlineDeployments.beginUpdate(
          lz.resourceGroup,
          lz.workspace,
          endpoint,
          deployment,
          { sku: { capacity: instances } },
          opts,
        ),
      `${endpoint}/${deployment}: ${before} -> ${instances} instances`,
      options,
    );
  }

  private async endpointMetrics(name: string): Promise<EndpointMetrics> {
    const { session } = this;
    const table = session.endpointRequestsTable;
    const query = endpointRequestsQuery(name, endpointWindowMinutes, table);
    const [r] = await queryLogs(
      session,
      query,
      endpointWindowMinutes,
      workspaceQueryContext(
        session,
        `read the request metrics of ${name}`,
        table === 'AppRequests' ? perm.appRequestsQuery : perm.requestsQuery,
      ),
    );
    return {
      windowMinutes: endpointWindowMinutes,
      requestsPerMinute: round2(num(r?.RequestsPerMinute)),
      p95LatencyMs: round2(num(r?.P95LatencyMs)),
      errorRatePercent: round2(num(r?.ErrorRatePercent)),
      availabilityPercent: round2(r ? num(r.AvailabilityPercent) : 100),
      http503Count: Math.round(num(r?.Http503Count)),
    };
  }
}
