import { NotFoundError } from '../../core/errors';
import type {
  BackupStatus,
  ComponentHealth,
  ComputeStatus,
  CostSummary,
  EndpointStatus,
  FiringAlert,
  LandingZone,
  OperationResult,
  QuotaUsage,
  SecurityAlert,
  StorageUsage,
  TrainingJob,
} from '../../core/ports';

/** The data a `FixedLandingZone` answers with; tests change fields to set up a situation. */
export interface FixedLandingZoneData {
  components: ComponentHealth[];
  jobs: TrainingJob[];
  endpoints: EndpointStatus[];
  computes: ComputeStatus[];
  quotas: QuotaUsage[];
  alerts: FiringAlert[];
  security: SecurityAlert[];
  cost: CostSummary;
  backups: BackupStatus[];
  storage: StorageUsage;
}

/**
 * A landing zone with fixed, healthy-by-default data at `now`, for unit tests of the status skills.
 * Read calls honour their windows; change calls are refused because status skills must never make them.
 */
export class FixedLandingZone implements LandingZone {
  readonly data: FixedLandingZoneData;
  /** Read methods that should fail, to test partial answers. */
  readonly failing = new Set<keyof LandingZone>();
  readonly calls: string[] = [];

  constructor(
    private readonly now: Date,
    readonly simulated = true,
  ) {
    const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3_600_000);
    this.data = {
      components: [
        'aml-prod-eus2-ai-01:ml-workspace',
        'aoai-prod-eus2-ai-01:openai',
        'stprodeus2aidatalake:data-lake',
        'kv-prod-eus2-ai-01:key-vault',
        'aks-prod-eus2-ai-inference:aks',
        'acrprodeus2ai01:container-registry',
      ].map((s) => {
        const [resource, kind] = s.split(':');
        return { resource, kind: kind as ComponentHealth['kind'], state: 'available', checkedAt: now };
      }),
      jobs: [
        this.job({ id: 'j1', status: 'completed', startedHoursAgo: 10, endedHoursAgo: 8 }),
        this.job({ id: 'j2', status: 'completed', startedHoursAgo: 9, endedHoursAgo: 7 }),
        this.job({ id: 'j3', status: 'completed', startedHoursAgo: 6, endedHoursAgo: 5 }),
        this.job({ id: 'j4', status: 'running', startedHoursAgo: 1 }),
      ],
      endpoints: [
        {
          name: 'fraud-detection',
          state: 'Succeeded',
          scoringUri: 'https://fraud-detection.eastus2.inference.ml.azure.com/score',
          deployments: [
            {
              name: 'blue',
              state: 'Succeeded',
              instanceCount: 3,
              vmSize: 'Standard_DS3_v2',
              trafficPercent: 100,
            },
            {
              name: 'green',
              state: 'Succeeded',
              instanceCount: 3,
              vmSize: 'Standard_DS3_v2',
              trafficPercent: 0,
            },
          ],
          metrics: {
            windowMinutes: 15,
            requestsPerMinute: 1200,
            p95LatencyMs: 84,
            errorRatePercent: 0.1,
            availabilityPercent: 99.95,
            http503Count: 0,
          },
        },
      ],
      computes: [
        compute('cpu-cluster-01', 'Standard_D16s_v5', 'standardDSv5Family', 0, 8),
        compute('gpu-cluster-01', 'Standard_NC24ads_A100_v4', 'standardNCADSA100v4Family', 0, 4),
      ],
      quotas: [
        { family: 'standardDSv5Family', used: 32, limit: 200, unit: 'cores' },
        { family: 'standardNCADSA100v4Family', used: 24, limit: 96, unit: 'cores' },
      ],
      alerts: [],
      security: [],
      cost: { currency: 'USD', todaySpend: 1180, dailyAverage: 1250 },
      backups: [{ item: 'ML Workspace Config', lastRunAt: at(6), status: 'succeeded' }],
      storage: { account: 'stprodeus2aidatalake', usedTb: 5, capacityTb: 50 },
    };
  }

  /** A training job placed relative to `now`. */
  job(spec: {
    id: string;
    status: TrainingJob['status'];
    startedHoursAgo: number;
    endedHoursAgo?: number;
    failureReason?: string;
    compute?: string;
  }): TrainingJob {
    const at = (hoursAgo: number) => new Date(this.now.getTime() - hoursAgo * 3_600_000);
    return {
      id: spec.id,
      displayName: `train-${spec.id}`,
      compute: spec.compute ?? 'gpu-cluster-01',
      status: spec.status,
      submittedBy: 'data.scientist@contoso.com',
      startedAt: at(spec.startedHoursAgo),
      ...(spec.endedHoursAgo !== undefined ? { endedAt: at(spec.endedHoursAgo) } : {}),
      ...(spec.failureReason ? { failureReason: spec.failureReason } : {}),
    };
  }

  private read<T>(method: keyof LandingZone, value: T): Promise<T> {
    this.calls.push(method);
    if (this.failing.has(method)) return Promise.reject(new Error(`${method} timed out`));
    return Promise.resolve(structuredClone(value));
  }

  private since(hours: number): number {
    return this.now.getTime() - hours * 3_600_000;
  }

  getComponentHealth() {
    return this.read('getComponentHealth', this.data.components);
  }
  listTrainingJobs(options: { sinceHours: number }) {
    return this.read(
      'listTrainingJobs',
      this.data.jobs.filter(
        (j) => (j.endedAt ?? j.startedAt).getTime() >= this.since(options.sinceHours) || !j.endedAt,
      ),
    );
  }
  async getEndpoint(name: string) {
    const found = this.data.endpoints.find((e) => e.name === name);
    if (!found)
      throw new NotFoundError(
        'endpoint',
        name,
        this.data.endpoints.map((e) => e.name),
      );
    return this.read('getEndpoint', found);
  }
  async getCompute(name: string) {
    const found = this.data.computes.find((c) => c.name === name);
    if (!found) throw new NotFoundError('compute', name);
    return this.read('getCompute', found);
  }
  listComputes() {
    return this.read('listComputes', this.data.computes);
  }
  listQuotaUsage() {
    return this.read('listQuotaUsage', this.data.quotas);
  }
  listFiringAlerts() {
    return this.read('listFiringAlerts', this.data.alerts);
  }
  listSecurityAlerts(options: { sinceHours: number }) {
    return this.read(
      'listSecurityAlerts',
      this.data.security.filter((a) => a.raisedAt.getTime() >= this.since(options.sinceHours)),
    );
  }
  getCostSummary() {
    return this.read('getCostSummary', this.data.cost);
  }
  listBackups() {
    return this.read('listBackups', this.data.backups);
  }
  getStorageUsage() {
    return this.read('getStorageUsage', this.data.storage);
  }

  private refuse(): Promise<OperationResult> {
    return Promise.reject(new Error('FixedLandingZone: status skills must not change the landing zone'));
  }
  setDeploymentInstances() {
    return this.refuse();
  }
  setComputeScale() {
    return this.refuse();
  }
  startComputeInstance() {
    return this.refuse();
  }
  stopComputeInstance() {
    return this.refuse();
  }
  regenerateAccountKey() {
    return this.refuse();
  }
  setSecret() {
    return this.refuse();
  }
  verifyAccountKey() {
    return this.refuse();
  }
}

function compute(
  name: string,
  vmSize: string,
  vmFamily: string,
  minNodes: number,
  maxNodes: number,
): ComputeStatus {
  return {
    name,
    kind: 'amlcompute',
    state: 'Steady',
    vmSize,
    vmFamily,
    currentNodes: 0,
    minNodes,
    maxNodes,
    runningJobs: 0,
    utilisationPercent: 0,
  };
}
