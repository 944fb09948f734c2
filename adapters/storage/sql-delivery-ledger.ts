import { StorageError } from '../../core/errors';
import type {
  DeliveryClaim,
  DeliveryKey,
  DeliveryLedger,
  RecordedResponse,
} from '../../core/deliveries/delivery-ledger';
import type { Database } from './database';
import { prepareStatement } from './prepared-statement';

/** How long deliveries are remembered and how long a claim holds. */
export interface SqlDeliveryLedgerOptions {
  /** A delivery is recognised as a redelivery for this long after it first arrived. */
  windowInMs: number;
  /** A claim whose turn has not finished after this long may be taken over by a redelivery. */
  leaseInMs: number;
  /** Rows older than the window are deleted at most this often (per instance). Default one minute. */
  pruneIntervalInMs?: number;
}

/**
 * The delivery ledger in `activity_deliveries`. A claim is an insert that does nothing on a conflict
 * with the primary key (conversation, activity id); only one of two instances claiming together gets
 * the row. Taking over a stale claim is a compare-and-set on the row's lease and age.
 */
export class SqlDeliveryLedger implements DeliveryLedger {
  private lastPruneAt = Number.NEGATIVE_INFINITY;
  // Every turn claims its delivery and completes it: these two statements are built once.
  private readonly insertClaim;
  private readonly markHandled;

  constructor(
    private readonly database: Database,
    private readonly options: SqlDeliveryLedgerOptions,
  ) {
    for (const [name, value] of [
      ['windowInMs', options.windowInMs],
      ['leaseInMs', options.leaseInMs],
    ] as const) {
      if (!(Number.isFinite(value) && value > 0)) {
        throw new RangeError(`The delivery ledger's ${name} must be a positive number, not ${value}.`);
      }
    }
    this.insertClaim = prepareStatement(
      database.db,
      ['conversation_id', 'activity_id', 'received_at', 'lease_until'],
      (db, value) =>
        db
          .insertInto('activity_deliveries')
          .values({ ...value, state: 'handling' })
          .onConflict((oc) => oc.columns(['conversation_id', 'activity_id']).doNothing()),
    );
    this.markHandled = prepareStatement(
      database.db,
      ['conversation_id', 'activity_id', 'handled_at', 'response'],
      (db, value) =>
        db
          .updateTable('activity_deliveries')
          .set({ state: 'handled', handled_at: value.handled_at, response: value.response })
          .where('conversation_id', '=', value.conversation_id)
          .where('activity_id', '=', value.activity_id),
    );
  }

  async claim(key: DeliveryKey, now: Date): Promise<DeliveryClaim> {
    const at = now.toISOString();
    const leaseUntil = new Date(now.getTime() + this.options.leaseInMs).toISOString();
    const windowStart = new Date(now.getTime() - this.options.windowInMs).toISOString();
    await this.prune(now, windowStart);
    const db = this.database.db;
    const inserted = await this.guard('claim', () =>
      this.insertClaim.run({
        conversation_id: key.conversationId,
        activity_id: key.activityId,
        received_at: at,
        lease_until: leaseUntil,
      }),
    );
    if (Number(inserted.numAffectedRows ?? 0) === 1) return { kind: 'first' };

    const takenOver = await this.guard('take over', () =>
      db
        .updateTable('activity_deliveries')
        .set({
          state: 'handling',
          received_at: at,
          lease_until: leaseUntil,
          handled_at: null,
          response: null,
        })
        .where('conversation_id', '=', key.conversationId)
        .where('activity_id', '=', key.activityId)
        .where((eb) =>
          eb.or([
            eb('received_at', '<', windowStart),
            eb.and([eb('state', '=', 'handling'), eb('lease_until', '<', at)]),
          ]),
        )
        .executeTakeFirst(),
    );
    if (takenOver.numUpdatedRows === 1n) return { kind: 'first' };

    const row = await this.guard('read', () =>
      db
        .selectFrom('activity_deliveries')
        .select(['state', 'response'])
        .where('conversation_id', '=', key.conversationId)
        .where('activity_id', '=', key.activityId)
        .executeTakeFirst(),
    );
    // Deleted by a prune between the statements: the delivery is older than the window.
    if (!row) return this.claim(key, now);
    if (row.state === 'handling') return { kind: 'in-progress' };
    return row.response === null
      ? { kind: 'handled' }
      : { kind: 'handled', response: JSON.parse(row.response) as RecordedResponse };
  }

  async complete(key: DeliveryKey, now: Date, response?: RecordedResponse): Promise<void> {
    await this.guard('complete', () =>
      this.markHandled.run({
        conversation_id: key.conversationId,
        activity_id: key.activityId,
        handled_at: now.toISOString(),
        response: response === undefined ? null : JSON.stringify(response),
      }),
    );
  }

  async release(key: DeliveryKey): Promise<void> {
    await this.guard('release', () =>
      this.database.db
        .deleteFrom('activity_deliveries')
        .where('conversation_id', '=', key.conversationId)
        .where('activity_id', '=', key.activityId)
        .where('state', '=', 'handling')
        .execute(),
    );
  }

  private async prune(now: Date, windowStart: string): Promise<void> {
    const interval = this.options.pruneIntervalInMs ?? 60_000;
    if (now.getTime() - this.lastPruneAt < interval) return;
    this.lastPruneAt = now.getTime();
    await this.guard('prune', () =>
      this.database.db.deleteFrom('activity_deliveries').where('received_at', '<', windowStart).execute(),
    );
  }

  private async guard<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw new StorageError(
        `Cannot ${operation} an activity delivery: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }
}
