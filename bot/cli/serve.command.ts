import { ConfigError } from '../../core/errors';
import { startBot } from '../index';
import type { Subcommand } from './opsbot.cli';

/**
 * `opsbot serve` (what `npm start` runs): starts the bot on its configured port, says where it
 * listens and in which mode, and shuts down gracefully on SIGTERM or SIGINT.
 */
export const serve: Subcommand = async (argv) => {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write('Usage: opsbot serve\n\nSettings come from the environment; see .env.sample.\n');
    return 0;
  }
  let bot;
  try {
    bot = await startBot();
  } catch (error) {
    if (error instanceof ConfigError || (error as { code?: string }).code === 'OPS-101') {
      process.stderr.write(`opsbot: configuration error, not starting:\n${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  }
  const { config } = bot;
  const endpoint = `${bot.url}/api/messages`;
  process.stdout.write(
    config.localMode
      ? `\nopsbot is listening on ${endpoint}\n` +
          '  LOCAL MODE: no MICROSOFT_APP_ID, requests are not authenticated, and only this machine can connect (127.0.0.1).\n' +
          `  Landing zone: ${config.landingZoneKind}${bot.landingZone.simulated ? ' (simulated data)' : ''}. ` +
          `Health: ${bot.url}/healthz. Stop with Ctrl+C.\n\n`
      : `\nopsbot is listening on ${endpoint} (production mode, Bot Framework authentication on).\n\n`,
  );

  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      bot.logger.info({ signal }, 'shutting down');
      resolve();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  await bot.close();
  return 0;
};
