/** Health of one landing-zone component, as Azure Resource Health would say it. */
export type HealthState = 'available' | 'degraded' | 'unavailable' | 'unknown';

export type ComponentKind =
  | 'ml-workspace'
  | 'openai'
  | 'data-lake'
  | 'key-vault'
  | 'aks'
  | 'container-registry';

/** One component of the landing zone (workspace, Azure OpenAI, data lake, Key Vault, AKS, registry). */
export interface ComponentHealth {
  /** Resource name as in config, e.g. `aoai-prod-eus2-ai-01`. */
  resource: string;
  /** Component kind, e.g. `ml-workspace`, `openai`, `data-lake`, `key-vault`, `aks`, `container-registry`. */
  kind: ComponentKind;
  state: HealthState;
  /** One short sentence when not available, e.g. "private endpoint not resolving". */
  detail?: string;
  checkedAt: Date;
}

/** A training job in the workspace. */
export interface TrainingJob {
  id: string;
  displayName: string;
  compute: string;
  status: 'queued' | 'running' | 'completed' | 'failed' | 'canceled';
  submittedBy: string;
  startedAt: Date;
  endedAt?: Date;
  /** Why a failed job failed, in the words of the platform, e.g. "Quota exceeded for Standard NCASv3_T4 Family". */
  failureReason?: string;
}

/** Usage of one quota (a VM family's cores) against its limit. */
export interface QuotaUsage {
  family: string;
  used: number;
  limit: number;
  unit: 'cores';
}

/** An alert firing now. `rule` is the id of an alert rule in config. */
export interface FiringAlert {
  rule: string;
  resource: string;
  severity: 'critical' | 'error' | 'warning' | 'informational';
  firedAt: Date;
  /** The measured value that crossed the threshold, with unit, e.g. "P95 412 ms". */
  observed: string;
}

/** A high-severity security alert (Sentinel). */
export interface SecurityAlert {
  id: string;
  title: string;
  severity: 'high' | 'medium' | 'low';
  raisedAt: Date;
}

/** Today's spend against the trailing daily average. */
export interface CostSummary {
  currency: string;
  todaySpend: number;
  dailyAverage: number;
  /**
   * The UTC day (`YYYY-MM-DD`) `todaySpend` belongs to when it is not today: Cost Management lags
   * 8–24 h, so live mode reports the last complete day and says which.
   */
  spendDay?: string;
}

/** The last run of one backup. */
export interface BackupStatus {
  item: string;
  lastRunAt: Date;
  status: 'succeeded' | 'failed' | 'running';
}

/** Storage used in the data lake. */
export interface StorageUsage {
  account: string;
  usedTb: number;
  capacityTb: number;
}

/** Monitoring seam: the health of every configured component (Resource Health in Azure). */
export interface ComponentHealthReader {
  getComponentHealth(): Promise<ComponentHealth[]>;
}

/** Monitoring seam: the workspace's training jobs that ran in a window, failures with their reasons. */
export interface TrainingJobReader {
  /** Throws `UserFacingError` (OPS-202) for a window that is not a positive number of hours. */
  listTrainingJobs(options: { sinceHours: number }): Promise<TrainingJob[]>;
}

/** Monitoring seam: what is alerting now (the config's alert rules) and the security alerts of a window. */
export interface AlertReader {
  listFiringAlerts(): Promise<FiringAlert[]>;
  listSecurityAlerts(options: { sinceHours: number }): Promise<SecurityAlert[]>;
}

/** Monitoring seam: cores used per VM family against the regional limit (the hard limit of a scale-up). */
export interface QuotaReader {
  listQuotaUsage(): Promise<QuotaUsage[]>;
}

/** Monitoring seam: spend of the last complete day against the trailing daily average. */
export interface CostReader {
  getCostSummary(): Promise<CostSummary>;
}

/** Monitoring seam: the last run of each backup the handover lists. */
export interface BackupReader {
  listBackups(): Promise<BackupStatus[]>;
}

/** Monitoring seam: the data lake's used capacity against its size. */
export interface StorageReader {
  getStorageUsage(): Promise<StorageUsage>;
}

/**
 * The monitoring seam as a whole: everything the daily checklist reads besides computes and
 * endpoints. It is read-only; nothing in it changes the landing zone.
 */
export interface MonitoringReader
  extends ComponentHealthReader,
    TrainingJobReader,
    AlertReader,
    QuotaReader,
    CostReader,
    BackupReader,
    StorageReader {}
