/**
 * The ports: what skills and services need from the outside world. Adapters implement them
 * (`adapters/simulator` and `adapters/azure` for the landing zone, `adapters/storage` for state).
 * Nothing here imports an SDK. The landing zone is declared seam by seam under `ports/` (compute,
 * endpoints, monitoring, key rotation) and re-exported here, with its compositions
 * `LandingZoneReader`, `LandingZoneOperator` and `LandingZone`.
 */

export * from './ports/change-operation';
export * from './ports/compute.port';
export * from './ports/endpoints.port';
export * from './ports/intent-model.port';
export * from './ports/key-rotation.port';
export * from './ports/landing-zone.port';
export * from './ports/monitoring.port';

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
