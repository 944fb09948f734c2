import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  serveBenchTarget,
  startChildTarget,
  startInProcessTarget,
  type BenchBotKind,
  type BenchTarget,
  type ProcessUsage,
} from '../dev/bench-target';
import { startConnector } from '../dev/local-connector';
import { runMix, turnKinds, type MixReport, type TurnKind } from '../dev/traffic-mix';
import { startBot } from '../index';
import { allSkills } from '../../skills/catalog';
import { buildRouter } from '../build-router';
import { loadBotConfig } from '../config';
import { silentLogger } from '../../core/logger';
import { systemClock } from '../../core/clock';
import { startEchoAzureOpenAi, type EchoAzureOpenAi } from '../dev/echo-azure-openai';
import type { Subcommand } from './opsbot.cli';

/** People of the demo roster who may ask for a Standard change (l2) and confirm it. */
const speakers = [
  { aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' },
  { aadObjectId: '00000000-0000-0000-0000-0000000000026', name: 'Nestor Wilke' },
];

/** The issue's targets (issue 16), measured against the echo bot in the same run. */
export const benchTargets = { throughputRatio: 0.8, p95Ratio: 1.3, singleP50Ms: 15, soakRssMb: 250 };

const usage = `Usage: opsbot bench [--conversations N] [--turns N] [--rounds N] [--text "…"] [--soak]
                    [--bot-process | --in-process] [--bot-node-options="…"] [--settle S] [--json] [--check]

Runs the realistic mix against an in-process opsbot and, in the same run with the same load
generator, against a bare botbuilder + restify echo bot: N concurrent conversations (default 20),
each --turns turns one after another (default 10): plain-language status questions, strict
commands, a clarify round trip, a Standard change request with Confirm on its card (and the card's
update with the result), the incident list. --rounds alternates the two bots that many times
(default 2). Prints p50 / p95 / max, errors and lost replies per kind of turn, throughput, the
process RSS, and the ratios to the targets.
  --text "…"  send only this text instead of the mix (to profile one kind of turn)
  --soak      200 conversations × 10 turns against opsbot only, one round: lost replies and the
              bot's RSS (the bot runs in a child process unless --in-process)
  --bot-process  run each bot in a child process of its own (\`opsbot bench --serve\`), so that the
              RSS and CPU time reported are the bot's alone (CPU ms a turn per bot); the load
              generator and the connector stay in this process
  --in-process   run the bots in this process (the default, except for --soak)
  --bot-node-options="…"  Node options for the bots' child processes, e.g. "--cpu-prof"
  --settle S  after the last round, leave the bot idle S seconds and read its RSS again (child
              processes only): V8 gives back the heap of finished turns only once the process
              has been idle a while (about half a minute), so the end figure holds their garbage
  --check     exit 1 when a target is missed
  --llm       also run the mix on a second opsbot with the Azure OpenAI router on, against a FAKE
              deployment started by the bench (it answers with the offline router's choice as a tool
              call): LLM calls, their latency and estimated tokens per turn from the bot's log lines
`;

type Row = {
  turns: number;
  errors: number;
  lostReplies: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
};

/**
 * \`opsbot bench\` (\`npm run bench\`): turn latency, throughput, errors and lost replies of opsbot on
 * the turns people send, next to a bare echo bot, with the ratios against the targets.
 */
export const bench: Subcommand = async (argv) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      conversations: { type: 'string' },
      turns: { type: 'string', default: '10' },
      rounds: { type: 'string' },
      text: { type: 'string' },
      soak: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
      llm: { type: 'boolean', default: false },
      'bot-process': { type: 'boolean', default: false },
      'in-process': { type: 'boolean', default: false },
      'bot-node-options': { type: 'string' },
      settle: { type: 'string' },
      serve: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }
  if (values.serve !== undefined) {
    if (values.serve !== 'opsbot' && values.serve !== 'echo')
      throw new Error(`--serve must be opsbot or echo, got "${values.serve}".`);
    return serveBenchTarget(values.serve);
  }
  const soak = values.soak;
  if (values['bot-process'] && values['in-process'])
    throw new Error('--bot-process and --in-process exclude each other.');
  const inChild = values['bot-process'] || (soak && !values['in-process']);
  const nodeOptions = values['bot-node-options']?.split(/\s+/).filter(Boolean) ?? [];
  if (nodeOptions.length && !inChild)
    throw new Error('--bot-node-options needs the bots in child processes.');
  const settleSeconds = values.settle === undefined ? 0 : positive(values.settle, '--settle');
  if (settleSeconds && !inChild) throw new Error('--settle needs the bots in child processes.');
  const startTarget = (kind: BenchBotKind, env: Record<string, string>): Promise<BenchTarget> =>
    inChild ? startChildTarget(kind, env, nodeOptions) : startInProcessTarget(kind, env);
  const conversations = positive(values.conversations ?? (soak ? '200' : '20'), '--conversations');
  const turns = positive(values.turns, '--turns');
  const rounds = positive(values.rounds ?? (soak ? '1' : '2'), '--rounds');

  const dir = mkdtempSync(join(tmpdir(), 'opsbot-bench-'));
  const connector = await startConnector();
  const echo = soak ? undefined : await startTarget('echo', {});
  const opsbot = await startTarget('opsbot', {
    DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`,
    PORT: '0',
    LOG_LEVEL: 'error',
    SIM_SEED: '7',
  });
  const llmLog: Record<string, unknown>[] = [];
  let fakeLlm: EchoAzureOpenAi | undefined;
  let opsbotLlm: Awaited<ReturnType<typeof startBot>> | undefined;
  if (values.llm) {
    const env = {
      DATABASE_URL: `sqlite:${join(dir, 'bench-llm.db')}`,
      PORT: '0',
      LOG_LEVEL: 'info',
      SIM_SEED: '7',
    };
    const { router } = await buildRouter(loadBotConfig(env), {
      skills: allSkills,
      logger: silentLogger,
      clock: systemClock,
    });
    fakeLlm = await startEchoAzureOpenAi(router);
    opsbotLlm = await startBot({
      env: {
        ...env,
        AZURE_OPENAI_ENDPOINT: fakeLlm.endpoint,
        AZURE_OPENAI_DEPLOYMENT: fakeLlm.deployment,
        AZURE_OPENAI_API_KEY: fakeLlm.apiKey,
      },
      logDestination: {
        write: (line: string) => {
          const entry = JSON.parse(line) as Record<string, unknown>;
          if (entry.component === 'llm' || entry.component === 'llm-router') llmLog.push(entry);
        },
      },
    });
  }
  const runs: Record<'echo' | 'opsbot' | 'llm', MixReport[]> = { echo: [], opsbot: [], llm: [] };
  // CPU time of each bot's own process over the measured rounds (child processes only).
  const cpuMs = { echo: 0, opsbot: 0 };
  let opsbotUsage: ProcessUsage | undefined;
  let settledUsage: ProcessUsage | undefined;
  try {
    const run = (botUrl: string, runId: string, perConversation: number, isOpsbot: boolean) =>
      runMix({
        botUrl,
        connector,
        conversations,
        turnsPerConversation: perConversation,
        from: (c) => speakers[c % speakers.length],
        runId,
        awaitChangeResult: isOpsbot,
        ...(values.text !== undefined ? { onlyText: values.text } : {}),
      });
    if (echo) await run(echo.url, 'warm-echo', 2, false);
    await run(opsbot.url, 'warm-opsbot', 2, true);
    if (opsbotLlm) await run(opsbotLlm.url, 'warm-llm', 2, true);
    llmLog.length = 0;
    if (fakeLlm) Object.assign(fakeLlm.counts, { toolCalls: 0, noTool: 0, texts: 0 });
    const measured = async (target: BenchTarget, name: 'echo' | 'opsbot', round: number) => {
      const before = (await target.usage()).cpuMs;
      runs[name].push(await run(target.url, `${name}-${round}`, turns, name === 'opsbot'));
      cpuMs[name] += (await target.usage()).cpuMs - before;
    };
    for (let round = 0; round < rounds; round++) {
      if (echo) await measured(echo, 'echo', round);
      await measured(opsbot, 'opsbot', round);
      if (opsbotLlm) runs.llm.push(await run(opsbotLlm.url, `llm-${round}`, turns, true));
    }
    opsbotUsage = await opsbot.usage();
    if (settleSeconds) {
      await new Promise((resolve) => setTimeout(resolve, settleSeconds * 1000));
      settledUsage = await opsbot.usage();
    }
  } finally {
    await opsbotLlm?.close();
    await fakeLlm?.close();
    await opsbot.close();
    await echo?.close();
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const mb = (bytes: number) => bytes / 2 ** 20;
  // The soak's figure is the bot's own process when it runs in a child; in process it counts the
  // load generator and the connector's copy of every reply too, as the figures before 2026-12-06 did.
  const rssMb = inChild && opsbotUsage ? mb(opsbotUsage.rssBytes) : mb(process.memoryUsage().rss);
  const generatorRssMb = mb(process.memoryUsage().rss);
  const maxRssMb = inChild && opsbotUsage ? mb(opsbotUsage.maxRssBytes) : undefined;
  const settled = settledUsage
    ? {
        afterSeconds: settleSeconds,
        rssMb: mb(settledUsage.rssBytes),
        heapUsedMb: mb(settledUsage.heapUsedBytes),
      }
    : undefined;

  const opsbotAll = total(runs.opsbot);
  const echoAll = echo ? total(runs.echo) : undefined;
  const throughput = (reports: MixReport[]) =>
    (reports.reduce((n, r) => n + Object.values(r.byKind).reduce((m, k) => m + k.latenciesMs.length, 0), 0) /
      reports.reduce((ms, r) => ms + r.elapsedMs, 0)) *
    1000;
  const cpuMsPerTurn = inChild
    ? {
        opsbot: cpuMs.opsbot / Math.max(1, opsbotAll.turns),
        ...(echoAll ? { echo: cpuMs.echo / Math.max(1, echoAll.turns) } : {}),
      }
    : undefined;
  const opsbotRate = throughput(runs.opsbot);
  const echoRate = echo ? throughput(runs.echo) : undefined;
  const throughputRatio = echoRate ? opsbotRate / echoRate : undefined;
  const p95Ratio = echoAll ? opsbotAll.p95Ms / echoAll.p95Ms : undefined;
  const changeResult = percentiles(runs.opsbot.flatMap((r) => r.changeResultMs));
  const changeNoOps = runs.opsbot.reduce((n, r) => n + r.changeNoOps, 0);
  const clean =
    opsbotAll.errors === 0 && opsbotAll.lostReplies === 0 && (!echoAll || echoAll.lostReplies === 0);
  const met = soak
    ? clean && rssMb < benchTargets.soakRssMb
    : clean &&
      throughputRatio! >= benchTargets.throughputRatio &&
      p95Ratio! <= benchTargets.p95Ratio &&
      (conversations !== 1 || opsbotAll.p50Ms < benchTargets.singleP50Ms);
  const byKind = Object.fromEntries(
    turnKinds.map((kind) => [kind, kindRow(runs.opsbot, kind)] as const).filter(([, row]) => row.turns > 0),
  ) as Partial<Record<TurnKind, Row>>;

  const llm = values.llm ? llmSummary(runs.llm, llmLog, fakeLlm!) : undefined;
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify(
        {
          mode: soak ? 'soak' : values.text !== undefined ? 'text' : 'mix',
          conversations,
          turns,
          rounds,
          echo: echoAll ? { ...echoAll, turnsPerSecond: echoRate } : undefined,
          opsbot: { ...opsbotAll, turnsPerSecond: opsbotRate },
          byKind,
          changeResult,
          changeNoOps,
          throughputRatio,
          p95Ratio,
          botProcess: inChild ? 'child' : 'in-process',
          rssMb,
          ...(inChild ? { maxRssMb, generatorRssMb, cpuMsPerTurn, settled } : {}),
          met,
          errorSamples: runs.opsbot.flatMap((r) => r.errorSamples).slice(0, 8),
          llm,
        },
        null,
        2,
      )}\n`,
    );
    return values.check && !met ? 1 : 0;
  }
  const fmt = (name: string, r: Row, rate?: number) =>
    `${name.padEnd(18)}${String(r.turns).padStart(7)}${String(r.errors).padStart(8)}${String(r.lostReplies).padStart(6)}` +
    `${r.p50Ms.toFixed(1).padStart(9)}${r.p95Ms.toFixed(1).padStart(9)}${r.maxMs.toFixed(1).padStart(9)}${rate === undefined ? '' : rate.toFixed(1).padStart(10)}`;
  const header = `${'turn'.padEnd(18)}${'turns'.padStart(7)}${'errors'.padStart(8)}${'lost'.padStart(6)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'max ms'.padStart(9)}${'turns/s'.padStart(10)}`;
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const lines = [
    `opsbot bench (${soak ? 'soak' : values.text !== undefined ? `"${values.text}" only` : 'realistic mix'}): ${conversations} concurrent conversations × ${turns} turns × ${rounds} rounds`,
    '',
    header,
    ...(echoAll ? [fmt('echo bot, all', echoAll, echoRate)] : []),
    fmt('opsbot, all', opsbotAll, opsbotRate),
    ...Object.entries(byKind).map(([kind, row]) => fmt(`  ${kind}`, row!)),
    ...(changeResult.count
      ? [
          `  change-result     ${String(changeResult.count).padStart(7)}${''.padStart(14)}${changeResult.p50Ms.toFixed(1).padStart(9)}${changeResult.p95Ms.toFixed(1).padStart(9)}${changeResult.maxMs.toFixed(1).padStart(9)}   (Confirm → card shows the result)`,
        ]
      : []),
    '',
    ...(throughputRatio !== undefined && p95Ratio !== undefined
      ? [
          `throughput opsbot/echo: ${(throughputRatio * 100).toFixed(0)} % (target ≥ ${benchTargets.throughputRatio * 100} %) ${verdict(throughputRatio >= benchTargets.throughputRatio)}`,
          `p95 latency opsbot/echo: ${p95Ratio.toFixed(2)}× (target ≤ ${benchTargets.p95Ratio}×) ${verdict(p95Ratio <= benchTargets.p95Ratio)}`,
        ]
      : []),
    ...(conversations === 1
      ? [
          `single-conversation p50: ${opsbotAll.p50Ms.toFixed(1)} ms (target < ${benchTargets.singleP50Ms} ms) ${verdict(opsbotAll.p50Ms < benchTargets.singleP50Ms)}`,
        ]
      : []),
    ...(cpuMsPerTurn
      ? [
          `CPU a turn, each bot's own process: opsbot ${cpuMsPerTurn.opsbot.toFixed(2)} ms${cpuMsPerTurn.echo === undefined ? '' : `, echo bot ${cpuMsPerTurn.echo.toFixed(2)} ms`}`,
        ]
      : []),
    inChild
      ? `opsbot process RSS at the end: ${rssMb.toFixed(0)} MB (its own child process; peak ${maxRssMb!.toFixed(0)} MB${soak ? `; target < ${benchTargets.soakRssMb} MB` : ''})${soak ? ` ${verdict(rssMb < benchTargets.soakRssMb)}` : ''}; the load generator's process ${generatorRssMb.toFixed(0)} MB`
      : `process RSS at the end: ${rssMb.toFixed(0)} MB (opsbot${echo ? ', the echo bot' : ''} and the load generator in one process${soak ? `; target < ${benchTargets.soakRssMb} MB` : ''})${soak ? ` ${verdict(rssMb < benchTargets.soakRssMb)}` : ''}`,
    ...(settled
      ? [
          `opsbot process RSS after ${settled.afterSeconds} s idle: ${settled.rssMb.toFixed(0)} MB (heap in use ${settled.heapUsedMb.toFixed(0)} MB)`,
        ]
      : []),
    `errors ${opsbotAll.errors}, lost replies ${opsbotAll.lostReplies} (target 0) ${verdict(clean)}`,
    ...(llm
      ? [
          '',
          "with the Azure OpenAI router on, against a FAKE deployment (the offline router's choice echoed as a tool call; tokens estimated at 4 characters each):",
          header,
          fmt('opsbot + llm, all', llm.all, llm.turnsPerSecond),
          `LLM calls ${llm.calls} for ${llm.all.turns} turns (${llm.callsPerTurn.toFixed(2)} a turn; strict commands and card buttons make none), ` +
            `call latency p50 ${llm.callLatency.p50Ms.toFixed(1)} ms p95 ${llm.callLatency.p95Ms.toFixed(1)} ms (bot side, from its log lines)`,
          `tokens a call: ${llm.tokensPerCall.toFixed(0)}, a turn: ${llm.tokensPerTurn.toFixed(0)} (estimates); fallbacks to the offline router ${
            Object.entries(llm.fallbacks)
              .map(([reason, n]) => `${reason} ${n}`)
              .join(', ') || 'none'
          }, failed calls ${llm.failedCalls}`,
          `fake answered: ${llm.fake.toolCalls} tool calls, ${llm.fake.noTool} no tool, ${llm.fake.texts} written answers; errors ${llm.all.errors}, lost replies ${llm.all.lostReplies}`,
        ]
      : []),
    ...runs.opsbot
      .flatMap((r) => r.errorSamples)
      .slice(0, 8)
      .map((e) => `opsbot error: ${e}`),
    '',
  ];
  process.stdout.write(lines.join('\n'));
  return values.check && !met ? 1 : 0;
};

/** The LLM run's turns and the figures of its `chat completion` log lines. */
function llmSummary(reports: MixReport[], log: Record<string, unknown>[], fake: EchoAzureOpenAi) {
  const all = total(reports);
  const calls = log.filter((e) => e.msg === 'chat completion');
  const tokens = calls.reduce((n, e) => n + (typeof e.totalTokens === 'number' ? e.totalTokens : 0), 0);
  const elapsedMs = reports.reduce((ms, r) => ms + r.elapsedMs, 0);
  return {
    all,
    turnsPerSecond: (all.turns / elapsedMs) * 1000,
    calls: calls.length,
    callsPerTurn: calls.length / Math.max(1, all.turns),
    callLatency: percentiles(calls.map((e) => Number(e.latencyMs))),
    tokensPerCall: tokens / Math.max(1, calls.length),
    tokensPerTurn: tokens / Math.max(1, all.turns),
    fallbacks: countBy(
      log.filter((e) => e.msg === 'the offline router answered').map((e) => String(e.reason)),
    ),
    failedCalls: log.filter((e) => e.msg === 'chat completion failed').length,
    fake: { ...fake.counts },
  };
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

function kindRow(reports: MixReport[], kind: TurnKind): Row {
  const parts = reports.map((r) => r.byKind[kind]);
  return {
    turns: parts.reduce((n, p) => n + p.turns, 0),
    errors: parts.reduce((n, p) => n + p.errors, 0),
    lostReplies: parts.reduce((n, p) => n + p.lostReplies, 0),
    ...percentiles(parts.flatMap((p) => p.latenciesMs)),
  };
}

function total(reports: MixReport[]): Row {
  const kinds = reports.flatMap((r) => Object.values(r.byKind));
  return {
    turns: kinds.reduce((n, k) => n + k.turns, 0),
    errors: kinds.reduce((n, k) => n + k.errors, 0),
    lostReplies: kinds.reduce((n, k) => n + k.lostReplies, 0),
    ...percentiles(kinds.flatMap((k) => k.latenciesMs)),
  };
}

function percentiles(values: number[]): { count: number; p50Ms: number; p95Ms: number; maxMs: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { count: sorted.length, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: sorted[sorted.length - 1] ?? NaN };
}

function positive(value: string | undefined, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${flag} must be a whole number of at least 1, got "${value}".`);
  return n;
}
