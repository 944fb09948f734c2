/**
 * The delivery ledger port: Teams delivers an activity again (same id) after a time-out or a reset,
 * and a redelivery must never start a second turn. The first delivery of an activity claims it; a
 * later one learns that it is being handled or how it was answered. Kept in the state store, so it
 * holds across restarts and across instances on one database.
 * `adapters/storage/sql-delivery-ledger.ts` implements it on SQLite and PostgreSQL.
 */

/** One delivery of an activity: the activity id is unique within its conversation. */
export interface DeliveryKey {
  conversationId: string;
  activityId: string;
}

/** The answer a handled delivery gave over HTTP (an invoke's response; absent for a message). */
export interface RecordedResponse {
  status: number;
  body?: unknown;
}

/** What a claim found: this delivery is the first, another one is being handled, or it was handled. */
export type DeliveryClaim =
  | { kind: 'first' }
  | { kind: 'in-progress' }
  | { kind: 'handled'; response?: RecordedResponse };

/** Records each activity delivery once, for a window. */
export interface DeliveryLedger {
  /**
   * Claims the delivery. A claim held by a turn whose lease has run out (an instance that died), and
   * a record older than the window, are taken over: the delivery counts as the first again.
   */
  claim(key: DeliveryKey, now: Date): Promise<DeliveryClaim>;
  /** Marks a claimed delivery handled, keeping the HTTP answer it gave for later redeliveries. */
  complete(key: DeliveryKey, now: Date, response?: RecordedResponse): Promise<void>;
  /** Forgets a claim whose turn never ran (it failed before starting), so a redelivery may run it. */
  release(key: DeliveryKey): Promise<void>;
}
