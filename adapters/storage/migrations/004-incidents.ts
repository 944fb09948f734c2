import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../migrator';

/** Incidents, their timelines, and the counter their `INC-nnnn` numbers come from. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on the current schema type
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('incident_sequence')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('value', 'integer', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('incidents')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('number', 'integer', (col) => col.notNull().unique())
    .addColumn('summary', 'text', (col) => col.notNull())
    .addColumn('severity', 'text', (col) => col.notNull().check(sql`severity in ('P1', 'P2', 'P3', 'P4')`))
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('state', 'text', (col) =>
      col.notNull().check(sql`state in ('declared', 'acknowledged', 'escalated', 'resolved')`),
    )
    .addColumn('owner_id', 'text', (col) => col.notNull())
    .addColumn('owner_name', 'text', (col) => col.notNull())
    .addColumn('declared_by_id', 'text', (col) => col.notNull())
    .addColumn('declared_by_name', 'text', (col) => col.notNull())
    .addColumn('conversation_id', 'text', (col) => col.notNull())
    .addColumn('card_activity_id', 'text')
    .addColumn('tier', 'text', (col) => col.notNull())
    .addColumn('tier_index', 'integer', (col) => col.notNull())
    .addColumn('engaged', 'text', (col) => col.notNull())
    .addColumn('declared_at', ctx.instantType, (col) => col.notNull())
    .addColumn('updated_at', ctx.instantType, (col) => col.notNull())
    .addColumn('response_due_at', ctx.instantType, (col) => col.notNull())
    .addColumn('responded_at', ctx.instantType)
    .addColumn('next_escalation_at', ctx.instantType)
    .addColumn('resolved_at', ctx.instantType)
    .addColumn('resolution', 'text')
    .addColumn('external_refs', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('incidents_state_idx').on('incidents').column('state').execute();
  await db.schema
    .createIndex('incidents_conversation_idx')
    .on('incidents')
    .column('conversation_id')
    .execute();
  await ctx
    .addIdColumn(db.schema.createTable('incident_timeline'))
    .addColumn('incident_id', 'text', (col) => col.notNull().references('incidents.id'))
    .addColumn('at', ctx.instantType, (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('data', 'text')
    .execute();
  await db.schema
    .createIndex('incident_timeline_incident_idx')
    .on('incident_timeline')
    .columns(['incident_id', 'id'])
    .execute();
}
