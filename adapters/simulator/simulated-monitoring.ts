import type {
  AlertReader,
  BackupReader,
  BackupStatus,
  ComponentHealth,
  ComponentHealthReader,
  CostReader,
  CostSummary,
  FiringAlert,
  SecurityAlert,
  StorageReader,
  StorageUsage,
  TrainingJob,
  TrainingJobReader,
} from '../../core/ports';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './local-time';
import type { SimulatedEndpoints } from './simulated-endpoints';
import { evaluateAlertRules, type AlertReadings } from './simulated-alert-rules';
import { round, type SimulatorState } from './simulator-state';
import { LONGEST_JOB_MS } from './training-job-history';

/** Storage capacity and use of the data lake (handover: 5 TB used of 50 TB). */
const DATA_LAKE_CAPACITY_TB = 50;
const DATA_LAKE_USED_TB = 5;

/**
 * The simulator's monitoring seam (quota aside, see `simulated-quota.ts`): component health, the
 * training-job history, alert rules evaluated on the simulated readings, security alerts, spend,
 * backups and the data lake, each shaped by the fault scenarios.
 */
export class SimulatedMonitoring
  implements ComponentHealthReader, TrainingJobReader, AlertReader, CostReader, BackupReader, StorageReader
{
  private readonly readings: AlertReadings;

  constructor(
    private readonly state: SimulatorState,
    endpoints: SimulatedEndpoints,
  ) {
    this.readings = {
      endpointMetricsAt: (endpoint, t) => endpoints.endpointMetricsAt(endpoint, t),
      failedJobEnds: (from, to) =>
        state
          .jobPlans(from - LONGEST_JOB_MS, to)
          .filter((p) => p.outcome === 'failed' && p.endAt >= from && p.endAt <= to)
          .map((p) => p.endAt),
      costAt: (t) => this.costAt(t),
      storageAt: (t) => this.storageAt(t),
      securityAlertsBetween: (from, to) => this.securityAlertsBetween(from, to),
    };
  }

  async getComponentHealth(): Promise<ComponentHealth[]> {
    const { state } = this;
    const now = state.now();
    const checkedAt = new Date(now);
    return state.config.components.map((component): ComponentHealth => {
      if (component.kind === 'aks' && state.scenarios.affects('endpoint-503', now)) {
        return {
          resource: component.name,
          kind: component.kind,
          state: 'degraded',
          detail: '2 of 3 inference nodes are NotReady and scoring pods keep restarting',
          checkedAt,
        };
      }
      if (component.kind === 'openai' && state.scenarios.affects('aoai-unreachable', now)) {
        return {
          resource: component.name,
          kind: component.kind,
          state: 'unavailable',
          detail: `private endpoint not resolving: DNS has no private address for ${component.name}.openai.azure.com`,
          checkedAt,
        };
      }
      return { resource: component.name, kind: component.kind, state: 'available', checkedAt };
    });
  }

  async listTrainingJobs(options: { sinceHours: number }): Promise<TrainingJob[]> {
    const { state } = this;
    const hours = state.checkHours(options.sinceHours);
    const now = state.now();
    const since = now - hours * HOUR_MS;
    return state
      .jobsAt(now, since - LONGEST_JOB_MS)
      .filter((job) => (job.endedAt?.getTime() ?? now) >= since)
      .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
  }

  async listFiringAlerts(): Promise<FiringAlert[]> {
    return evaluateAlertRules(this.state.config, this.readings, this.state.now());
  }

  async listSecurityAlerts(options: { sinceHours: number }): Promise<SecurityAlert[]> {
    const hours = this.state.checkHours(options.sinceHours);
    const now = this.state.now();
    return this.securityAlertsBetween(now - hours * HOUR_MS, now);
  }

  async getCostSummary(): Promise<CostSummary> {
    return this.costAt(this.state.now());
  }

  async listBackups(): Promise<BackupStatus[]> {
    const { state } = this;
    const { random, localTime } = state;
    const now = state.now();
    const workspace = state.config.landingZone.workspace;
    const day = localTime.dayIndex(now);
    const backupStart = (d: number) => localTime.at(d, 90 + random.between(0, 5, 'backup', d));
    const lastDay = backupStart(day) <= now ? day : day - 1;
    const lastStart = backupStart(lastDay);
    const running = now < lastStart + random.between(20, 35, 'backup-duration', lastDay) * MINUTE_MS;
    const configStatus: BackupStatus['status'] = state.scenarios.affects('backup-failed', now)
      ? 'failed'
      : running
        ? 'running'
        : 'succeeded';

    const syncSlot = 15 * MINUTE_MS;
    const syncAt = (slot: number) => slot * syncSlot + random.between(0, 3, 'replication', slot) * MINUTE_MS;
    let slot = Math.floor(now / syncSlot);
    if (syncAt(slot) > now) slot--;

    let registration = day;
    const registrationAt = (d: number) => localTime.at(d, 15 * 60 + random.between(0, 90, 'model', d));
    while (registration > day - 7 && (state.isWeekendDay(registration) || registrationAt(registration) > now))
      registration--;

    return [
      {
        item: `ML workspace configuration (${workspace}), daily`,
        lastRunAt: new Date(lastStart),
        status: configStatus,
      },
      {
        item: `Training data GRS replication (${state.componentName('data-lake') ?? 'data lake'})`,
        lastRunAt: new Date(syncAt(slot)),
        status: 'succeeded',
      },
      {
        item: `Model registry (${workspace}), on registration`,
        lastRunAt: new Date(registrationAt(registration)),
        status: 'succeeded',
      },
    ];
  }

  async getStorageUsage(): Promise<StorageUsage> {
    return this.storageAt(this.state.now());
  }

  private costAt(t: number): CostSummary {
    const { state } = this;
    const day = state.localTime.dayIndex(t);
    let total = 0;
    for (let d = day - 30; d < day; d++) total += this.dailySpend(d);
    const dailyAverage = total / 30;
    let todaySpend = (this.dailySpend(day) * state.localTime.minutesOfDay(t)) / (24 * 60);
    if (state.scenarios.affects('cost-anomaly', t))
      todaySpend += dailyAverage * state.random.between(1.6, 2.0, 'cost-anomaly', day);
    return { currency: 'USD', todaySpend: round(todaySpend, 2), dailyAverage: round(dailyAverage, 2) };
  }

  private dailySpend(day: number): number {
    const { state } = this;
    const weekend = state.isWeekendDay(day) ? 0.72 : 1;
    return (
      state.random.between(2100, 2600, 'cost-base') *
      weekend *
      (1 + state.random.between(-0.07, 0.07, 'cost-day', day))
    );
  }

  private storageAt(t: number): StorageUsage {
    const { state } = this;
    const used = state.scenarios.affects('storage-near-capacity', t)
      ? DATA_LAKE_CAPACITY_TB * 0.86 + 0.5 * state.random.smooth(t, 2 * DAY_MS, 'storage-full')
      : DATA_LAKE_USED_TB + 0.3 * state.random.smooth(t, 2 * DAY_MS, 'storage');
    return {
      account: state.componentName('data-lake') ?? 'datalake',
      usedTb: round(used, 2),
      capacityTb: DATA_LAKE_CAPACITY_TB,
    };
  }

  private securityAlertsBetween(from: number, to: number): SecurityAlert[] {
    const { state } = this;
    const { random, localTime } = state;
    const titles = [
      'Sign-in to ML Studio from an unfamiliar location',
      'Repeated failed sign-ins for a service principal',
      `Container image with a known vulnerability pushed to ${state.componentName('container-registry') ?? 'the registry'}`,
      'Prompt blocked by Azure OpenAI content filtering (jailbreak attempt)',
      'Access to the data lake from an IP address seen for the first time',
    ];
    const alerts: SecurityAlert[] = [];
    for (let day = localTime.dayIndex(from) - 1; day <= localTime.dayIndex(to); day++) {
      const count = random.weighted(
        [
          { value: 0, weight: 45 },
          { value: 1, weight: 40 },
          { value: 2, weight: 15 },
        ],
        'security-count',
        day,
      );
      for (let i = 0; i < count; i++) {
        alerts.push({
          id: `SA-${hex(random.unit('security-id', day, i))}`,
          title: random.pick(titles, 'security-title', day, i),
          severity: random.unit('security-severity', day, i) < 0.7 ? 'low' : 'medium',
          raisedAt: new Date(localTime.at(day, random.between(0, 24 * 60, 'security-at', day, i))),
        });
      }
    }
    const since = state.scenarios.activeSince('security-alert');
    if (since !== undefined) {
      alerts.push({
        id: `SA-${hex(random.unit('security-incident', since))}`,
        title: `Mass secret reads from ${state.componentName('key-vault') ?? 'Key Vault'} by an unfamiliar identity`,
        severity: 'high',
        raisedAt: new Date(since),
      });
    }
    return alerts
      .filter((a) => a.raisedAt.getTime() >= from && a.raisedAt.getTime() <= to)
      .sort((a, b) => b.raisedAt.getTime() - a.raisedAt.getTime());
  }
}

function hex(unit: number): string {
  return Math.floor(unit * 0xffffffff)
    .toString(16)
    .padStart(8, '0');
}
