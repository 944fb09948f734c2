/**
 * The ports: what skills and services need from the outside world. Adapters implement them
 * (`adapters/simulator` and `adapters/azure` for the landing zone, `adapters/storage` for state).
 * Nothing here imports an SDK.
 */

/** Health of one landing-zone component, as Azure Resource Health would say it. */
export type HealthState = 'available' | 'degraded' | 'unavailable' | 'unknown';

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

export type ComponentKind =
  | 'ml-workspace'
  | 'openai'
  | 'data-lake'
  | 'key-vault'
  | 'aks'
  | 'container-registry';

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

/** One deployment of an online endpoint. */
export interface DeploymentStatus {
  name: string;
  /** Provisioning state, e.g. `Succeeded`, `Updating`, `Failed`. */
  state: string;
  instanceCount: number;
  vmSize: string;
  /** Share of live traffic, 0–100. */
  trafficPercent: number;
}

/** Request metrics of an endpoint over a window. */
export interface EndpointMetrics {
  windowMinutes: number;
  requestsPerMinute: number;
  p95LatencyMs: number;
  errorRatePercent: number;
  availabilityPercent: number;
  /** HTTP 503 responses in the window (the troubleshooting guide's symptom). */
  http503Count: number;
}

/** An online endpoint with its deployments and recent metrics. */
export interface EndpointStatus {
  name: string;
  state: string;
  scoringUri: string;
  deployments: DeploymentStatus[];
  metrics: EndpointMetrics;
}

/** A compute target: an AmlCompute cluster or a compute instance. */
export interface ComputeStatus {
  name: string;
  kind: 'amlcompute' | 'computeinstance';
  /** e.g. `Running`, `Stopped`, `Resizing`, `Steady`, `Starting`. */
  state: string;
  vmSize: string;
  vmFamily: string;
  currentNodes: number;
  minNodes: number;
  maxNodes: number;
  runningJobs: number;
  /** Average node utilisation over the last hour, 0–100. */
  utilisationPercent: number;
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

/** The result of a change operation on the landing zone. */
export interface OperationResult {
  /** Azure operation id or the simulator's own. */
  operationId: string;
  status: 'succeeded' | 'failed' | 'in-progress';
  /** What was there before and what is there now, in plain words for the card and audit log. */
  summary: string;
}

/** Progress callback for long-running operations. */
export type ProgressListener = (message: string) => void;

/** Options for a change operation. */
export interface ChangeOptions {
  onProgress?: ProgressListener;
  /** Abort waiting after this long; the operation continues and the result says `in-progress`. */
  waitBudgetInMs?: number;
}

/**
 * The landing zone as read skills see it: status questions only. A read skill's context holds this
 * port, so calling a change operation from one is a type error.
 */
export interface LandingZoneReader {
  /** True when the data is simulated; every card fed by it says so. */
  readonly simulated: boolean;

  getComponentHealth(): Promise<ComponentHealth[]>;
  listTrainingJobs(options: { sinceHours: number }): Promise<TrainingJob[]>;
  /** Throws `NotFoundError` when no such endpoint exists. */
  getEndpoint(name: string): Promise<EndpointStatus>;
  /** Throws `NotFoundError` when no such compute exists. */
  getCompute(name: string): Promise<ComputeStatus>;
  listComputes(): Promise<ComputeStatus[]>;
  listQuotaUsage(): Promise<QuotaUsage[]>;
  listFiringAlerts(): Promise<FiringAlert[]>;
  listSecurityAlerts(options: { sinceHours: number }): Promise<SecurityAlert[]>;
  getCostSummary(): Promise<CostSummary>;
  listBackups(): Promise<BackupStatus[]>;
  getStorageUsage(): Promise<StorageUsage>;
}

/**
 * The change operations of the landing zone. Only `execute()` (skills/execute.ts) holds this port: it
 * calls an operation after a person the policy accepts pressed a button on the change's card.
 */
export interface LandingZoneOperator {
  /** Sets a deployment's instance count (`sku.capacity`); long-running. */
  setDeploymentInstances(
    endpoint: string,
    deployment: string,
    instances: number,
    options?: ChangeOptions,
  ): Promise<OperationResult>;
  /** Sets an AmlCompute cluster's scale settings (pre-warm: minNodes > 0; scale to zero: minNodes 0). */
  setComputeScale(
    cluster: string,
    scale: { minNodes: number; maxNodes: number },
    options?: ChangeOptions,
  ): Promise<OperationResult>;
  /** Starts a compute instance. */
  startComputeInstance(name: string, options?: ChangeOptions): Promise<OperationResult>;
  /** Stops a compute instance. */
  stopComputeInstance(name: string, options?: ChangeOptions): Promise<OperationResult>;
  /**
   * Regenerates one key of a Cognitive Services (Azure OpenAI) account. The new value is handed
   * to `useKey` and never returned, logged or stored by the caller.
   */
  regenerateAccountKey(
    account: string,
    keyName: 'key1' | 'key2',
    useKey: (value: string) => Promise<void>,
  ): Promise<OperationResult>;
  /** Writes a secret value to Key Vault; returns the new version id, never the value. */
  setSecret(vault: string, name: string, value: string): Promise<OperationResult>;
  /** Checks that the account accepts the key stored in the vault secret (a cheap authenticated call). */
  verifyAccountKey(account: string, vault: string, secretName: string): Promise<OperationResult>;
}

/**
 * The whole landing zone, as the composition root builds it. Implemented by the simulator (embedded
 * default) and by the Azure adapter.
 */
export interface LandingZone extends LandingZoneReader, LandingZoneOperator {}

/** Switches the simulator's named fault scenarios. Only the simulator has it; only local mode offers it in chat. */
export interface ScenarioControl {
  listScenarios(): { name: string; description: string; active: boolean }[];
  /** Throws `UserFacingError` for an unknown name. */
  setScenario(name: string, active: boolean): void;
  clearScenarios(): void;
}

/** Current time. Injected so windows, expiries and timers are tested at exact instants. */
export interface Clock {
  now(): Date;
}

/** One step of a routed request, appended to the audit log and never changed. */
export interface AuditEvent {
  at: Date;
  correlationId: string;
  /** Entra object id of the person, or `system`. */
  actorId: string;
  actorName?: string;
  conversationId: string;
  /** Skill id from the catalog, or `none`. */
  skill: string;
  /** Validated arguments; never secret values. */
  args: Record<string, unknown>;
  /** What the choke point decided, e.g. `allowed`, `denied:role`, `invalid-args`, `not-enabled`. */
  decision: string;
  /** What happened, e.g. `ok`, `error:OPS-402`, `pending-approval`. */
  outcome: string;
  detail?: string;
}

/** Filter for reading the audit log. */
export interface AuditQuery {
  correlationId?: string;
  actorId?: string;
  skill?: string;
  since?: Date;
  limit?: number;
}

/** The append-only audit log. */
export interface AuditLog {
  append(event: AuditEvent): Promise<void>;
  list(query?: AuditQuery): Promise<AuditEvent[]>;
}

/** A stored JSON document with an optimistic-concurrency tag. */
export interface StoredItem {
  value: Record<string, unknown>;
  eTag: string;
}

/**
 * Key/value document store for conversation and user state (the bot framework's state lives here).
 * `write` with an `eTag` other than `*` fails with `ConcurrencyError` when the stored tag differs.
 */
export interface KeyValueStore {
  read(keys: string[]): Promise<Record<string, StoredItem>>;
  write(items: Record<string, { value: Record<string, unknown>; eTag?: string }>): Promise<void>;
  delete(keys: string[]): Promise<void>;
}

/** How to reach a conversation later (a transport's serialised conversation reference). */
export interface KnownConversation {
  /** `personal:<aadObjectId>` for a person's chat with opsbot, `conversation:<id>` otherwise. */
  key: string;
  aadObjectId?: string;
  conversationType: string;
  reference: Record<string, unknown>;
}

/**
 * The conversations opsbot can post into by itself: kept from installs and from every message, so
 * that approvers are told in their personal chats and the change channel gets its copy.
 */
export interface ConversationDirectory {
  remember(conversation: KnownConversation, now: Date): Promise<void>;
  get(key: string): Promise<KnownConversation | undefined>;
  /** The personal chats of these people that opsbot knows. */
  personalChats(aadObjectIds: string[]): Promise<KnownConversation[]>;
}
