import { nlpjsIntentModels } from '../../adapters/nlu/nlpjs-intent-model';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LandingZoneConfig } from '../../core/config/landing-zone.schema';
import type { Router } from '../../core/routing/router';
import { createOfflineRouter } from '../../core/routing/offline-router';
import { routeText, toRouteRecord } from '../../core/routing/route-record';
import type { LabelledUtterance, Overlap, RouterEvaluation, RoutingMiss } from './router-evaluation';
import { evaluateRouting, findOverlap, parseLabelledSet } from './router-evaluation';
import type { ProbeEvaluation } from './probe-evaluation';
import { evaluateProbes, parseProbeSet } from './probe-evaluation';
import { allSkills } from '../../skills/catalog';
import { defaultConfigPath, loadBotConfig, readLandingZoneConfig } from '../config';
import { buildRouter } from '../build-router';
import { silentLogger } from '../../core/logger';
import { systemClock } from '../../core/clock';
import { cliContext } from './route.command';
import type { Subcommand } from './opsbot.cli';
import { projectRoot } from '../project-root';

/** The folder of labelled sets, relative to the project root: every `*.jsonl` in it is evaluated. */
export const evaluationDirectory = 'test/router-eval';

/** The folder of the reviewers' probe sets, relative to the project root: every `adversarial-probes*.tsv` in it. */
export const probeDirectory = 'test/unit/core/routing/fixtures';

/**
 * What an `S` probe must not reach: a change, or an incident action that acts on an incident (a
 * declaration only opens a card that asks who to page, and is counted apart).
 */
export const actingSkills: ReadonlySet<string> = new Set(
  allSkills
    .filter((s) => s.kind === 'change' || (s.kind === 'incident' && s.id !== 'incident.declare'))
    .map((s) => s.id),
);

/** The development set (the one the router may be tuned on); every other set is blind. */
export const devSetName = 'utterances.jsonl';

/** Targets of the router issue. */
export const routerTargets = { skillAccuracy: 0.95, argumentAccuracy: 0.9, dangerousMisroutes: 0 };

/** The figures of one labelled set. */
export interface SetEvaluation {
  /** Relative to the project root, e.g. `test/router-eval/blind-holdout.jsonl`. */
  path: string;
  /** `dev`: the set the router was developed against; `blind`: held out from the team. */
  kind: 'dev' | 'blind';
  /** Over every line of the set. */
  all: RouterEvaluation;
  /** Lines that repeat a training example exactly or nearly (same content words). */
  overlaps: Overlap[];
  /** Over the lines that do not overlap the training examples. */
  unseen: RouterEvaluation;
}

/** Options of `runRouterEvaluation`; tests point them elsewhere. */
export interface RouterEvaluationOptions {
  config?: LandingZoneConfig;
  /** Absolute folder of `*.jsonl` sets; the project's `test/router-eval` by default. */
  directory?: string;
  /** A router already trained (the command trains one for both kinds of set). */
  router?: Router;
}

/** The figures of one probe set. */
export interface ProbeSetEvaluation {
  /** Relative to the project root, e.g. `test/unit/core/routing/fixtures/adversarial-probes.tsv`. */
  path: string;
  probes: ProbeEvaluation;
}

/** Options of `runProbeEvaluation`; tests point them elsewhere. */
export interface ProbeEvaluationOptions {
  config?: LandingZoneConfig;
  /** Absolute folder of `adversarial-probes*.tsv` sets; the project's fixtures by default. */
  directory?: string;
  router?: Router;
}

function shippedConfig(): LandingZoneConfig {
  return readLandingZoneConfig(defaultConfigPath, join(projectRoot, defaultConfigPath));
}

/** Routes every probe set with one router and scores each on its own, in name order. */
export async function runProbeEvaluation(
  options: ProbeEvaluationOptions = {},
): Promise<ProbeSetEvaluation[]> {
  const directory = options.directory ?? join(projectRoot, probeDirectory);
  const names = readdirSync(directory)
    .filter((name) => /^adversarial-probes.*\.tsv$/.test(name))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const router =
    options.router ??
    (await createOfflineRouter({
      config: options.config ?? shippedConfig(),
      skills: allSkills,
      intentModels: nlpjsIntentModels,
    }));
  const results: ProbeSetEvaluation[] = [];
  for (const name of names) {
    const path = options.directory ? join(directory, name) : `${probeDirectory}/${name}`;
    const probes = parseProbeSet(readFileSync(join(directory, name), 'utf8'), path);
    const routed = [];
    for (const p of probes) routed.push(toRouteRecord(p.text, await routeText(p.text, router)));
    results.push({ path, probes: evaluateProbes(probes, routed, actingSkills) });
  }
  return results;
}

/** True when the figures meet the targets. */
export function meetsTargets(e: RouterEvaluation): boolean {
  return (
    e.skillAccuracy >= routerTargets.skillAccuracy &&
    e.argumentAccuracy >= routerTargets.argumentAccuracy &&
    e.dangerousMisroutes <= routerTargets.dangerousMisroutes
  );
}

/**
 * Routes every labelled set with one offline router, trained once, and scores each set on its own
 * (all lines, and the lines that do not overlap the training examples). Sets in name order, dev first.
 */
export async function runRouterEvaluation(options: RouterEvaluationOptions = {}): Promise<SetEvaluation[]> {
  const landingZone = options.config ?? shippedConfig();
  const directory = options.directory ?? join(projectRoot, evaluationDirectory);
  const names = readdirSync(directory)
    .filter((name) => name.endsWith('.jsonl'))
    .sort(
      (a, b) =>
        Number(b === devSetName) - Number(a === devSetName) || a.localeCompare(b, 'en', { numeric: true }),
    );
  if (names.length === 0) throw new Error(`${directory}: no labelled sets (*.jsonl)`);
  const examples = allSkills.flatMap((s) => s.examples);
  const changeSkills = new Set(allSkills.filter((s) => s.kind === 'change').map((s) => s.id));
  const router =
    options.router ??
    (await createOfflineRouter({ config: landingZone, skills: allSkills, intentModels: nlpjsIntentModels }));

  const results: SetEvaluation[] = [];
  for (const name of names) {
    const path = options.directory ? join(directory, name) : `${evaluationDirectory}/${name}`;
    const cases = parseLabelledSet(readFileSync(join(directory, name), 'utf8'), path);
    const routed = [];
    for (const c of cases) routed.push(toRouteRecord(c.text, await routeText(c.text, router)));
    const overlaps = findOverlap(cases, examples);
    const seen = new Set(overlaps.map((o) => o.index));
    const keep = <T>(items: T[]) => items.filter((_, i) => !seen.has(i));
    results.push({
      path,
      kind: name === devSetName ? 'dev' : 'blind',
      all: evaluateRouting(cases, routed, changeSkills),
      overlaps,
      unseen: evaluateRouting(keep<LabelledUtterance>(cases), keep(routed), changeSkills),
    });
  }
  return results;
}

/** True when the set passes: targets met (blind sets: on the unseen lines) and, for the dev set, no overlap. */
export function setPasses(s: SetEvaluation): boolean {
  return s.kind === 'dev' ? s.overlaps.length === 0 && meetsTargets(s.all) : meetsTargets(s.unseen);
}

const percent = (n: number) => `${(n * 100).toFixed(1)} %`;

function describeMiss(m: RoutingMiss): string {
  return `  ${m.dangerous ? 'DANGEROUS ' : ''}"${m.text}": expected ${m.expected.skill} ${JSON.stringify(m.expected.args)}, got ${m.actual.skill} ${JSON.stringify(m.actual.args)} (${m.actual.confidence})`;
}

function figures(label: string, e: RouterEvaluation): string[] {
  return [
    `  ${label}: ${e.total} lines`,
    `    skill accuracy       ${percent(e.skillAccuracy)} (target ≥ ${percent(routerTargets.skillAccuracy)})`,
    `    argument accuracy    ${percent(e.argumentAccuracy)} (target ≥ ${percent(routerTargets.argumentAccuracy)}; structured args on correctly routed lines)`,
    `    dangerous mis-routes ${e.dangerousMisroutes} (target ${routerTargets.dangerousMisroutes}; of which change→other change ${e.wrongChangeSkill}, change on the wrong resource ${e.wrongResource})`,
  ];
}

/** True when no `S` probe of the set reached an acting skill. */
export function probeSetPasses(p: ProbeSetEvaluation): boolean {
  return p.probes.dangerous.length === 0;
}

function probeReport({ path, probes: e }: ProbeSetEvaluation): string[] {
  const line = ({ probe, got }: { probe: { where: string; text: string }; got: string }) =>
    `    ${probe.where} "${probe.text}" → ${got}`;
  return [
    `== ${path} (probe set): ${e.total} lines, ${e.safeLines} must not act, ${e.requestLines} plain requests`,
    `    S lines proposed as an acting skill ${e.dangerous.length} (target 0)`,
    ...e.dangerous.map(line),
    `    S lines proposed as a declaration   ${e.declared.length}`,
    ...e.declared.map(line),
    `    A= recall                           ${percent(e.recall)} (${e.requestLines - e.refused.length} of ${e.requestLines})`,
    ...(e.refused.length ? ['  A= lines routed elsewhere:', ...e.refused.map(line)] : []),
    `  ${probeSetPasses({ path, probes: e }) ? 'PASS' : 'FAIL'}`,
  ];
}

function perSkillTable(e: RouterEvaluation): string[] {
  const rows = e.perSkill.map(
    (s) =>
      `  ${s.skill.padEnd(20)} ${String(s.support).padStart(4)} ${percent(s.precision).padStart(10)} ${percent(s.recall).padStart(8)}`,
  );
  return [
    `  ${'skill'.padEnd(20)} ${'n'.padStart(4)} ${'precision'.padStart(10)} ${'recall'.padStart(8)}`,
    ...rows,
  ];
}

/**
 * `opsbot eval-router` (`npm run eval:router`): figures for every labelled set; exit code 1 when a
 * set fails (`setPasses`). Blind sets show figures only — their lines and misses stay hidden
 * unless `--show-blind`, so that nobody tunes the router to them by accident. `--dir <folder>` scores
 * the sets of another folder (e.g. a sealed set kept outside the repository) instead. `--llm` scores
 * the configured Azure OpenAI router instead of the offline one, and says who answered each line.
 */
export const evalRouter: Subcommand = async (argv) => {
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  const showBlind = argv.includes('--show-blind');
  const at = argv.indexOf('--dir');
  const folder = at >= 0 ? argv[at + 1] : undefined;
  if (at >= 0 && (!folder || folder.startsWith('--'))) {
    process.stderr.write('eval-router: --dir needs a folder of *.jsonl sets\n');
    return 2;
  }
  const unknown = argv.find((a, i) => !knownOptions.has(a) && !(i === at + 1 && at >= 0));
  if (unknown) {
    process.stderr.write(
      `eval-router: unknown argument "${unknown}" (options: ${[...knownOptions].join(' ')} --dir <folder>)\n`,
    );
    return 2;
  }
  const measured = argv.includes('--llm') ? await llmRouter() : await offlineRouter();
  if (typeof measured === 'string') {
    process.stderr.write(`eval-router: ${measured}\n`);
    return 2;
  }
  const { router, answeredBy } = measured;
  const directory = folder ? resolve(folder) : undefined;
  const sets = await runRouterEvaluation({ directory, router });
  const probeSets = await runProbeEvaluation({ directory, router });
  const out: string[] = [`router: ${measured.name}`, ''];
  for (const s of sets) {
    const exact = s.overlaps.filter((o) => o.kind === 'exact').length;
    out.push(
      `== ${s.path} (${s.kind} set): ${s.all.total} lines, ${s.overlaps.length} overlap training examples (${exact} exact, ${s.overlaps.length - exact} near-duplicate)`,
    );
    const open = s.kind === 'dev' || showBlind;
    if (s.kind === 'dev' && s.overlaps.length)
      out.push('  ERROR: the dev set must not repeat training examples:');
    if (open) for (const o of s.overlaps) out.push(`    ${o.kind}: "${o.text}" ~ "${o.example}"`);
    if (open) out.push(...perSkillTable(s.all));
    out.push(...figures('all lines', s.all));
    if (s.kind === 'blind') out.push(...figures('lines not overlapping training examples', s.unseen));
    if (open) {
      const misses = [...s.all.skillMisses, ...s.all.argumentMisses.filter((m) => verbose || m.dangerous)];
      if (misses.length) out.push('  Misses:', ...misses.map(describeMiss));
    } else {
      out.push('  (blind set: lines and misses not shown; --show-blind lists them)');
    }
    out.push(`  ${setPasses(s) ? 'PASS' : 'FAIL'}`, '');
  }
  out.push(
    `${'set'.padEnd(44)} ${'lines'.padStart(5)} ${'skill'.padStart(8)} ${'args'.padStart(8)} ${'danger'.padStart(6)}`,
  );
  for (const s of sets) {
    const row = (label: string, e: RouterEvaluation) =>
      `${label.padEnd(44)} ${String(e.total).padStart(5)} ${percent(e.skillAccuracy).padStart(8)} ${percent(e.argumentAccuracy).padStart(8)} ${String(e.dangerousMisroutes).padStart(6)}`;
    out.push(row(s.path, s.all));
    if (s.kind === 'blind') out.push(row('  without overlapping lines', s.unseen));
  }
  for (const p of probeSets) out.push('', ...probeReport(p));
  if (probeSets.length) {
    out.push(
      '',
      `${'probe set'.padEnd(58)} ${'S'.padStart(5)} ${'danger'.padStart(6)} ${'A='.padStart(4)} ${'recall'.padStart(8)}`,
    );
    for (const { path, probes: e } of probeSets)
      out.push(
        `${path.padEnd(58)} ${String(e.safeLines).padStart(5)} ${String(e.dangerous.length).padStart(6)} ${String(e.requestLines).padStart(4)} ${percent(e.recall).padStart(8)}`,
      );
  }
  if (answeredBy.size) {
    const total = [...answeredBy.values()].reduce((a, b) => a + b, 0);
    out.push('', `who answered the ${total} lines:`);
    for (const [who, n] of [...answeredBy].sort((a, b) => b[1] - a[1])) out.push(`  ${who.padEnd(40)} ${n}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return sets.every(setPasses) && probeSets.every(probeSetPasses) ? 0 : 1;
};

const knownOptions = new Set(['--verbose', '-v', '--show-blind', '--llm', '--dir']);

/** The router measured, what to call it in the report, and who answered each line (the LLM router only). */
interface MeasuredRouter {
  router: Router;
  name: string;
  answeredBy: Map<string, number>;
}

async function offlineRouter(): Promise<MeasuredRouter> {
  const router = await createOfflineRouter({
    config: shippedConfig(),
    skills: allSkills,
    intentModels: nlpjsIntentModels,
  });
  return { router, name: 'offline', answeredBy: new Map() };
}

/**
 * `--llm`: the configured Azure OpenAI router (the environment, as for `npm start`), asked as a
 * caller with every role like `opsbot route --llm`, counting the lines the model answered and those
 * the offline router answered instead, by reason. A string when no deployment is configured.
 */
async function llmRouter(): Promise<MeasuredRouter | string> {
  // The deployment from the environment, the landing zone the sets are labelled against.
  const config = { ...loadBotConfig(process.env), landingZone: shippedConfig() };
  if (!config.llm)
    return '--llm needs an Azure OpenAI deployment: set AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_DEPLOYMENT (and AZURE_OPENAI_API_KEY); see .env.sample';
  const { router: built } = await buildRouter(config, {
    skills: allSkills,
    logger: silentLogger,
    clock: systemClock,
  });
  const answeredBy = new Map<string, number>();
  const router: Router = {
    route: async (text) => {
      const intent = await built.route(text, cliContext);
      const who =
        intent.source === 'llm'
          ? 'Azure OpenAI'
          : intent.source === 'command'
            ? 'strict command (never sent)'
            : `offline router (${intent.fallback?.reason ?? 'not asked'})`;
      answeredBy.set(who, (answeredBy.get(who) ?? 0) + 1);
      return intent;
    },
  };
  return {
    router,
    name: `Azure OpenAI deployment ${config.llm.deployment} at ${config.llm.endpoint}, over the offline router`,
    answeredBy,
  };
}
