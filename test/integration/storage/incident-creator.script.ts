/**
 * A bot instance in miniature for the two-process incident test: opens the database named by
 * argv[2], prints `ready`, waits for `go` on stdin, declares argv[4] incidents as argv[3], then
 * prints `{"owner","ids":[…]}` as its last line.
 */
import { createInterface } from 'node:readline';
import { openDatabase } from '../../../adapters/storage/database';
import { SqlIncidentStore } from '../../../adapters/storage/sql-incident-store';
import { newIncident } from './incident-fixture';

async function main(): Promise<void> {
  const [url, owner, count] = process.argv.slice(2);
  const database = await openDatabase(url, { maxConnections: 4 });
  const store = new SqlIncidentStore(database);
  const lines = createInterface({ input: process.stdin });
  const go = new Promise<void>((resolve) => lines.on('line', (line) => line.trim() === 'go' && resolve()));
  process.stdout.write('ready\n');
  await go;
  lines.close();
  const ids: string[] = [];
  for (let i = 0; i < Number(count); i++) {
    ids.push((await store.create(newIncident({ summary: `${owner} ${i}` }), [])).id);
  }
  await database.close();
  process.stdout.write(`${JSON.stringify({ owner, ids })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
