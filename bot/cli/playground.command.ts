import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ConfigError } from '../../core/errors';
import { loadBotConfig } from '../config';
import { startAgentsPlayground } from '../dev/agents-playground';
import { buildPlaygroundConfig, findRosterPerson, playgroundConfigFileName } from '../dev/playground-config';
import { startBot, type RunningBot } from '../index';
import type { Subcommand } from './opsbot.cli';
import { projectRoot } from '../project-root';

const defaultPlaygroundPort = 56150;

const usage = `Usage: npm run playground [-- options]   (or: npx opsbot playground [options])

Starts opsbot (unless it already answers on its port) and the Microsoft 365 Agents Playground
against it, both on 127.0.0.1. Open the printed address in a browser.
  --as <name|aadObjectId>  chat as this person of the roster (default: the roster's first person)
  --port <n>               the playground's port (default ${defaultPlaygroundPort})
  --write-config           rewrite ${playgroundConfigFileName} from the roster and exit
`;

interface PlaygroundArgs {
  as?: string;
  port: number;
  writeConfig: boolean;
  help: boolean;
}

function parseArgs(argv: string[]): PlaygroundArgs | string {
  const args: PlaygroundArgs = { port: defaultPlaygroundPort, writeConfig: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--write-config') args.writeConfig = true;
    else if (arg === '--as' || arg === '--port') {
      const value = argv[++i];
      if (value === undefined) return `${arg} needs a value.`;
      if (arg === '--as') args.as = value;
      else if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 65535)
        return `--port: expected a port number, got "${value}".`;
      else args.port = Number(value);
    } else return `unknown argument "${arg}".`;
  }
  return args;
}

async function probeHealth(url: string): Promise<{ mode?: string } | undefined> {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
    if (!response.ok) return undefined;
    return (await response.json()) as { mode?: string };
  } catch {
    return undefined;
  }
}

/** `opsbot playground`: the bot and the Agents Playground, both on loopback, until Ctrl+C. */
export const playground: Subcommand = async (argv) => {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`opsbot playground: ${args}\n\n${usage}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(usage);
    return 0;
  }
  const env = process.env;
  let config;
  try {
    config = loadBotConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`opsbot playground: configuration error:\n${error.message}\n`);
      return 1;
    }
    throw error;
  }
  if (!config.localMode) {
    process.stderr.write(
      'opsbot playground: MICROSOFT_APP_ID is set, so the bot would require Bot Framework tokens the playground does not send.\n' +
        'Unset MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD to run opsbot in local mode for the playground.\n',
    );
    return 1;
  }

  let playgroundConfig: string;
  try {
    playgroundConfig = buildPlaygroundConfig(config.landingZone, args.as);
  } catch (error) {
    process.stderr.write(`opsbot playground: ${(error as Error).message}\n`);
    return 2;
  }
  if (args.writeConfig) {
    const path = join(projectRoot, playgroundConfigFileName);
    writeFileSync(path, buildPlaygroundConfig(config.landingZone));
    process.stdout.write(`wrote ${relative(process.cwd(), path) || path}\n`);
    return 0;
  }

  const workDir = join(projectRoot, 'data', 'playground');
  mkdirSync(workDir, { recursive: true });
  const configPath = join(workDir, 'm365agentsplayground.yml');
  writeFileSync(configPath, playgroundConfig);

  const botUrl = `http://127.0.0.1:${config.port}`;
  let bot: RunningBot | undefined;
  const health = await probeHealth(botUrl);
  if (health && health.mode !== 'local') {
    process.stderr.write(
      `opsbot playground: the bot on ${botUrl} runs in ${health.mode ?? 'an unknown'} mode; the playground needs local mode.\n`,
    );
    return 1;
  }
  if (health) {
    process.stdout.write(`Using the opsbot already running on ${botUrl}.\n`);
  } else {
    bot = await startBot({
      env,
      logDestination: createWriteStream(join(workDir, 'bot.log'), { flags: 'a' }),
    });
    process.stdout.write(
      `Started opsbot on ${bot.url} (local mode, log in ${relative(process.cwd(), join(workDir, 'bot.log'))}).\n`,
    );
  }

  let running;
  try {
    running = await startAgentsPlayground({
      botUrl: bot?.url ?? botUrl,
      port: args.port,
      configPath,
      logFile: join(workDir, 'playground.log'),
      env,
    });
  } catch (error) {
    await bot?.close();
    process.stderr.write(`opsbot playground: ${(error as Error).message}\n`);
    return 1;
  }
  const me = args.as ? findRosterPerson(config.landingZone, args.as) : config.landingZone.people[0];
  process.stdout.write(
    `\nAgents Playground: ${running.url}  (listening on 127.0.0.1 only; telemetry off)\n` +
      `You are ${me?.name} (${me?.roles.join(', ')}). Others: npm run playground -- --as "<name>". Stop with Ctrl+C.\n\n`,
  );

  let stopping = false;
  const code = await new Promise<number>((done) => {
    const stop = () => {
      stopping = true;
      done(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    void running.exited.then((exitCode) => {
      if (stopping) return;
      process.stderr.write(`The Agents Playground stopped (exit code ${exitCode}).\n`);
      done(exitCode === 0 ? 0 : 1);
    });
  });
  await running.close();
  await bot?.close();
  return code;
};
