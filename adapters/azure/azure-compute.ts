import type { ComputeResource } from '@azure/arm-machinelearning';
import { assertValidComputeScale } from '../../core/compute-scale';
import { ErrorCodes, UserFacingError } from '../../core/errors';
import type {
  ChangeOptions,
  ComputePort,
  ComputeStatus,
  OperationResult,
  TrainingJob,
  TrainingJobReader,
} from '../../core/ports';
import { computeContext } from './azure-call-contexts';
import { mapAzureError, type AzureCallContext } from './azure-error-mapper';
import { permissionActions as perm } from './azure-permissions';
import { armTypes, type AzureSession } from './azure-session';
import { metadataName, metricNamed, round2 } from './azure-values';
import { runLro } from './lro-runner';

const utilisationMetric = 'CpuUtilizationPercentage';
const utilisationDimension = 'ComputeName';

/** Compute instance states (ComputeInstanceState) in which the VM is up; `JobRunning` runs a job. */
const runningInstanceStates = new Set([
  'Running',
  'JobRunning',
  'Starting',
  'Restarting',
  'SettingUp',
  'UserSettingUp',
]);

/**
 * The compute seam in Azure ML: clusters and compute instances with their running jobs (from the
 * job events) and CPU utilisation (workspace metrics); scale settings of a cluster, start and stop
 * of an instance, each a long-running operation followed within the wait budget.
 */
export class AzureCompute implements ComputePort {
  constructor(
    private readonly session: AzureSession,
    private readonly jobs: TrainingJobReader,
  ) {}

  getCompute(name: string): Promise<ComputeStatus> {
    const { session } = this;
    return session.read(`read the compute ${name}`, async () => {
      const ctx = computeContext(session.config, name, `read the compute ${name}`, perm.computeRead);
      const resource = await this.readCompute(name, ctx);
      const jobs = await this.jobs.listTrainingJobs({ sinceHours: session.runningJobsLookbackHours });
      return this.toComputeStatus(resource, jobs, await this.utilisation([resource.name ?? name]));
    });
  }

  listComputes(): Promise<ComputeStatus[]> {
    const { session } = this;
    const { lz } = session;
    return session.read(`list the computes of ${lz.workspace}`, async () => {
      const resources: ComputeResource[] = [];
      try {
        for await (const c of session.ml.computeOperations.list(lz.resourceGroup, lz.workspace)) {
          const type = c.properties?.computeType;
          if (type === 'AmlCompute' || type === 'ComputeInstance') resources.push(c);
        }
      } catch (error) {
        throw mapAzureError(error, {
          doing: `list the computes of ${lz.workspace}`,
          resourceKind: 'workspace',
          resourceName: lz.workspace,
          requiredAction: perm.computeRead,
        });
      }
      const jobs = await this.jobs.listTrainingJobs({ sinceHours: session.runningJobsLookbackHours });
      const usage = await this.utilisation(resources.map((r) => r.name ?? ''));
      return resources
        .map((r) => this.toComputeStatus(r, jobs, usage))
        .sort((a, b) => a.name.localeCompare(b.name));
    });
  }

  async setComputeScale(
    cluster: string,
    scale: { minNodes: number; maxNodes: number },
    options?: ChangeOptions,
  ): Promise<OperationResult> {
    assertValidComputeScale(scale);
    const { session } = this;
    const { lz } = session;
    const { minNodes, maxNodes } = scale;
    const ctx = computeContext(
      session.config,
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
    return runLro(
      session,
      ctx,
      (opts) =>
        session.ml.computeOperations.beginUpdate(
          lz.resourceGroup,
          lz.workspace,
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

  private async startOrStop(
    name: string,
    verb: 'start' | 'stop',
    options?: ChangeOptions,
  ): Promise<OperationResult> {
    const { session } = this;
    const { lz } = session;
    const ctx = computeContext(
      session.config,
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
    return runLro(
      session,
      ctx,
      (opts) =>
        verb === 'start'
          ? session.ml.computeOperations.beginStart(lz.resourceGroup, lz.workspace, name, opts)
          : session.ml.computeOperations.beginStop(lz.resourceGroup, lz.workspace, name, opts),
      `${name}: ${before} -> ${verb === 'start' ? 'Running' : 'Stopped'}`,
      options,
    );
  }

  private async readCompute(name: string, ctx: AzureCallContext): Promise<ComputeResource> {
    const { lz } = this.session;
    try {
      return await this.session.ml.computeOperations.get(lz.resourceGroup, lz.workspace, name);
    } catch (error) {
      throw mapAzureError(error, ctx);
    }
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
    const { session } = this;
    const now = session.clock.now();
    const id = session.resourceId(armTypes['ml-workspace'], session.lz.workspace);
    try {
      const [r] = await session.metrics.queryResources([id], [utilisationMetric], armTypes['ml-workspace'], {
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
        resourceName: session.lz.workspace,
        requiredAction: perm.metricsRead,
      });
    }
    return result;
  }

  private toComputeStatus(
    resource: ComputeResource,
    jobs: TrainingJob[],
    usage: Map<string, number>,
  ): ComputeStatus {
    const name = resource.name ?? '';
    const configured = this.session.config.computes.find((c) => c.name === name);
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
}
