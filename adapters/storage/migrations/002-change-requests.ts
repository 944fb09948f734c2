import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migrator';

/**
 * Change requests (`CHG-00012`): one row each, the request as a JSON document beside the columns that
 * are searched or compared, and the posted copies of each change's card.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on the current schema type
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('change_requests')
    .addColumn('number', 'integer', (col) => col.primaryKey())
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('requester_id', 'text', (col) => col.notNull())
    .addColumn('conversation_id', 'text', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('created_at', ctx.instantType, (col) => col.notNull())
    .addColumn('updated_at', ctx.instantType, (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('change_requests_state_idx')
    .on('change_requests')
    .columns(['state', 'number'])
    .execute();
  await db.schema
    .createTable('change_card_copies')
    .addColumn('change_number', 'integer', (col) => col.notNull())
    .addColumn('conversation_id', 'text', (col) => col.notNull())
    .addColumn('activity_id', 'text', (col) => col.notNull())
    .addColumn('viewer_id', 'text')
    .addColumn('reference', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('change_card_copies_pk', ['change_number', 'conversation_id', 'activity_id'])
    .execute();
  await db.schema
    .createTable('conversation_references')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('aad_object_id', 'text')
    .addColumn('conversation_type', 'text', (col) => col.notNull())
    .addColumn('reference', 'text', (col) => col.notNull())
    .addColumn('updated_at', ctx.instantType, (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('conversation_references_aad_object_id_idx')
    .on('conversation_references')
    .column('aad_object_id')
    .execute();
}
