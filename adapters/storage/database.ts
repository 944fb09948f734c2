import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { Pool } from 'pg';
import { ConfigError, StorageError } from '../../core/errors';
import { silentLogger, type Logger } from '../../core/logger';
import { migrateToLatest, type DatabaseDialect } from './migrator';
import type { StorageSchema } from './storage-schema';

/** An open state store: one SQL database behind Kysely, migrated to the latest schema. */
export interface Database {
  readonly db: Kysely<StorageSchema>;
  readonly dialect: DatabaseDialect;
  /** Where the data lives, safe to log: a file path, `:memory:`, or the PostgreSQL URL without its password. */
  readonly location: string;
  /** Migrations applied while opening (empty when the schema was already current). */
  readonly appliedMigrations: readonly string[];
  /** Closes the connections; calling it again does nothing. */
  close(): Promise<void>;
}

/** Options for {@link openDatabase}. */
export interface OpenDatabaseOptions {
  logger?: Logger;
  /** Most PostgreSQL connections this process holds at once. Default 10. */
  maxConnections?: number;
  /** How long SQLite waits for another writer's lock before failing. Default 5000. */
  busyTimeoutInMs?: number;
}

const acceptedForms =
  'sqlite:<path> (relative to the working directory, e.g. sqlite:data/opsbot.db), sqlite::memory:, ' +
  'or postgres://user[:password]@host[:port]/database (postgresql:// works too)';

/**
 * Opens the state store named by `url` (the `DATABASE_URL` setting) and applies pending migrations.
 * SQLite files run in WAL mode with a busy timeout and foreign keys on; their directory is created.
 * On PostgreSQL the tables live in the connection's current schema, so `?options=-c search_path=…`
 * in the URL picks another one (it must exist).
 * Throws `ConfigError` for a URL of an unknown form and `StorageError` when the database cannot be
 * reached or migrated.
 */
export async function openDatabase(url: string, options: OpenDatabaseOptions = {}): Promise<Database> {
  const logger = (options.logger ?? silentLogger).child({ component: 'storage' });
  const target = parseDatabaseUrl(url);
  const opened =
    target.dialect === 'sqlite'
      ? openSqlite(target.file, options)
      : openPostgres(target.url, options, logger);
  try {
    if (opened.dialect === 'postgres') await currentSchema(opened.db, opened.location);
    const appliedMigrations = await migrateToLatest(opened.db, { dialect: opened.dialect, logger });
    logger.info({ dialect: opened.dialect, location: opened.location, appliedMigrations }, 'database open');
    let closing: Promise<void> | undefined;
    return {
      db: opened.db,
      dialect: opened.dialect,
      location: opened.location,
      appliedMigrations,
      close: () => (closing ??= opened.db.destroy()),
    };
  } catch (error) {
    await opened.db.destroy().catch(() => undefined);
    if (error instanceof StorageError || error instanceof ConfigError) throw error;
    throw new StorageError(`Cannot open the database at ${opened.location}: ${describe(error)}`, {
      cause: error,
    });
  }
}

type DatabaseTarget = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

function parseDatabaseUrl(url: string): DatabaseTarget {
  const trimmed = url.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === 'sqlite') {
    const rest = trimmed.slice('sqlite:'.length);
    if (rest === ':memory:') return { dialect: 'sqlite', file: ':memory:' };
    if (rest === '' || rest.startsWith('//')) {
      throw new ConfigError(
        `DATABASE_URL "${trimmed}" names no SQLite file. Accepted forms: ${acceptedForms}.`,
      );
    }
    return { dialect: 'sqlite', file: path.resolve(process.cwd(), rest) };
  }
  if (scheme === 'postgres' || scheme === 'postgresql') {
    let parsed: URL;
    try {
      parsed = new URL(trimmed);
    } catch {
      throw new ConfigError(`DATABASE_URL is not a valid PostgreSQL URL. Accepted forms: ${acceptedForms}.`);
    }
    if (!parsed.hostname && !parsed.searchParams.get('host')) {
      throw new ConfigError(`DATABASE_URL names no PostgreSQL host. Accepted forms: ${acceptedForms}.`);
    }
    return { dialect: 'postgres', url: trimmed };
  }
  const what = scheme ? `has the scheme "${scheme}:", which is not supported` : 'is empty or has no scheme';
  throw new ConfigError(`DATABASE_URL ${what}. Accepted forms: ${acceptedForms}.`);
}

interface OpenedKysely {
  db: Kysely<StorageSchema>;
  dialect: DatabaseDialect;
  location: string;
}

function openSqlite(file: string, options: OpenDatabaseOptions): OpenedKysely {
  let sqlite: BetterSqlite3.Database;
  try {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    sqlite = new BetterSqlite3(file);
    sqlite.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutInMs ?? 5000))}`);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
  } catch (error) {
    throw new StorageError(`Cannot open the SQLite database ${file}: ${describe(error)}`, { cause: error });
  }
  return {
    db: new Kysely<StorageSchema>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) }),
    dialect: 'sqlite',
    location: file,
  };
}

/**
 * Kysely prepares every query anew; the bot runs the same few statements every turn, so prepared
 * statements are kept by their SQL text (better-sqlite3 statements are reusable; the API is synchronous).
 */
function withStatementCache(sqlite: BetterSqlite3.Database): {
  prepare(sql: string): BetterSqlite3.Statement;
  close(): void;
} {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(text: string) {
      let statement = statements.get(text);
      if (!statement) {
        if (statements.size >= 500) statements.clear();
        statement = sqlite.prepare(text);
        statements.set(text, statement);
      }
      return statement;
    },
    close() {
      statements.clear();
      sqlite.close();
    },
  };
}

function openPostgres(url: string, options: OpenDatabaseOptions, logger: Logger): OpenedKysely {
  const pool = new Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    fallback_application_name: 'opsbot',
  });
  pool.on('error', (error) => logger.error({ err: error }, 'idle PostgreSQL connection failed'));
  return {
    db: new Kysely<StorageSchema>({ dialect: new PostgresDialect({ pool }) }),
    dialect: 'postgres',
    location: withoutPassword(url),
  };
}

/** Fails with a clear error when the URL's `search_path` selects no existing schema. */
async function currentSchema(db: Kysely<StorageSchema>, location: string): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) {
    throw new ConfigError(
      `DATABASE_URL (${location}) selects no existing schema: create the schema named in its search_path first.`,
    );
  }
  return schema;
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length) return describe(error.errors[0]);
  return error instanceof Error ? error.message || error.name : String(error);
}

/** Whether a failed insert broke a primary key or unique index, on either engine. */
export function isDuplicateKey(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
