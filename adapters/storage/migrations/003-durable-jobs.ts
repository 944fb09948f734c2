import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../migrator';

/** Durable jobs: work due later (scheduled changes, approval expiry, escalation timers), claimed under a lease. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on the current schema type
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('durable_jobs')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('key', 'text', (col) => col.notNull().unique())
    .addColumn('due_at', ctx.instantType, (col) => col.notNull())
    .addColumn('payload', 'text', (col) => col.notNull())
    .addColumn('state', 'text', (col) =>
      col.notNull().check(sql`state in ('pending', 'running', 'done', 'failed', 'cancelled')`),
    )
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', ctx.instantType)
    .addColumn('created_at', ctx.instantType, (col) => col.notNull())
    .addColumn('finished_at', ctx.instantType)
    .execute();
  await db.schema
    .createIndex('durable_jobs_state_due_at_idx')
    .on('durable_jobs')
    .columns(['state', 'due_at'])
    .execute();
}
