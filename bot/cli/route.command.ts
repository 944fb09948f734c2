import { nlpjsIntentModels } from '../../adapters/nlu/nlpjs-intent-model';
import { createOfflineRouter } from '../../core/routing/offline-router';
import type { Router } from '../../core/routing/router';
import { formatRouteRecord, routeText, toRouteRecord } from '../../core/routing/route-record';
import { allSkills } from '../../skills/catalog';
import { loadBotConfig } from '../config';
import { lineBatches, QuietOutput } from './line-io';
import type { Subcommand } from './opsbot.cli';

const usage = `Usage: opsbot route "<text>"   route one message, print one JSON line
       opsbot route --stdin    route each input line, print one JSON line per input line, in order

Options:
  --stdin     read one message per line from standard input (LF or CRLF)
  --timing    with --stdin: print the routing time to stderr at the end
  --          what follows is the message, even when it starts with "-"
  -h, --help  print this help

Each line: {"text": "...", "skill": "<catalog id or none>", "args": {...}, "confidence": 0-1}
The landing-zone config is OPSBOT_CONFIG, or config/landing-zone.yaml when unset.
`;

/** What the command line asks for; `error` when it makes no sense. */
interface RouteArguments {
  help: boolean;
  stdin: boolean;
  timing: boolean;
  words: string[];
  error?: string;
}

function parseArguments(argv: string[]): RouteArguments {
  const parsed: RouteArguments = { help: false, stdin: false, timing: false, words: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--') {
      parsed.words.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '--help' || arg === '-h') parsed.help = true;
    else if (arg === '--stdin') parsed.stdin = true;
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

async function routeLine(text: string, router: Router): Promise<string> {
  return `${formatRouteRecord(toRouteRecord(text, await routeText(text, router)))}\n`;
}

/**
 * `opsbot route`: prints the skill and arguments the offline router gives a message, as one JSON
 * line per message. Loads only the config, the skill declarations and the router (no bot framework).
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
  const config = loadBotConfig(process.env).landingZone;
  const router = await createOfflineRouter({ config, skills: allSkills, intentModels: nlpjsIntentModels });
  const output = new QuietOutput('opsbot route');

  if (!args.stdin) {
    output.write(await routeLine(args.words.join(' '), router));
    return output.failed ? 1 : 0;
  }
  const startedAt = process.hrtime.bigint();
  let count = 0;
  for await (const lines of lineBatches(process.stdin)) {
    let batch = '';
    for (const line of lines) batch += await routeLine(line, router);
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
