/**
 * A bot instance in miniature for the two-process claim test: opens the database named by argv[2],
 * prints `ready`, waits for `go` on stdin, then runs a JobRunner (owner argv[3], clock fixed at
 * argv[4]) until a tick finds nothing left to claim, and prints `{"owner","ran":[keys]}` as its last line.
 */
import { createInterface } from 'node:readline';
import { openDatabase } from '../../../adapters/storage/database';
import { SqlJobStore } from '../../../adapters/storage/sql-job-store';
import { ManualClock } from '../../../core/clock';
import { JobRunner } from '../../../core/scheduling/job-runner';

async function main(): Promise<void> {
  const [url, owner, at] = process.argv.slice(2);
  const database = await openDatabase(url, { maxConnections: 4 });
  const ran: string[] = [];
  const runner = new JobRunner({
    store: new SqlJobStore(database),
    clock: new ManualClock(at),
    owner,
    batchSize: 5,
    handlers: {
      'test.count': async (job) => {
        ran.push(job.key);
        await new Promise((resolve) => setImmediate(resolve));
      },
    },
  });
  const lines = createInterface({ input: process.stdin });
  const go = new Promise<void>((resolve) => lines.on('line', (line) => line.trim() === 'go' && resolve()));
  process.stdout.write('ready\n');
  await go;
  lines.close();
  for (;;) {
    const { ran: done, failed } = await runner.tick();
    if (failed > 0) throw new Error(`${failed} jobs failed`);
    if (done === 0) break;
  }
  await database.close();
  process.stdout.write(`${JSON.stringify({ owner, ran })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
