import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { KnowledgeBase } from '../../core/knowledge/knowledge-base';
import {
  evaluateAnswers,
  parseQuestionSet,
  type KnowledgeEvaluation,
  type LabelledQuestion,
} from '../../core/knowledge/knowledge-evaluation';
import { answerQuestion } from '../../core/knowledge/runbook-answer';
import { systemClock } from '../../core/clock';
import { allSkills } from '../../skills/catalog';
import { loadBotConfig } from '../config';
import { createKnowledgeBase } from '../knowledge-base';
import type { Subcommand } from './opsbot.cli';

/** The set `npm run eval:kb` scores when no file is given (the one the search was tuned on). */
export const defaultQuestionSet = 'test/fixtures/kb-dev.jsonl';

/** Targets of the knowledge-base issue. */
export const knowledgeTargets = { hitAt1: 0.9, hitAt3: 0.97, refusedUnanswerable: 0.9 };

/** True when the figures meet the issue's targets. */
export function meetsKnowledgeTargets(e: KnowledgeEvaluation): boolean {
  return (
    e.hitAt1 >= knowledgeTargets.hitAt1 &&
    e.hitAt3 >= knowledgeTargets.hitAt3 &&
    e.refusedUnanswerable >= knowledgeTargets.refusedUnanswerable
  );
}

/** Answers every question of a set and scores the answers; `threshold` overrides the base's own. */
export function evaluateKnowledgeBase(
  kb: KnowledgeBase,
  cases: LabelledQuestion[],
  threshold?: number,
): KnowledgeEvaluation {
  return evaluateAnswers(
    cases,
    cases.map((c) => answerQuestion(kb, c.question, { threshold })),
  );
}

const usage = `Usage: opsbot eval-kb [file.jsonl] [--verbose] [--sweep]

Scores the runbook knowledge base (KNOWLEDGE_DIR, or knowledge/) on a labelled set; ${defaultQuestionSet} by default.
Each line: {"question": "...", "covers": "5.2"} or {"question": "...", "answerable": false}.
  --verbose  list every miss with what was answered
  --sweep    the figures at answer thresholds from 0.20 to 0.70, to choose the threshold
`;

const percent = (n: number) => `${(n * 100).toFixed(1)} %`;

/** `opsbot eval-kb` (`npm run eval:kb -- <file>`): hit@1, hit@3 and the refusal shares; exit 1 below the targets. */
export const evalKb: Subcommand = async (argv) => {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(usage);
    return 0;
  }
  const unknown = argv.find((a) => a.startsWith('-') && !['--verbose', '-v', '--sweep'].includes(a));
  const files = argv.filter((a) => !a.startsWith('-'));
  if (unknown || files.length > 1) {
    process.stderr.write(`eval-kb: ${unknown ? `unknown option "${unknown}"` : 'give one file'}\n\n${usage}`);
    return 2;
  }
  const file = files[0] ?? defaultQuestionSet;
  const cases = parseQuestionSet(readFileSync(resolve(file), 'utf8'), file);
  const config = loadBotConfig(process.env);
  const kb = createKnowledgeBase(config.knowledge, allSkills, systemClock);
  const load = kb.lastLoad();
  const out: string[] = [
    `== ${file}: ${cases.length} questions (${cases.filter((c) => c.answerable).length} answerable), ` +
      `knowledge base ${load.directory}: ${load.pages} pages, ${load.sections} sections, ${load.skipped.length} skipped`,
  ];
  for (const s of load.skipped) out.push(`  skipped ${s.file}: ${s.problem}`);

  if (argv.includes('--sweep')) {
    out.push(
      `  ${'threshold'.padEnd(10)} ${'hit@1'.padStart(8)} ${'hit@3'.padStart(8)} ${'refused-unans'.padStart(14)} ${'refused-ans'.padStart(12)}`,
    );
    for (let t = 0.2; t <= 0.7001; t += 0.05) {
      const e = evaluateKnowledgeBase(kb, cases, t);
      out.push(
        `  ${t.toFixed(2).padEnd(10)} ${percent(e.hitAt1).padStart(8)} ${percent(e.hitAt3).padStart(8)} ${percent(e.refusedUnanswerable).padStart(14)} ${percent(e.refusedAnswerable).padStart(12)}`,
      );
    }
  }
  const e = evaluateKnowledgeBase(kb, cases);
  out.push(
    `  answer threshold                 ${kb.answerThreshold}`,
    `  hit@1                            ${percent(e.hitAt1)} (target ≥ ${percent(knowledgeTargets.hitAt1)})`,
    `  hit@3                            ${percent(e.hitAt3)} (target ≥ ${percent(knowledgeTargets.hitAt3)})`,
    `  unanswerable answered "don't know" ${percent(e.refusedUnanswerable)} of ${e.unanswerable} (target ≥ ${percent(knowledgeTargets.refusedUnanswerable)})`,
    `  answerable answered "don't know"   ${percent(e.refusedAnswerable)} of ${e.answerable}`,
  );
  if (argv.includes('--verbose') || argv.includes('-v')) {
    if (e.misses.length) out.push('  Misses:');
    for (const m of e.misses) {
      out.push(`    [${m.kind}] "${m.question}" expected ${m.expected}`);
      for (const g of m.got) out.push(`        ${g}`);
    }
  }
  out.push(`  ${meetsKnowledgeTargets(e) ? 'PASS' : 'FAIL'}`);
  process.stdout.write(`${out.join('\n')}\n`);
  return meetsKnowledgeTargets(e) ? 0 : 1;
};
