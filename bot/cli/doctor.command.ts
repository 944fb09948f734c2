import { runAzureDoctor } from '../../adapters/azure/azure-doctor';
import { createAzureLandingZone } from '../../adapters/azure/create-azure-landing-zone';
import { ConfigError } from '../../core/errors';
import { silentLogger } from '../../core/logger';
import { loadBotConfig } from '../config';
import type { Subcommand } from './opsbot.cli';

const usage = `Usage: opsbot doctor

Checks a live landing zone in read-only mode: makes every read the bot makes, as the bot's Azure
identity (DefaultAzureCredential; AZURE_CLIENT_ID for a user-assigned identity), and prints one line
per read: ok with what it read, 403 with the missing permission and its scope, 404 with the missing
resource. Calls no change operation and reads no secret value.

Settings: OPSBOT_CONFIG and the AZURE_* variables of .env.sample. Exit code 0 when every check is ok.
`;

/** `opsbot doctor`: the live smoke test of the Azure adapters, read-only. */
export const doctor: Subcommand = async (argv) => {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(usage);
    return 0;
  }
  if (argv.length) {
    process.stderr.write(`opsbot doctor: unexpected argument "${argv[0]}".\n\n${usage}`);
    return 2;
  }
  try {
    // Only the landing-zone file and the AZURE_* settings matter here; the bot itself is not started.
    const config = loadBotConfig({ ...process.env, LANDING_ZONE: 'simulator' });
    const azure = createAzureLandingZone(config.landingZone, config.azure, { logger: silentLogger });
    const results = await runAzureDoctor(azure, azure.effectiveConfig, (line) =>
      process.stdout.write(`${line}\n`),
    );
    return results.every((r) => r.outcome === 'ok' || r.outcome === 'skip') ? 0 : 1;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`opsbot doctor: configuration error:\n${error.message}\n`);
      return 1;
    }
    throw error;
  }
};
