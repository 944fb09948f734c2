import { randomUUID } from 'node:crypto';
import type { AlertCard, AlertCardPatch, AlertCardStore, NewAlertCard } from '../../core/alerts/alert-card';
import { StorageError } from '../../core/errors';
import { isDuplicateKey, type Database } from './database';

/** The card as kept in `body`: instants as ISO-8601 text. */
type StoredCard = Omit<AlertCard, 'firstFiredAt' | 'lastFiredAt' | 'resolvedAt'> & {
  firstFiredAt: string;
  lastFiredAt: string;
  resolvedAt?: string;
};

/**
 * Alert cards in `alert_cards` and `alert_card_ids`. Creating a firing card relies on the partial
 * unique index of one firing card per fold key; updates are `… where version = expected`, inside a
 * transaction that also records the card's new alert ids.
 */
export class SqlAlertCardStore implements AlertCardStore {
  constructor(private readonly database: Database) {}

  async findFiring(foldKey: string): Promise<AlertCard | undefined> {
    const row = await this.guard('read', () =>
      this.database.db
        .selectFrom('alert_cards')
        .select('body')
        .where('fold_key', '=', foldKey)
        .where('state', '=', 'firing')
        .executeTakeFirst(),
    );
    return row ? fromBody(row.body) : undefined;
  }

  async listFiring(): Promise<AlertCard[]> {
    const rows = await this.guard('read', () =>
      this.database.db.selectFrom('alert_cards').select('body').where('state', '=', 'firing').execute(),
    );
    return rows.map((row) => fromBody(row.body));
  }

  async findByAlertId(alertId: string): Promise<AlertCard | undefined> {
    const row = await this.guard('read', () =>
      this.database.db
        .selectFrom('alert_card_ids')
        .innerJoin('alert_cards', 'alert_cards.id', 'alert_card_ids.card_id')
        .select('alert_cards.body')
        .where('alert_card_ids.alert_id', '=', alertId)
        .executeTakeFirst(),
    );
    return row ? fromBody(row.body) : undefined;
  }

  async create(card: NewAlertCard): Promise<AlertCard | undefined> {
    const stored: AlertCard = { ...card, id: randomUUID(), version: 1 };
    try {
      await this.database.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('alert_cards')
          .values({
            id: stored.id,
            fold_key: stored.foldKey,
            state: stored.state,
            version: stored.version,
            body: toBody(stored),
            updated_at: stored.lastFiredAt.toISOString(),
          })
          .execute();
        const ids = [...new Set([...stored.firedIds, ...stored.resolvedIds])];
        if (ids.length)
          await trx
            .insertInto('alert_card_ids')
            .values(ids.map((alertId) => ({ alert_id: alertId, card_id: stored.id })))
            .execute();
      });
      return stored;
    } catch (error) {
      if (isDuplicateKey(error)) return undefined;
      throw new StorageError(`The alert card could not be stored: ${describe(error)}`, { cause: error });
    }
  }

  async update(id: string, expectedVersion: number, patch: AlertCardPatch): Promise<AlertCard | undefined> {
    return this.guard('update', () =>
      this.database.db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('alert_cards')
          .select('body')
          .where('id', '=', id)
          .executeTakeFirst();
        if (!row) return undefined;
        const current = fromBody(row.body);
        if (current.version !== expectedVersion) return undefined;
        const next: AlertCard = { ...current, ...patch, version: expectedVersion + 1 };
        const result = await trx
          .updateTable('alert_cards')
          .set({
            state: next.state,
            version: next.version,
            body: toBody(next),
            updated_at: (next.resolvedAt ?? next.lastFiredAt).toISOString(),
          })
          .where('id', '=', id)
          .where('version', '=', expectedVersion)
          .executeTakeFirst();
        if (result.numUpdatedRows !== 1n) return undefined;
        const known = new Set([...current.firedIds, ...current.resolvedIds]);
        const added = [...new Set([...next.firedIds, ...next.resolvedIds])].filter((a) => !known.has(a));
        if (added.length)
          await trx
            .insertInto('alert_card_ids')
            .values(added.map((alertId) => ({ alert_id: alertId, card_id: id })))
            .onConflict((oc) => oc.column('alert_id').doNothing())
            .execute();
        return next;
      }),
    );
  }

  private async guard<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw new StorageError(`Alert cards could not ${what}: ${describe(error)}`, { cause: error });
    }
  }
}

function toBody(card: AlertCard): string {
  const { resolvedAt, ...rest } = card;
  const stored: StoredCard = {
    ...rest,
    firstFiredAt: card.firstFiredAt.toISOString(),
    lastFiredAt: card.lastFiredAt.toISOString(),
    ...(resolvedAt ? { resolvedAt: resolvedAt.toISOString() } : {}),
  };
  return JSON.stringify(stored);
}

function fromBody(body: string): AlertCard {
  const stored = JSON.parse(body) as StoredCard;
  const { resolvedAt, ...rest } = stored;
  return {
    ...rest,
    firstFiredAt: new Date(stored.firstFiredAt),
    lastFiredAt: new Date(stored.lastFiredAt),
    ...(resolvedAt ? { resolvedAt: new Date(resolvedAt) } : {}),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
