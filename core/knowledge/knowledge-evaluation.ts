import { z } from 'zod/v4';
import type { RunbookAnswer } from './runbook-answer';

/** One labelled question: answerable from the handover section `covers`, or not answerable at all. */
export type LabelledQuestion =
  | { question: string; answerable: true; covers: string }
  | { question: string; answerable: false };

const Line = z.strictObject({
  question: z.string().trim().min(1),
  covers: z
    .union([z.string(), z.number()])
    .transform((v) => String(v).trim())
    .pipe(z.string().regex(/^\d+(\.\d+)*$/, 'expected a handover section number such as "5.2"'))
    .optional(),
  answerable: z.boolean().optional(),
});

/**
 * Parses a JSONL set: `{"question": "...", "covers": "5.2"}` or `{"question": "...", "answerable": false}`.
 * Blank lines are skipped; a bad line throws an error naming the file and the line.
 */
export function parseQuestionSet(text: string, shownPath: string): LabelledQuestion[] {
  const cases: LabelledQuestion[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    const where = `${shownPath}:${i + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new Error(`${where}: not valid JSON`);
    }
    const parsed = Line.safeParse(json);
    if (!parsed.success) throw new Error(`${where}: ${parsed.error.issues.map((x) => x.message).join('; ')}`);
    const { question, covers, answerable } = parsed.data;
    if (answerable === false) {
      if (covers) throw new Error(`${where}: an unanswerable question has no "covers"`);
      cases.push({ question, answerable: false });
    } else if (!covers) {
      throw new Error(`${where}: give "covers" (a handover section) or "answerable": false`);
    } else {
      cases.push({ question, answerable: true, covers });
    }
  });
  return cases;
}

/** True when two section numbers are the same, or one is a parent of the other ("5" and "5.2"). */
export function sectionsRelate(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/** One question the knowledge base got wrong, for the report. */
export interface KnowledgeMiss {
  question: string;
  expected: string;
  /** `answered` at the wrong place, `refused` (don't know) although answerable, `answered-unanswerable`. */
  kind: 'wrong' | 'refused' | 'answered-unanswerable';
  got: string[];
}

/** The figures of one set. */
export interface KnowledgeEvaluation {
  total: number;
  answerable: number;
  unanswerable: number;
  /** Share of answerable questions whose answer (best section) covers the expected section. */
  hitAt1: number;
  /** Share of answerable questions where the answer or one of its two related sections covers it. */
  hitAt3: number;
  /** Share of unanswerable questions answered "I don't know". */
  refusedUnanswerable: number;
  /** Share of answerable questions wrongly answered "I don't know". */
  refusedAnswerable: number;
  misses: KnowledgeMiss[];
}

/**
 * Scores answers against labels. Only what the user would see counts: a refused question has no
 * sections, so an answerable question answered "don't know" is a miss at 1 and at 3.
 */
export function evaluateAnswers(cases: LabelledQuestion[], answers: RunbookAnswer[]): KnowledgeEvaluation {
  let at1 = 0;
  let at3 = 0;
  let refusedWrongly = 0;
  let refusedRightly = 0;
  const misses: KnowledgeMiss[] = [];
  cases.forEach((c, i) => {
    const answer = answers[i];
    const shown = answer.answered && answer.best ? [answer.best, ...answer.related] : [];
    const got = shown.map((h) => `${h.citation} [${h.covers.join(', ')}] ${h.score.toFixed(2)}`);
    if (!c.answerable) {
      if (answer.answered) misses.push({ question: c.question, expected: "don't know", kind: 'answered-unanswerable', got });
      else refusedRightly += 1;
      return;
    }
    const fits = (index: number) => shown[index]?.covers.some((s) => sectionsRelate(s, c.covers)) ?? false;
    const first = fits(0);
    const any = shown.some((_, index) => fits(index));
    if (first) at1 += 1;
    if (any) at3 += 1;
    if (!answer.answered) {
      refusedWrongly += 1;
      misses.push({ question: c.question, expected: c.covers, kind: 'refused', got: [] });
    } else if (!first) {
      misses.push({ question: c.question, expected: c.covers, kind: 'wrong', got });
    }
  });
  const answerable = cases.filter((c) => c.answerable).length;
  const unanswerable = cases.length - answerable;
  const share = (n: number, of: number) => (of ? n / of : 1);
  return {
    total: cases.length,
    answerable,
    unanswerable,
    hitAt1: share(at1, answerable),
    hitAt3: share(at3, answerable),
    refusedUnanswerable: share(refusedRightly, unanswerable),
    refusedAnswerable: share(refusedWrongly, answerable),
    misses,
  };
}
