import type { ColumnType } from 'kysely';

/**
 * An instant as stored: `timestamptz` on PostgreSQL (read back as a `Date`), ISO-8601 UTC text on
 * SQLite (read back as a string). Written as an ISO-8601 string on both.
 */
export type StoredInstant = ColumnType<Date | string, string, string>;

/** A row of `audit_events`: one step of a routed request. Rows are only ever inserted. */
export interface AuditEventsTable {
  /** Assigned by the database; 64-bit, so PostgreSQL hands it back as a string. */
  id: ColumnType<number | string, never, never>;
  at: StoredInstant;
  correlation_id: string;
  actor_id: string;
  actor_name: string | null;
  conversation_id: string;
  skill: string;
  /** JSON text of the validated arguments. */
  args: string;
  decision: string;
  outcome: string;
  detail: string | null;
}

/** A row of `kv_items`: one JSON document of conversation or user state. */
export interface KvItemsTable {
  key: string;
  /** JSON text of an object. */
  value: string;
  etag: string;
  updated_at: StoredInstant;
}

/** A row of `durable_jobs`: one job due later, with its lease and the outcome of its runs. */
export interface DurableJobsTable {
  /** A random UUID given by the store. */
  id: string;
  kind: string;
  /** The caller's idempotency key; unique. */
  key: string;
  due_at: StoredInstant;
  /** JSON text of an object. */
  payload: string;
  state: 'pending' | 'running' | 'done' | 'failed' | 'cancelled';
  attempts: number;
  last_error: string | null;
  lease_owner: string | null;
  lease_until: StoredInstant | null;
  created_at: StoredInstant;
  finished_at: StoredInstant | null;
}

/** A row of `incident_sequence`: the last number given out under `name` (`incident`). */
export interface IncidentSequenceTable {
  name: string;
  value: number;
}

/** A row of `incidents`: one incident, changed only by compare-and-set on `version`. */
export interface IncidentsTable {
  /** `INC-0001` style. */
  id: string;
  number: number;
  summary: string;
  severity: 'P1' | 'P2' | 'P3' | 'P4';
  type: string;
  state: 'declared' | 'acknowledged' | 'escalated' | 'resolved';
  owner_id: string;
  owner_name: string;
  declared_by_id: string;
  declared_by_name: string;
  conversation_id: string;
  card_activity_id: string | null;
  tier: string;
  tier_index: number;
  /** JSON text of the engaged people. */
  engaged: string;
  declared_at: StoredInstant;
  updated_at: StoredInstant;
  response_due_at: StoredInstant;
  responded_at: StoredInstant | null;
  next_escalation_at: StoredInstant | null;
  resolved_at: StoredInstant | null;
  resolution: string | null;
  /** JSON text of an object of ids the outside world gave the incident. */
  external_refs: string;
  version: number;
}

/** A row of `incident_timeline`: one entry, only ever inserted. */
export interface IncidentTimelineTable {
  id: ColumnType<number | string, never, never>;
  incident_id: string;
  at: StoredInstant;
  kind: string;
  actor_id: string | null;
  actor_name: string | null;
  text: string;
  /** JSON text of an object, or null. */
  data: string | null;
}

/**
 * The tables of the state store, as Kysely sees them. A migration that adds a table adds its row
 * type here (or the store that owns it uses `db.withTables<…>()`).
 */
export interface StorageSchema {
  audit_events: AuditEventsTable;
  kv_items: KvItemsTable;
  durable_jobs: DurableJobsTable;
  change_requests: ChangeRequestsTable;
  change_card_copies: ChangeCardCopiesTable;
  conversation_references: ConversationReferencesTable;
  incident_sequence: IncidentSequenceTable;
  incidents: IncidentsTable;
  incident_timeline: IncidentTimelineTable;
  activity_deliveries: ActivityDeliveriesTable;
  alert_cards: AlertCardsTable;
  alert_card_ids: AlertCardIdsTable;
}

/** A row of `change_requests`: one change request, its searched fields beside the whole document. */
export interface ChangeRequestsTable {
  /** The number of `CHG-00012`. */
  number: number;
  state: string;
  /** Compare-and-set token, bumped by every update. */
  version: number;
  requester_id: string;
  conversation_id: string;
  /** JSON text of the change request. */
  body: string;
  created_at: StoredInstant;
  updated_at: StoredInstant;
}

/** A row of `change_card_copies`: one posted copy of a change's card. */
export interface ChangeCardCopiesTable {
  change_number: number;
  conversation_id: string;
  activity_id: string;
  viewer_id: string | null;
  /** JSON text of the conversation reference. */
  reference: string;
}

/** A row of `conversation_references`: how to reach a conversation proactively (kept from install and messages). */
export interface ConversationReferencesTable {
  /** `personal:<aadObjectId>` for a person's chat with opsbot, `conversation:<id>` otherwise. */
  key: string;
  aad_object_id: string | null;
  conversation_type: string;
  /** JSON text of the conversation reference. */
  reference: string;
  updated_at: StoredInstant;
}

/** A row of `activity_deliveries`: one activity as first delivered, so redeliveries run no second turn. */
export interface ActivityDeliveriesTable {
  conversation_id: string;
  activity_id: string;
  state: 'handling' | 'handled';
  received_at: StoredInstant;
  /** Until when the turn that claimed it holds it; after that a redelivery may take it over. */
  lease_until: StoredInstant;
  handled_at: StoredInstant | null;
  /** JSON text of the HTTP answer the turn gave (invokes), or null. */
  response: string | null;
}

/** A row of `alert_cards`: one alert card in the ops channel, its fields as JSON in `body`. */
export interface AlertCardsTable {
  id: string;
  fold_key: string;
  state: 'firing' | 'resolved';
  version: number;
  body: string;
  updated_at: StoredInstant;
}

/** A row of `alert_card_ids`: which card an Azure Monitor alert id was folded into. */
export interface AlertCardIdsTable {
  alert_id: string;
  card_id: string;
}
