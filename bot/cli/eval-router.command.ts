import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LandingZoneConfig } from '../../core/config/landing-zone.schema';
import { createOfflineRouter } from '../../core/routing/offline-router';
import { routeText, toRouteRecord } from '../../core/routing/route-record';
import type { RouterEvaluation } from '../../core/routing/router-evaluation';
import { evaluateRouting, findOverlap, parseLabelledSet } from '../../core/routing/router-evaluation';
import { allSkills } from '../../skills/catalog';
import { defaultConfigPath, readLandingZoneConfig } from '../config';
import type { Subcommand } from './opsbot.cli';

const projectRoot = join(__dirname, '..', '..');

/** The labelled set, relative to the project root. */
export const evaluationSetPath = 'test/router-eval/utterances.jsonl';

/** Targets of the router issue. */
export const routerTargets = { skillAccuracy: 0.95, argumentAccuracy: 0.9, dangerousMisroutes: 0 };

/** Routes the labelled set with the offline router; throws when a sentence is also a training example. */
export async function runRouterEvaluation(config?: LandingZoneConfig): Promise<RouterEvaluation> {
  const landingZone =
    config ?? readLandingZoneConfig(defaultConfigPath, join(projectRoot, defaultConfigPath));
  const cases = parseLabelledSet(
    readFileSync(join(projectRoot, evaluationSetPath), 'utf8'),
    evaluationSetPath,
  );
  const overlap = findOverlap(
    cases,
    allSkills.flatMap((s) => s.examples),
  );
  if (overlap.length) {
    throw new Error(
      `${evaluationSetPath}: ${overlap.length} sentence(s) are also training examples: ${overlap.map((t) => `"${t}"`).join(', ')}`,
    );
  }
  const router = await createOfflineRouter({ config: landingZone, skills: allSkills });
  const routed = [];
  for (const c of cases) routed.push(toRouteRecord(c.text, await routeText(c.text, landingZone, router)));
  const changeSkills = new Set(allSkills.filter((s) => s.kind === 'change').map((s) => s.id));
  return evaluateRouting(cases, routed, changeSkills);
}

const percent = (n: number) => `${(n * 100).toFixed(1)} %`;

/** `opsbot eval-router` (`npm run eval:router`): prints the figures; exit code 1 when a target is missed. */
export const evalRouter: Subcommand = async (argv) => {
  const e = await runRouterEvaluation();
  const out: string[] = [];
  out.push(`Router evaluation on ${evaluationSetPath}: ${e.total} utterances`);
  out.push('');
  out.push(`${'skill'.padEnd(20)} ${'n'.padStart(4)} ${'precision'.padStart(10)} ${'recall'.padStart(8)}`);
  for (const s of e.perSkill) {
    out.push(
      `${s.skill.padEnd(20)} ${String(s.support).padStart(4)} ${percent(s.precision).padStart(10)} ${percent(s.recall).padStart(8)}`,
    );
  }
  out.push('');
  out.push(
    `skill accuracy       ${percent(e.skillAccuracy)} (target ≥ ${percent(routerTargets.skillAccuracy)})`,
  );
  out.push(
    `argument accuracy    ${percent(e.argumentAccuracy)} (target ≥ ${percent(routerTargets.argumentAccuracy)}; structured args on correctly routed utterances)`,
  );
  out.push(`dangerous mis-routes ${e.dangerousMisroutes} (target ${routerTargets.dangerousMisroutes})`);
  out.push(`wrong change skill   ${e.wrongChangeSkill}`);
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  const misses = [...e.skillMisses, ...(verbose ? e.argumentMisses : [])];
  if (misses.length) {
    out.push('');
    out.push('Misses:');
    for (const m of [...e.skillMisses, ...e.argumentMisses]) {
      out.push(
        `  ${m.dangerous ? 'DANGEROUS ' : ''}"${m.text}": expected ${m.expected.skill} ${JSON.stringify(m.expected.args)}, got ${m.actual.skill} ${JSON.stringify(m.actual.args)} (${m.actual.confidence})`,
      );
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
  const met =
    e.skillAccuracy >= routerTargets.skillAccuracy &&
    e.argumentAccuracy >= routerTargets.argumentAccuracy &&
    e.dangerousMisroutes <= routerTargets.dangerousMisroutes;
  return met ? 0 : 1;
};
