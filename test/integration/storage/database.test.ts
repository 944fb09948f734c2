import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { Client } from 'pg';
import { openDatabase } from '../../../adapters/storage/database';
import { knownMigrations } from '../../../adapters/storage/migrator';
import { SqlAuditLog } from '../../../adapters/storage/sql-audit-log';
import { SqlKeyValueStore } from '../../../adapters/storage/sql-key-value-store';
import { ConfigError, StorageError } from '../../../core/errors';
import { ScratchDatabases, enginesUnderTest, withSearchPath } from './scratch-databases';

describe('openDatabase: the DATABASE_URL forms', () => {
  it.each(['mysql://root@127.0.0.1/opsbot', 'data/opsbot.db', '', 'sqlite:', 'sqlite://data/opsbot.db'])(
    'refuses %j with a ConfigError that names DATABASE_URL and the accepted forms',
    async (url) => {
      const failure = openDatabase(url);
      await expect(failure).rejects.toBeInstanceOf(ConfigError);
      await expect(failure).rejects.toThrow(/DATABASE_URL/);
      await expect(failure).rejects.toThrow(/sqlite:data\/opsbot\.db.*sqlite::memory:.*postgres:\/\//);
    },
  );

  it('never repeats a password from a refused URL', async () => {
    await expect(openDatabase('mysql://admin:hunter2@127.0.0.1/opsbot')).rejects.toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });

  it('reports an unreachable PostgreSQL server as a StorageError without the password', async () => {
    const failure = openDatabase('postgres://opsbot:hunter2@127.0.0.1:1/opsbot');
    await expect(failure).rejects.toBeInstanceOf(StorageError);
    await expect(failure).rejects.toMatchObject({ code: 'OPS-501' });
    await expect(failure).rejects.toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
    await expect(failure).rejects.toThrow(/127\.0\.0\.1:1/);
  });

  describe('SQLite', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-db-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('resolves a relative path against the working directory and creates its directory', async () => {
      const file = path.join(dir, 'nested', 'deeper', 'opsbot.db');
      const database = await openDatabase(`sqlite:${path.relative(process.cwd(), file)}`);
      try {
        expect(database.dialect).toBe('sqlite');
        expect(database.location).toBe(file);
        expect(existsSync(file)).toBe(true);
      } finally {
        await database.close();
      }
    });

    it('runs in WAL mode with a busy timeout and foreign keys on', async () => {
      const database = await openDatabase(`sqlite:${path.join(dir, 'opsbot.db')}`, { busyTimeoutInMs: 1234 });
      try {
        const pragma = async (name: string) =>
          Object.values((await sql.raw(`pragma ${name}`).execute(database.db)).rows[0] as object)[0];
        expect(await pragma('journal_mode')).toBe('wal');
        expect(await pragma('busy_timeout')).toBe(1234);
        expect(await pragma('foreign_keys')).toBe(1);
      } finally {
        await database.close();
      }
    });

    it('opens an in-memory database with the full schema', async () => {
      const database = await openDatabase('sqlite::memory:');
      try {
        expect(database.appliedMigrations).toEqual(knownMigrations());
        await new SqlKeyValueStore(database).write({ k: { value: { n: 1 } } });
        expect((await new SqlKeyValueStore(database).read(['k'])).k.value).toEqual({ n: 1 });
      } finally {
        await database.close();
        await database.close();
      }
    });
  });
});

const execFileAsync = promisify(execFile);

describe.each(enginesUnderTest)('openDatabase on %s', (engine) => {
  const scratch = new ScratchDatabases(engine);
  afterEach(() => scratch.dispose());

  it('migrates a new database once and keeps everything across a restart', async () => {
    const url = await scratch.newUrl();
    const first = await scratch.open(url);
    expect(first.dialect).toBe(engine);
    expect(first.appliedMigrations).toEqual([
      '001-audit-and-kv',
      '002-change-requests',
      '003-durable-jobs',
      '004-incidents',
      '005-activity-deliveries',
      '006-alert-cards',
    ]);
    await new SqlAuditLog(first).append({
      at: new Date('2025-03-01T08:00:00.000Z'),
      correlationId: 'c-1',
      actorId: 'aad-1',
      conversationId: 'conv-1',
      skill: 'status.overview',
      args: {},
      decision: 'allowed',
      outcome: 'ok',
    });
    await new SqlKeyValueStore(first).write({ 'conv-1/state': { value: { step: 'clarify' } } });
    const { eTag } = (await new SqlKeyValueStore(first).read(['conv-1/state']))['conv-1/state'];
    await first.close();

    const second = await scratch.open(url);
    expect(second.appliedMigrations).toEqual([]);
    expect(await new SqlAuditLog(second).list()).toHaveLength(1);
    expect(await new SqlKeyValueStore(second).read(['conv-1/state'])).toEqual({
      'conv-1/state': { value: { step: 'clarify' }, eTag },
    });
    const recorded = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
      second.db,
    );
    expect(recorded.rows.map((row) => row.name)).toEqual(knownMigrations());
  });

  it('refuses a database migrated by a newer build, naming the migration it does not know', async () => {
    const url = await scratch.newUrl();
    const first = await scratch.open(url);
    await sql`insert into kysely_migration (name, timestamp) values ('999-from-the-future', '2030-01-01')`.execute(
      first.db,
    );
    await first.close();
    const failure = openDatabase(url);
    await expect(failure).rejects.toBeInstanceOf(StorageError);
    await expect(failure).rejects.toThrow(/newer opsbot.*999-from-the-future/);
  });

  if (engine === 'postgres') {
    it('lets two instances start together on a new schema and migrates it once', async () => {
      const url = await scratch.newUrl();
      const [a, b] = await Promise.all([scratch.open(url), scratch.open(url)]);
      expect([...a.appliedMigrations, ...b.appliedMigrations]).toEqual(knownMigrations());
      const recorded = await sql<{ n: string }>`select count(*) as n from kysely_migration`.execute(a.db);
      expect(Number(recorded.rows[0].n)).toBe(knownMigrations().length);
    });

    it('migrates while other sessions create and drop schemas of their own', async () => {
      // Another bot, test file or tenant dropping its schema at the same moment once failed the start-up
      // ("schema … does not exist"): the old migrator introspected every table of every schema.
      const churn = new Client({ connectionString: process.env.TEST_DATABASE_URL });
      await churn.connect();
      let stop = false;
      let churned = 0;
      const loop = (async () => {
        while (!stop) {
          const other = `opsbot_churn_${process.pid}_${churned++}`;
          await churn.query(`create schema "${other}"; create table "${other}".t (a int, b text, c bigint)`);
          await churn.query(`drop schema "${other}" cascade`);
        }
      })();
      const failures: string[] = [];
      try {
        for (let i = 0; i < 25; i++) {
          const database = await openDatabase(await scratch.newUrl()).catch((error: Error) => {
            failures.push(error.message);
            return undefined;
          });
          await database?.close();
        }
      } finally {
        stop = true;
        await loop;
        await churn.end();
      }
      expect(churned).toBeGreaterThan(10);
      expect(failures).toEqual([]);
    });

    it('lets two processes start at the same instant on one empty schema and migrates it once', async () => {
      const url = await scratch.newUrl();
      const child = path.join(__dirname, 'processes', 'open-database.process.ts');
      const startAt = String(Date.now() + 1500);
      const run = () =>
        execFileAsync(process.execPath, ['-r', 'tsx/cjs', child, url, startAt], { timeout: 20000 });
      const outputs = await Promise.all([run(), run()]);
      const applied = outputs.map(
        ({ stdout }) => (JSON.parse(stdout.trim()) as { applied: string[] }).applied,
      );
      expect(applied.flat().sort()).toEqual(knownMigrations());
      const database = await scratch.open(url);
      const recorded = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
        database.db,
      );
      expect(recorded.rows.map((row) => row.name)).toEqual(knownMigrations());
    }, 30000);

    it('keeps schemas apart: tables land in the schema the URL selects', async () => {
      const one = await scratch.open(await scratch.newUrl());
      const two = await scratch.open(await scratch.newUrl());
      await new SqlKeyValueStore(one).write({ k: { value: { from: 'one' } } });
      expect(await new SqlKeyValueStore(two).read(['k'])).toEqual({});
    });

    it('refuses a URL whose search_path names a schema that does not exist', async () => {
      const url = withSearchPath(process.env.TEST_DATABASE_URL!, 'opsbot_no_such_schema');
      await expect(openDatabase(url)).rejects.toBeInstanceOf(ConfigError);
      await expect(openDatabase(url)).rejects.toThrow(/search_path/);
    });
  }
});
