import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runChangeRoundTrips, type ChangeRoundTripReport } from '../dev/change-round-trip';
import { startEchoBot } from '../dev/echo-bot';
import { runLoad, type LoadReport } from '../dev/load-generator';
import { startConnector } from '../dev/local-connector';
import { startBot } from '../index';
import type { Subcommand } from './opsbot.cli';

const statusCommands = [
  'status',
  'status fraud-detection',
  'status gpu-cluster-01',
  'jobs',
  'alerts',
  'quota',
];
const speakers = [
  { aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' },
  { aadObjectId: '00000000-0000-0000-0000-0000000000023', name: 'Lee Gu' },
  { aadObjectId: '00000000-0000-0000-0000-0000000000025', name: 'Diego Siciliani' },
];

/** The targets, measured against the echo bot in the same run. */
const minThroughputRatio = 0.5;
const maxP95Ratio = 2;

const usage = `Usage: opsbot bench [--conversations N] [--turns N] [--rounds N] [--changes N] [--text "…"] [--json] [--check]

Runs N concurrent conversations (default 20) of status requests against an in-process opsbot and,
in the same run with the same load generator, against a bare botbuilder + restify echo bot. Each
conversation sends --turns requests one after another (default 10); --rounds alternates the two
bots that many times (default 2). Latency runs from sending a request to its reply reaching the
local connector. Then --changes Standard change round trips (default 20): a scale request, Confirm
on its card, and the posted card updated with the result. --check exits with 1 when a target is missed.
`;

/**
 * `opsbot bench` (`npm run bench`): turn latency (p50/p95/max), throughput, errors and lost replies
 * of opsbot next to a bare echo bot, and their ratios against the targets.
 */
export const bench: Subcommand = async (argv) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      conversations: { type: 'string', default: '20' },
      turns: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '2' },
      changes: { type: 'string', default: '20' },
      text: { type: 'string' },
      json: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }
  const conversations = positive(values.conversations, '--conversations');
  const turns = positive(values.turns, '--turns');
  const rounds = positive(values.rounds, '--rounds');
  const changeRoundTrips = positive(values.changes, '--changes');
  const text = (c: number, t: number) => values.text ?? statusCommands[(c + t) % statusCommands.length];

  const dir = mkdtempSync(join(tmpdir(), 'opsbot-bench-'));
  const connector = await startConnector();
  const echo = await startEchoBot();
  const opsbot = await startBot({
    env: { DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`, PORT: '0', LOG_LEVEL: 'error', SIM_SEED: '7' },
  });
  const results: Record<'echo' | 'opsbot', LoadReport[]> = { echo: [], opsbot: [] };
  let changes: ChangeRoundTripReport | undefined;
  try {
    const load = (botUrl: string, runId: string, perConversation: number) =>
      runLoad({
        botUrl,
        connector,
        conversations,
        turnsPerConversation: perConversation,
        text,
        runId,
        from: (c) => speakers[c % speakers.length],
      });
    await load(echo.url, 'warm-echo', 1);
    await load(opsbot.url, 'warm-opsbot', 1);
    for (let round = 0; round < rounds; round++) {
      results.echo.push(await load(echo.url, `echo-${round}`, turns));
      results.opsbot.push(await load(opsbot.url, `opsbot-${round}`, turns));
    }
    changes = await runChangeRoundTrips({
      botUrl: opsbot.url,
      connector,
      roundTrips: changeRoundTrips,
      from: speakers[0],
      runId: 'bench',
    });
  } finally {
    await opsbot.close();
    await echo.close();
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const echoSummary = summarise(results.echo);
  const opsbotSummary = summarise(results.opsbot);
  const throughputRatio = opsbotSummary.turnsPerSecond / echoSummary.turnsPerSecond;
  const p95Ratio = opsbotSummary.p95Ms / echoSummary.p95Ms;
  const met =
    throughputRatio >= minThroughputRatio &&
    p95Ratio <= maxP95Ratio &&
    opsbotSummary.errors === 0 &&
    opsbotSummary.lostReplies === 0 &&
    changes!.errors === 0;
  const changeSummary = {
    roundTrips: changes!.roundTrips,
    errors: changes!.errors,
    request: percentiles(changes!.requestMs),
    confirm: percentiles(changes!.confirmMs),
    result: percentiles(changes!.resultMs),
    errorSamples: changes!.errorSamples,
  };

  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ conversations, turns, rounds, echo: echoSummary, opsbot: opsbotSummary, throughputRatio, p95Ratio, changes: changeSummary, met }, null, 2)}\n`,
    );
  } else {
    const row = (name: string, s: Summary) =>
      `${name.padEnd(8)}${String(s.turns).padStart(7)}${String(s.errors).padStart(8)}${String(s.lostReplies).padStart(6)}` +
      `${s.p50Ms.toFixed(1).padStart(9)}${s.p95Ms.toFixed(1).padStart(9)}${s.maxMs.toFixed(1).padStart(9)}${s.turnsPerSecond.toFixed(1).padStart(10)}`;
    process.stdout.write(
      [
        `opsbot bench: ${conversations} concurrent conversations × ${turns} turns × ${rounds} rounds (status requests; echo bot echoes the same texts)`,
        '',
        `${'bot'.padEnd(8)}${'turns'.padStart(7)}${'errors'.padStart(8)}${'lost'.padStart(6)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'max ms'.padStart(9)}${'turns/s'.padStart(10)}`,
        row('echo', echoSummary),
        row('opsbot', opsbotSummary),
        '',
        `throughput opsbot/echo: ${(throughputRatio * 100).toFixed(0)} % (target ≥ ${minThroughputRatio * 100} %) ${throughputRatio >= minThroughputRatio ? 'met' : 'MISSED'}`,
        `p95 latency opsbot/echo: ${p95Ratio.toFixed(2)}× (target ≤ ${maxP95Ratio}×) ${p95Ratio <= maxP95Ratio ? 'met' : 'MISSED'}`,
        '',
        `Standard change round trips: ${changeSummary.roundTrips} of ${changeRoundTrips} done, ${changeSummary.errors} errors (one after another)`,
        `${'phase'.padEnd(34)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'max ms'.padStart(9)}`,
        ...(
          [
            ['request → proposal card', changeSummary.request],
            ['confirm → invoke answered', changeSummary.confirm],
            ['confirm → card shows the result', changeSummary.result],
          ] as const
        ).map(
          ([name, p]) =>
            `${name.padEnd(34)}${p.p50Ms.toFixed(1).padStart(9)}${p.p95Ms.toFixed(1).padStart(9)}${p.maxMs.toFixed(1).padStart(9)}`,
        ),
        ...[
          ...echoSummary.errorSamples.map((e) => `echo error: ${e}`),
          ...opsbotSummary.errorSamples.map((e) => `opsbot error: ${e}`),
          ...changeSummary.errorSamples.map((e) => `change error: ${e}`),
        ],
        '',
      ].join('\n'),
    );
  }
  return values.check && !met ? 1 : 0;
};

type Summary = Omit<LoadReport, 'latenciesMs'>;

function summarise(reports: LoadReport[]): Summary {
  const latencies = reports.flatMap((r) => r.latenciesMs);
  const elapsedMs = reports.reduce((sum, r) => sum + r.elapsedMs, 0);
  return {
    turns: reports.reduce((sum, r) => sum + r.turns, 0),
    errors: reports.reduce((sum, r) => sum + r.errors, 0),
    lostReplies: reports.reduce((sum, r) => sum + r.lostReplies, 0),
    elapsedMs,
    ...percentiles(latencies),
    turnsPerSecond: (latencies.length / elapsedMs) * 1000,
    errorSamples: reports.flatMap((r) => r.errorSamples).slice(0, 5),
  };
}

function percentiles(values: number[]): { p50Ms: number; p95Ms: number; maxMs: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { p50Ms: at(0.5), p95Ms: at(0.95), maxMs: sorted[sorted.length - 1] ?? NaN };
}

function positive(value: string | undefined, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${flag} must be a whole number of at least 1, got "${value}".`);
  return n;
}
