/**
 * A child process for the multi-instance tests: starts opsbot on a free port with the environment it
 * was given (DATABASE_URL, SIM_CLOCK_START, JOB_POLL_INTERVAL_MS …), prints `{"url": …}` as one JSON
 * line, and stops cleanly on SIGTERM.
 */
import { Writable } from 'node:stream';
import { startBot } from '../../../../bot/index';

async function main(): Promise<void> {
  const bot = await startBot({
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn' },
    logDestination: new Writable({ write: (_chunk, _encoding, done) => done() }),
  });
  process.stdout.write(`${JSON.stringify({ url: bot.url })}\n`);
  process.on('SIGTERM', () => {
    void bot.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
