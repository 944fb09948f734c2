import type { KnowledgeHit } from './knowledge-base';

/** Why no written answer came back; the runbook's own answer is shown instead. */
export type AnswerWriterFailure =
  | 'breaker-open'
  | 'timeout'
  | 'rate-limited'
  | 'content-filter'
  | 'error'
  /** The text named none of the sections it was given, or named one it was not given. */
  | 'uncited';

/** One section the written answer was allowed to use, and the short mark that cites it. */
export interface WrittenAnswerSource {
  /** `S1`, `S2`, … in the order the sections were given. */
  mark: string;
  citation: string;
}

/** What one `write` gives: the model's text with the sources it cited, or why there is none. */
export type WrittenAnswer =
  | { written: true; text: string; cited: WrittenAnswerSource[]; writer: string }
  | { written: false; reason: AnswerWriterFailure };

/**
 * Writes a short answer to a question from runbook sections only (the best one first, then the
 * related ones), citing the sections each step comes from. Asked only when the knowledge base has
 * an answer; it never decides whether there is one. Implemented over Azure OpenAI in `adapters/llm`.
 */
export interface AnswerWriter {
  write(question: string, sections: readonly KnowledgeHit[]): Promise<WrittenAnswer>;
}

/** The mark of the section at `index` (0-based) in a `write` call. */
export const sourceMark = (index: number): string => `S${index + 1}`;

/**
 * The sources a text cites by mark (`[S2]`, `[S1, S3]`) among those it was given, and the marks it
 * names that it was not given. Pure, so that the writer's check is the same everywhere.
 */
export function citedSources(
  text: string,
  given: readonly WrittenAnswerSource[],
): { cited: WrittenAnswerSource[]; unknown: string[] } {
  const named = new Set<string>();
  for (const group of text.matchAll(/\[(\s*S\d+(?:\s*[,;]\s*S\d+)*\s*)\]/gi)) {
    for (const mark of group[1].split(/[,;]/)) named.add(mark.trim().toUpperCase());
  }
  const byMark = new Map(given.map((source) => [source.mark, source]));
  return {
    cited: given.filter((source) => named.has(source.mark)),
    unknown: [...named].filter((mark) => !byMark.has(mark)),
  };
}
