import type { BaselineReading, CheckStatus, Level } from '../../core/baselines';
import type { ComponentKind, FiringAlert, HealthState, TrainingJob } from '../../core/ports';

/**
 * Neutral results of the status skills: facts, levels and next steps. `bot/cards/` renders each
 * `view`; nothing here knows about Adaptive Cards.
 */
export type StatusResult =
  | StatusOverviewResult
  | EndpointStatusResult
  | ComputeStatusResult
  | JobsStatusResult
  | QuotaStatusResult
  | AlertsStatusResult;

/** A follow-up the user can take with one click: the button label and the strict command it sends. */
export interface NextStep {
  label: string;
  command: string;
}

/** What every status result carries. */
export interface StatusResultBase {
  /** True when the landing zone behind the answer is the simulator; the card says so. */
  simulated: boolean;
  /** When the answer was put together, ISO 8601 (UTC). */
  generatedAt: string;
  nextSteps: NextStep[];
}

/** The daily checklist over the whole landing zone. */
export interface StatusOverviewResult extends StatusResultBase {
  view: 'status.overview';
  landingZone: string;
  environment: string;
  /** The worst outcome of all checks. */
  status: CheckStatus;
  components: OverviewCheck<ComponentsCheck>;
  training: OverviewCheck<TrainingCheck>;
  inference: OverviewCheck<InferenceCheck>;
  cost: OverviewCheck<CostCheck>;
  security: OverviewCheck<SecurityCheck>;
  backups: OverviewCheck<BackupsCheck>;
  scaleDown: OverviewCheck<ScaleDownCheck>;
  storage: OverviewCheck<StorageCheck>;
  alerts: OverviewCheck<AlertsCheck>;
}

/** One check of the overview: its findings, or why it could not be made. */
export type OverviewCheck<T> = (T & { status: CheckStatus }) | UnavailableCheck;

/** A check that could not be made (the landing zone did not answer); the rest of the overview still stands. */
export interface UnavailableCheck {
  status: 'unknown';
  unavailable: true;
  /** What to tell the user. */
  reason: string;
}

/** Service health of every component. */
export interface ComponentsCheck {
  items: { resource: string; kind: ComponentKind; state: HealthState; detail?: string }[];
}

/** Training jobs of the last hours (the overnight run). */
export interface TrainingCheck {
  windowHours: number;
  total: number;
  completed: number;
  failed: number;
  running: number;
  /** Completed vs failed jobs against the baseline; null when none finished. */
  successRate: BaselineReading | null;
  failuresLastHour: number;
  failuresPerHourThreshold: number;
}

/** Inference health of every endpoint against the baselines. */
export interface InferenceCheck {
  endpoints: EndpointHealth[];
}

/** One endpoint's request metrics judged against the baselines. */
export interface EndpointHealth {
  endpoint: string;
  status: CheckStatus;
  windowMinutes: number;
  latency: BaselineReading;
  availability: BaselineReading;
  errorRatePercent: number;
}

/** One day's spend against the daily average: today so far, or the last day Cost Management has complete. */
export interface CostCheck {
  currency: string;
  todaySpend: number;
  dailyAverage: number;
  /**
   * The UTC day (`YYYY-MM-DD`) the spend is for when it is not today so far: live mode reads the last
   * day Cost Management has complete, because its data lags 8–24 h.
   */
  spendDay?: string;
  /** The spend as a share of the average, in percent. */
  percentOfAverage: number;
  /** From this share on, spend counts as an anomaly. */
  anomalyPercent: number;
}

/** High-severity security alerts of the last hours. */
export interface SecurityCheck {
  windowHours: number;
  highSeverity: { id: string; title: string; raisedAt: string }[];
}

/** The last run of every backup. */
export interface BackupsCheck {
  items: { item: string; lastRunAt: string; status: 'succeeded' | 'failed' | 'running' }[];
}

/** Clusters that keep nodes up while nothing runs on them. */
export interface ScaleDownCheck {
  clustersChecked: number;
  idle: { compute: string; currentNodes: number; minNodes: number; vmSize: string }[];
}

/** Data lake usage against capacity. */
export interface StorageCheck {
  account: string;
  usedTb: number;
  capacityTb: number;
  usedPercent: number;
  nearCapacityPercent: number;
}

/** Alerts firing now. */
export interface AlertsCheck {
  firing: AlertItem[];
}

/** A firing alert joined with the rule of the config that fired it. */
export interface AlertItem {
  rule: string;
  /** The rule's name from config; the rule id when config does not know it. */
  ruleName: string;
  condition?: string;
  action?: string;
  owner?: string;
  resource: string;
  severity: FiringAlert['severity'];
  firedAt: string;
  observed: string;
}

/** One online endpoint. */
export interface EndpointStatusResult extends StatusResultBase {
  view: 'status.endpoint';
  endpoint: string;
  state: string;
  scoringUri: string;
  /** The worst level of latency and availability. */
  level: Level;
  deployments: {
    name: string;
    state: string;
    instanceCount: number;
    vmSize: string;
    trafficPercent: number;
  }[];
  autoscale?: { minInstances: number; maxInstances: number };
  windowMinutes: number;
  requestsPerMinute: number;
  latency: BaselineReading;
  availability: BaselineReading;
  errorRatePercent: number;
  http503Count: number;
  /** Alerts firing now on this endpoint. */
  alerts: AlertItem[];
}

/** One compute target. */
export interface ComputeStatusResult extends StatusResultBase {
  view: 'status.compute';
  compute: string;
  kind: 'amlcompute' | 'computeinstance';
  state: string;
  vmSize: string;
  vmFamily: string;
  gpu: boolean;
  currentNodes: number;
  minNodes: number;
  maxNodes: number;
  runningJobs: number;
  utilisationPercent: number;
  /** Sustained utilisation from which nodes should be added (CPU or GPU threshold). */
  utilisationThresholdPercent: number;
  /** Nodes are up and nothing runs: the cluster did not scale down. */
  idle: boolean;
  quota?: { family: string; used: number; limit: number };
  status: CheckStatus;
}

/** Training jobs in a window. */
export interface JobsStatusResult extends StatusResultBase {
  view: 'status.jobs';
  windowHours: number;
  total: number;
  counts: Record<TrainingJob['status'], number>;
  /** Completed vs failed jobs against the baseline; null when none finished. */
  successRate: BaselineReading | null;
  failuresLastHour: number;
  failuresPerHourThreshold: number;
  /** Failed jobs, most recent first. */
  failures: {
    id: string;
    displayName: string;
    compute: string;
    submittedBy: string;
    endedAt?: string;
    reason: string;
  }[];
  /**
   * Kinds of failure with how many jobs failed of each, most frequent first. `reason` is the kind
   * (the platform's text up to its first ": "); `example` is one full reason of that kind.
   */
  reasons: { reason: string; count: number; example: string }[];
  status: CheckStatus;
}

/** Compute quota per VM family. */
export interface QuotaStatusResult extends StatusResultBase {
  view: 'status.quota';
  nearLimitPercent: number;
  families: {
    family: string;
    used: number;
    limit: number;
    unit: 'cores';
    usedPercent: number;
    status: CheckStatus;
    /** Computes of the config that draw on this family. */
    computes: string[];
  }[];
  status: CheckStatus;
}

/** Alerts firing now. */
export interface AlertsStatusResult extends StatusResultBase {
  view: 'status.alerts';
  alerts: AlertItem[];
  status: CheckStatus;
}
