import { systemClock } from '../../core/clock';
import { silentLogger } from '../../core/logger';
import type { RouteContext, Router } from '../../core/routing/router';
import { roleIds } from '../../core/config/landing-zone.schema';
import { formatRouteRecord, routeText, toRouteRecord } from '../../core/routing/route-record';
import { allSkills } from '../../skills/catalog';
import { buildRouter } from '../build-router';
import { loadBotConfig } from '../config';
import { lineBatches, QuietOutput } from './line-io';
import type { Subcommand } from './opsbot.cli';

const usage = `Usage: opsbot route "<text>"   route one message, print one JSON line
       opsbot route --stdin    route each input line, print one JSON line per input line, in order

Options:
  --stdin     read one message per line from standard input (LF or CRLF)
  --llm       route through the configured Azure OpenAI deployment (AZURE_OPENAI_*), the offline
              router as its fallback; each line also says which router answered
  --timing    with --stdin: print the routing time to stderr at the end
  --          what follows is the message, even when it starts with "-"
  -h, --help  print this help

Each line: {"text": "...", "skill": "<catalog id or none>", "args": {...}, "confidence": 0-1}
With --llm, also "router": "llm" (the model's proposal) or "offline" (a strict command, or a fallback).
The landing-zone config is OPSBOT_CONFIG, or config/landing-zone.yaml when unset.
`;

/** What the command line asks for; `error` when it makes no sense. */
interface RouteArguments {
  help: boolean;
  stdin: boolean;
  llm: boolean;
  timing: boolean;
  words: string[];
  error?: string;
}

function parseArguments(argv: string[]): RouteArguments {
  const parsed: RouteArguments = { help: false, stdin: false, llm: false, timing: false, words: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--') {
      parsed.words.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '--help' || arg === '-h') parsed.help = true;
    else if (arg === '--stdin') parsed.stdin = true;
    else if (arg === '--llm') parsed.llm = true;
    else if (arg === '--timing') parsed.timing = true;
    else if (/^-[^\s]/.test(arg) && !/^-\d/.test(arg)) parsed.error = `unknown option "${arg}"`;
    else parsed.words.push(arg);
  }
  if (parsed.error || parsed.help) return parsed;
  if (parsed.stdin && parsed.words.length) parsed.error = 'give either a message or --stdin, not both';
  else if (!parsed.stdin && parsed.words.length === 0) parsed.error = 'no message given';
  else if (parsed.timing && !parsed.stdin) parsed.error = '--timing goes with --stdin';
  return parsed;
}

/**
 * Who `opsbot route --llm` asks as: a caller with every role, so the model is offered every tool of
 * the catalog (the command only prints the proposal; it runs nothing).
 */
export const cliContext: RouteContext = {
  caller: { aadObjectId: 'opsbot-route-cli', roles: roleIds },
  conversationId: 'opsbot-route-cli',
  recentTurns: [],
};

async function routeLine(text: string, router: Router, sayWhich: boolean): Promise<string> {
  const intent = await routeText(text, router, sayWhich ? cliContext : undefined);
  const record = toRouteRecord(text, intent);
  if (sayWhich) record.router = intent.source === 'llm' ? 'llm' : 'offline';
  return `${formatRouteRecord(record)}\n`;
}

/**
 * `opsbot route`: prints the skill and arguments the offline router (or with `--llm` the Azure
 * OpenAI router) gives a message, as one JSON line per message. Loads only the config, the skill
 * declarations and the router (no bot framework).
 */
export const route: Subcommand = async (argv) => {
  const args = parseArguments(argv);
  if (args.help) {
    process.stdout.write(usage);
    return 0;
  }
  if (args.error) {
    process.stderr.write(`opsbot route: ${args.error}\n\n${usage}`);
    return 2;
  }
  const config = loadBotConfig(process.env);
  if (args.llm && !config.llm) {
    process.stderr.write(
      'opsbot route: --llm needs an Azure OpenAI deployment: set AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_DEPLOYMENT ' +
        '(and AZURE_OPENAI_API_KEY); see .env.sample\n',
    );
    return 2;
  }
  const { router } = await buildRouter(args.llm ? config : { ...config, llm: undefined }, {
    skills: allSkills,
    logger: silentLogger,
    clock: systemClock,
  });
  const output = new QuietOutput('opsbot route');

  if (!args.stdin) {
    output.write(await routeLine(args.words.join(' '), router, args.llm));
    return output.failed ? 1 : 0;
  }
  const startedAt = process.hrtime.bigint();
  let count = 0;
  for await (const lines of lineBatches(process.stdin)) {
    let batch = '';
    for (const line of lines) batch += await routeLine(line, router, args.llm);
    count += lines.length;
    output.write(batch);
    if (output.closed) break;
  }
  if (args.timing) {
    const ms = Number(process.hrtime.bigint() - startedAt) / 1e6;
    process.stderr.write(
      `routed ${count} messages in ${ms.toFixed(0)} ms after start-up (${(process.uptime() * 1000).toFixed(0)} ms since process start)\n`,
    );
  }
  return output.failed ? 1 : 0;
};
