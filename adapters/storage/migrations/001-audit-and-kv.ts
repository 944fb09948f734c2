import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../migrator';

/** The audit log (append-only) and the key/value store for conversation and user state. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on the current schema type
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await ctx
    .addIdColumn(db.schema.createTable('audit_events'))
    .addColumn('at', ctx.instantType, (col) => col.notNull())
    .addColumn('correlation_id', 'text', (col) => col.notNull())
    .addColumn('actor_id', 'text', (col) => col.notNull())
    .addColumn('actor_name', 'text')
    .addColumn('conversation_id', 'text', (col) => col.notNull())
    .addColumn('skill', 'text', (col) => col.notNull())
    .addColumn('args', 'text', (col) => col.notNull())
    .addColumn('decision', 'text', (col) => col.notNull())
    .addColumn('outcome', 'text', (col) => col.notNull())
    .addColumn('detail', 'text')
    .execute();
  await db.schema
    .createIndex('audit_events_correlation_id_idx')
    .on('audit_events')
    .column('correlation_id')
    .execute();
  await db.schema.createIndex('audit_events_at_idx').on('audit_events').column('at').execute();
  await db.schema.createIndex('audit_events_skill_idx').on('audit_events').column('skill').execute();
  if (ctx.dialect === 'postgres') {
    await sql`create function audit_events_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_events is append-only'; end $$`.execute(db);
    await sql`create trigger audit_events_append_only before update or delete on audit_events
      for each row execute function audit_events_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_events_no_update before update on audit_events
      begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
    await sql`create trigger audit_events_no_delete before delete on audit_events
      begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
  }

  await db.schema
    .createTable('kv_items')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('value', 'text', (col) => col.notNull())
    .addColumn('etag', 'text', (col) => col.notNull())
    .addColumn('updated_at', ctx.instantType, (col) => col.notNull())
    .execute();
}
