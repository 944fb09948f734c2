import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { openDatabase, type Database, type OpenDatabaseOptions } from '../../../adapters/storage/database';

/** The engines the storage tests run on: SQLite always, PostgreSQL when `TEST_DATABASE_URL` is set. */
export const enginesUnderTest: ('sqlite' | 'postgres')[] = process.env.TEST_DATABASE_URL
  ? ['sqlite', 'postgres']
  : ['sqlite'];

/**
 * Fresh, empty databases for one test: a temp SQLite file, or a new PostgreSQL schema selected by
 * `search_path` in the URL, so test files can run in parallel against one PostgreSQL database.
 * `dispose()` closes what was opened and removes what was created.
 */
export class ScratchDatabases {
  private readonly opened: Database[] = [];
  private readonly dirs: string[] = [];
  private readonly schemas: string[] = [];

  constructor(readonly engine: 'sqlite' | 'postgres') {}

  /** The URL of a new, empty database. */
  async newUrl(): Promise<string> {
    if (this.engine === 'sqlite') {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-storage-'));
      this.dirs.push(dir);
      return `sqlite:${path.join(dir, 'opsbot.db')}`;
    }
    const schema = `opsbot_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    await adminQuery(`create schema "${schema}"`);
    this.schemas.push(schema);
    return withSearchPath(requiredBaseUrl(), schema);
  }

  /** Opens `url` and closes it again on `dispose()`. */
  async open(url: string, options?: OpenDatabaseOptions): Promise<Database> {
    const database = await openDatabase(url, options);
    this.opened.push(database);
    return database;
  }

  async dispose(): Promise<void> {
    await Promise.all(this.opened.splice(0).map((database) => database.close()));
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    for (const schema of this.schemas.splice(0))
      await adminQuery(`drop schema if exists "${schema}" cascade`);
  }
}

/** `base` with its connection options set to use `schema` only. */
export function withSearchPath(base: string, schema: string): string {
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

function requiredBaseUrl(): string {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  return base;
}

async function adminQuery(text: string): Promise<void> {
  const client = new Client({ connectionString: requiredBaseUrl() });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
