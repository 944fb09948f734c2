import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migrator';

/** Activity deliveries: one row per activity id and conversation, so a redelivered activity runs no second turn. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on the current schema type
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('activity_deliveries')
    .addColumn('conversation_id', 'text', (col) => col.notNull())
    .addColumn('activity_id', 'text', (col) => col.notNull())
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('received_at', ctx.instantType, (col) => col.notNull())
    .addColumn('lease_until', ctx.instantType, (col) => col.notNull())
    .addColumn('handled_at', ctx.instantType)
    .addColumn('response', 'text')
    .addPrimaryKeyConstraint('activity_deliveries_pk', ['conversation_id', 'activity_id'])
    .execute();
  await db.schema
    .createIndex('activity_deliveries_received_at_idx')
    .on('activity_deliveries')
    .column('received_at')
    .execute();
}
