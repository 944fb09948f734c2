import type { WrittenAnswer } from '../../core/knowledge/answer-writer';
import type { KnowledgeHit } from '../../core/knowledge/knowledge-base';
import { answerQuestion } from '../../core/knowledge/runbook-answer';
import type { MessageResult, RunbookAnswerResult, RunbookSectionView } from '../results';
import type { SkillContext } from '../skill';
import { runRunbookChecks } from './runbook-checks';

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * `troubleshoot.ask`: the best runbook section for the question, its citation, two related
 * sections and the results of the read-only checks its page names. Below the knowledge base's
 * threshold it says it does not know and offers a person instead: declare an incident or page L2.
 */
export async function runTroubleshootAsk(
  args: { question: string },
  ctx: SkillContext,
): Promise<RunbookAnswerResult | MessageResult> {
  const kb = ctx.knowledge;
  if (!kb) {
    return {
      view: 'message',
      tone: 'warning',
      title: 'No runbooks loaded',
      text: 'The runbook knowledge base is not loaded on this bot, so I cannot answer from it.',
    };
  }
  const question = args.question.trim();
  const answer = answerQuestion(kb, question);
  if (!answer.answered || !answer.best) {
    const shown = clip(question, 120);
    return {
      view: 'runbook-answer',
      question,
      answered: false,
      related: answer.related.map(sectionView),
      ...(answer.unanswered ? { unanswered: answer.unanswered } : {}),
      checks: [],
      simulated: ctx.landingZone.simulated,
      suggestions: [
        { label: 'Declare an incident', command: `declare incident: ${shown}` },
        { label: 'Page L2', command: `page L2: ${shown}` },
        { label: 'Who is on call?', command: 'ask who is on call in L2 and how do I reach them' },
      ],
    };
  }
  const best = answer.best;
  // The writer is asked only here, above the threshold, and sees only the sections found.
  const [checks, written] = await Promise.all([
    runRunbookChecks(best.checks, question, best.citation, ctx),
    ctx.answerWriter?.write(question, [best, ...answer.related]).catch((error: unknown): WrittenAnswer => {
      ctx.logger.warn({ err: error }, 'the answer writer failed');
      return { written: false, reason: 'error' };
    }),
  ]);
  return {
    view: 'runbook-answer',
    question,
    answered: true,
    answer: sectionView(best),
    related: answer.related.map(sectionView),
    checks,
    simulated: ctx.landingZone.simulated,
    suggestions: checks.map((c) => ({ label: c.title, command: c.command })),
    ...(written ? { written } : {}),
  };
}

function sectionView(hit: KnowledgeHit): RunbookSectionView {
  return {
    title: hit.title,
    heading: hit.heading,
    file: hit.file,
    citation: hit.citation,
    steps: hit.steps,
    text: hit.text,
    score: hit.score,
    command: `ask ${clip(`${hit.heading} (${hit.title})`, 200)}`,
  };
}
