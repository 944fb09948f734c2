import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import { StorageError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import * as auditAndKv from './migrations/001-audit-and-kv';
import * as changeRequests from './migrations/002-change-requests';
import * as durableJobs from './migrations/003-durable-jobs';
import * as incidents from './migrations/004-incidents';
import * as activityDeliveries from './migrations/005-activity-deliveries';
import * as alertCards from './migrations/006-alert-cards';
import type { StorageSchema } from './storage-schema';

/** Which SQL engine a database runs on. */
export type DatabaseDialect = 'sqlite' | 'postgres';

/** What a migration may need to know about the engine it runs on; the rest of its code is shared. */
export interface MigrationContext {
  dialect: DatabaseDialect;
  /** Column type for an instant: `timestamptz` on PostgreSQL, ISO-8601 UTC text on SQLite. */
  instantType: 'timestamptz' | 'text';
  /** Adds `id`, an auto-incrementing 64-bit primary key, as the table's first column. */
  addIdColumn(table: CreateTableBuilder<string, never>): CreateTableBuilder<string, 'id'>;
}

/** One schema change, in `migrations/NNN-name.ts`. Migrations only go forward. */
export interface StorageMigration {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on the current schema type
  up(db: Kysely<any>, ctx: MigrationContext): Promise<void>;
}

/** Every migration, in order. Adding one: a new file in `migrations/` and a line here. */
const migrations: Record<string, StorageMigration> = {
  '001-audit-and-kv': auditAndKv,
  '002-change-requests': changeRequests,
  '003-durable-jobs': durableJobs,
  '004-incidents': incidents,
  '005-activity-deliveries': activityDeliveries,
  '006-alert-cards': alertCards,
};

/**
 * The bookkeeping table: one row per applied migration. The name and columns are those of Kysely's
 * own migrator, which opsbot used before, so databases it migrated are read as they are.
 */
const bookkeepingTable = 'kysely_migration';

/** How to migrate: the engine and where to log. */
export interface MigrateOptions {
  dialect: DatabaseDialect;
  logger: Logger;
}

/**
 * Applies the migrations not applied yet, all in one transaction, so two instances starting together
 * apply each migration once and a failed migration leaves nothing half done.
 *
 * It only ever looks at its own schema: on PostgreSQL the tables live in the connection's
 * `current_schema()`, the lock is a transaction-scoped advisory lock keyed by that schema, and the
 * bookkeeping table is created with `if not exists` under the lock. (Kysely's `Migrator` looked for its
 * table by introspecting every table of every schema in the database; a schema dropped by another
 * session during that scan failed the start-up with "schema … does not exist".) On SQLite the
 * transaction is `begin immediate`, which takes the file's write lock before reading anything.
 * Returns the names applied by this call.
 */
export async function migrateToLatest(db: Kysely<StorageSchema>, options: MigrateOptions): Promise<string[]> {
  const ctx = migrationContext(options.dialect);
  const known = knownMigrations();
  let applied: string[];
  try {
    applied = await db.connection().execute(async (connection) => {
      await sql.raw(options.dialect === 'sqlite' ? 'begin immediate' : 'begin').execute(connection);
      try {
        const names = await applyPending(connection, ctx, known);
        await sql.raw('commit').execute(connection);
        return names;
      } catch (error) {
        await sql
          .raw('rollback')
          .execute(connection)
          .catch(() => undefined);
        throw error;
      }
    });
  } catch (error) {
    if (error instanceof StorageError) throw error;
    throw new StorageError(`Database migrations could not run: ${describe(error)}`, { cause: error });
  }
  for (const name of applied) options.logger.info({ migration: name }, 'database migration applied');
  return applied;
}

/** The names of all migrations this build knows, in order. */
export function knownMigrations(): string[] {
  return Object.keys(migrations).sort();
}

async function applyPending(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bookkeeping table is not part of the schema type
  connection: Kysely<any>,
  ctx: MigrationContext,
  known: string[],
): Promise<string[]> {
  if (ctx.dialect === 'postgres') {
    await sql`select pg_advisory_xact_lock(hashtext('opsbot.migrations'), hashtext(current_schema()))`.execute(
      connection,
    );
  }
  await connection.schema
    .createTable(bookkeepingTable)
    .ifNotExists()
    .addColumn('name', 'varchar(255)', (col) => col.notNull().primaryKey())
    .addColumn('timestamp', 'varchar(255)', (col) => col.notNull())
    .execute();
  const rows: { name: string }[] = await connection.selectFrom(bookkeepingTable).select('name').execute();
  const done = new Set(rows.map((row) => row.name));
  const unknown = [...done].filter((name) => !known.includes(name)).sort();
  if (unknown.length) {
    throw new StorageError(
      `The database was migrated by a newer opsbot: it has ${unknown.join(', ')}, which this build does not know. ` +
        'Run the newer version, or restore a backup taken before it.',
    );
  }
  const pending = known.filter((name) => !done.has(name));
  for (const name of pending) {
    try {
      await migrations[name].up(connection, ctx);
    } catch (error) {
      throw new StorageError(`Database migration "${name}" failed: ${describe(error)}`, { cause: error });
    }
    await connection
      .insertInto(bookkeepingTable)
      .values({ name, timestamp: new Date().toISOString() })
      .execute();
  }
  return pending;
}

function migrationContext(dialect: DatabaseDialect): MigrationContext {
  if (dialect === 'postgres') {
    return {
      dialect,
      instantType: 'timestamptz',
      addIdColumn: (table) =>
        table.addColumn('id', 'bigint', (col) => col.generatedAlwaysAsIdentity().primaryKey()),
    };
  }
  return {
    dialect,
    instantType: 'text',
    addIdColumn: (table) => table.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement()),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}
