import { Migrator, type CreateTableBuilder, type Kysely, type Migration, type MigrationResult } from 'kysely';
import { StorageError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import * as auditAndKv from './migrations/001-audit-and-kv';
import * as durableJobs from './migrations/003-durable-jobs';
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
  '003-durable-jobs': durableJobs,
};

/** How to migrate: the engine, where the tables live, where to log. */
export interface MigrateOptions {
  dialect: DatabaseDialect;
  /**
   * PostgreSQL schema that holds the tables and the migrator's bookkeeping (`kysely_migration`,
   * `kysely_migration_lock`): the connection's `current_schema()`. Absent on SQLite.
   */
  schema?: string;
  logger: Logger;
}

/**
 * Applies the migrations not applied yet, in one transaction, under the migrator's lock (a
 * PostgreSQL advisory lock), so two instances starting together apply each migration once.
 * Returns the names applied by this call.
 */
export async function migrateToLatest(db: Kysely<StorageSchema>, options: MigrateOptions): Promise<string[]> {
  const ctx = migrationContext(options.dialect);
  const provided: Record<string, Migration> = {};
  for (const [name, migration] of Object.entries(migrations)) {
    provided[name] = { up: (trx) => migration.up(trx, ctx) };
  }
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => provided },
    migrationTableSchema: options.schema,
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  const applied = results.filter((r: MigrationResult) => r.status === 'Success').map((r) => r.migrationName);
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new StorageError(
      failed
        ? `Database migration "${failed}" failed: ${reason}`
        : `Database migrations could not run: ${reason}`,
      { cause: error },
    );
  }
  for (const name of applied) options.logger.info({ migration: name }, 'database migration applied');
  return applied;
}

/** The names of all migrations this build knows, in order. */
export function knownMigrations(): string[] {
  return Object.keys(migrations).sort();
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
