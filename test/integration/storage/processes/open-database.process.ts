/**
 * A child process for the storage tests: waits until the instant given in argv[3] (ms since the epoch),
 * opens the database at argv[2], prints the migrations it applied as one JSON line, and exits.
 */
import { openDatabase } from '../../../../adapters/storage/database';

async function main(): Promise<void> {
  const [url, startAt] = process.argv.slice(2);
  const wait = Number(startAt) - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const database = await openDatabase(url);
  process.stdout.write(`${JSON.stringify({ applied: database.appliedMigrations })}\n`);
  await database.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
