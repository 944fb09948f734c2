import type { KnowledgeBase, KnowledgeHit } from './knowledge-base';

/** What the knowledge base answers to one question. */
export interface RunbookAnswer {
  question: string;
  /** False when nothing reaches the answer threshold: the answer is "I don't know". */
  answered: boolean;
  /** The section that answers; absent when not answered. */
  best?: KnowledgeHit;
  /**
   * When answered: the next sections by rank (at most `relatedCount`), other pages first, since the
   * answer already cites its own page. When not: the nearest
   * sections that still reach half the threshold, offered as "maybe related", never as the answer.
   */
  related: KnowledgeHit[];
  /** Not answered although a section is about the question: what the question asks that it does not say. */
  unanswered?: string;
}

/** Options of `answerQuestion`. */
export interface AnswerOptions {
  /** Related sections shown with an answer; 2 when absent. */
  relatedCount?: number;
  /** Overrides the base's `answerThreshold` (the evaluation's threshold sweep). */
  threshold?: number;
}

/** How close to the best section's relevance another section must be to answer in its place. */
const closeRunnerUp = 0.8;

/** How many sections the search looks at for one answer. */
const searchDepth = 8;

/**
 * Answers a question from the knowledge base: the best section when its relevance reaches the
 * base's threshold and it says what the question asks for, with the next sections as related
 * reading; otherwise "I don't know".
 */
export function answerQuestion(
  kb: KnowledgeBase,
  question: string,
  options: AnswerOptions = {},
): RunbookAnswer {
  const relatedCount = options.relatedCount ?? 2;
  const threshold = options.threshold ?? kb.answerThreshold;
  const found = kb.search(question, { limit: searchDepth });
  // The best section that says what the question asks for answers; one that is only about its
  // subject ranks behind it ("what training do L2 engineers need": the training page, not L2's).
  // Only a close runner-up or another section of the same page may: a weak match is never the answer.
  const top = found[0];
  const saying = found.findIndex(
    (h) =>
      h.score >= threshold &&
      !h.unanswered &&
      (h.pageId === top.pageId || h.score >= top.score * closeRunnerUp),
  );
  const hits = saying > 0 ? [found[saying], ...found.slice(0, saying), ...found.slice(saying + 1)] : found;
  const [answer, ...rest] = hits;
  if (!answer || answer.score < threshold || answer.unanswered) {
    const near = hits.filter((h) => h.score >= threshold / 2).slice(0, relatedCount);
    // A section about the subject that does not say what is asked is nearest reading, never the answer.
    return {
      question,
      answered: false,
      related: near,
      ...(answer && answer.score >= threshold && answer.unanswered ? { unanswered: answer.unanswered } : {}),
    };
  }
  return {
    question,
    answered: true,
    best: answer,
    related: otherPagesFirst(answer, rest).slice(0, relatedCount),
  };
}

/** The hits in rank order, the best section of each other page first, then the rest. */
function otherPagesFirst(best: KnowledgeHit, rest: KnowledgeHit[]): KnowledgeHit[] {
  const seen = new Set([best.pageId]);
  const leads: KnowledgeHit[] = [];
  const others: KnowledgeHit[] = [];
  for (const hit of rest) {
    if (seen.has(hit.pageId)) others.push(hit);
    else {
      seen.add(hit.pageId);
      leads.push(hit);
    }
  }
  return [...leads, ...others];
}
