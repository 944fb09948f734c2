import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../migrator';

/**
 * Alert cards: one row per card in the ops channel, and one row per Azure Monitor alert id folded
 * into a card. At most one firing card per fold key (a partial unique index), so two instances that
 * receive repeats of one alert together post one card.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on the current schema type
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('alert_cards')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('fold_key', 'text', (col) => col.notNull())
    .addColumn('state', 'text', (col) => col.notNull().check(sql`state in ('firing', 'resolved')`))
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('updated_at', ctx.instantType, (col) => col.notNull())
    .execute();
  await sql`create unique index alert_cards_one_firing_per_key on alert_cards (fold_key) where state = 'firing'`.execute(
    db,
  );
  await db.schema
    .createTable('alert_card_ids')
    .addColumn('alert_id', 'text', (col) => col.primaryKey())
    .addColumn('card_id', 'text', (col) => col.notNull())
    .execute();
}
