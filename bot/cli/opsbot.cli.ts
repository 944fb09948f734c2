/**
 * The `opsbot` command. Each subcommand lives in its own module, loaded only when used, so that
 * `opsbot route` does not pay for the bot framework and `opsbot serve` does not train twice.
 */

/** A subcommand: takes the arguments after its name, resolves to the process exit code. */
export type Subcommand = (argv: string[]) => Promise<number>;

const subcommands: Record<string, { summary: string; load: () => Promise<Subcommand> }> = {
  serve: {
    summary: 'run the bot (what `npm start` does)',
    load: async () => (require('./serve.command') as typeof import('./serve.command')).serve,
  },
  route: {
    summary: 'route "<text>" | --stdin: print the skill and arguments a message maps to, as JSON lines',
    load: async () => (require('./route.command') as typeof import('./route.command')).route,
  },
  ask: {
    summary: 'ask "<question>" | --stdin: answer from the runbook knowledge base, as JSON lines',
    load: async () => (require('./ask.command') as typeof import('./ask.command')).ask,
  },
  'eval-router': {
    summary: 'evaluate the offline router on the labelled set',
    load: async () => (require('./eval-router.command') as typeof import('./eval-router.command')).evalRouter,
  },
  'eval-kb': {
    summary: 'evaluate the runbook knowledge base on a labelled question set (JSONL)',
    load: async () => (require('./eval-kb.command') as typeof import('./eval-kb.command')).evalKb,
  },
  chat: {
    summary: 'chat with a running bot in the terminal',
    load: async () => (require('./chat.command') as typeof import('./chat.command')).chat,
  },
  playground: {
    summary: 'start the bot and the Microsoft 365 Agents Playground against it',
    load: async () => (require('./playground.command') as typeof import('./playground.command')).playground,
  },
  manifest: {
    summary: 'build the Teams app package (zip)',
    load: async () => (require('./manifest.command') as typeof import('./manifest.command')).manifest,
  },
  doctor: {
    summary: 'check a live Azure landing zone read-only: every read the bot makes, one line each',
    load: async () => (require('./doctor.command') as typeof import('./doctor.command')).doctor,
  },
  incident: {
    summary: 'incident export INC-0007 [--json]: the incident, its timeline and its changes for the review',
    load: async () => (require('./incident.command') as typeof import('./incident.command')).incident,
  },
  bench: {
    summary: 'benchmark turn latency and throughput against a bare echo bot',
    load: async () => (require('./bench.command') as typeof import('./bench.command')).bench,
  },
};

function usage(): string {
  const lines = Object.entries(subcommands).map(([name, s]) => `  ${name.padEnd(12)} ${s.summary}`);
  return `Usage: opsbot <command> [arguments]\n\nCommands:\n${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name) {
    process.stderr.write(usage());
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return 0;
  }
  const entry = subcommands[name];
  if (!entry) {
    process.stderr.write(`opsbot: unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  const run = await entry.load();
  return run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`opsbot: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
