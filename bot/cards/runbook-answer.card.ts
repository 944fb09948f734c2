import type { CheckStatus } from '../../core/baselines';
import type { AnswerWriterFailure, WrittenAnswer } from '../../core/knowledge/answer-writer';
import type { RunbookAnswerResult, RunbookSectionView } from '../../skills/results';
import type { AdaptiveCard, CardElement } from './adaptive-card';
import { cardKit as k } from './card-kit';

/** Steps shown of one section; a longer section says how many more there are. */
const maxSteps = 12;

const marks: Record<CheckStatus, string> = { ok: '✓', warning: '✗', critical: '✗', unknown: '?' };

/**
 * Renders `troubleshoot.ask`: the section's steps with their commands, the checks run now (✓ / ✗
 * with the figure), the citation and two related sections; or "I don't know" with the ways to a person.
 */
export function runbookAnswerCard(result: RunbookAnswerResult): AdaptiveCard {
  return result.answered && result.answer ? answerCard(result, result.answer) : dontKnowCard(result);
}

function answerCard(result: RunbookAnswerResult, answer: RunbookSectionView): AdaptiveCard {
  const body: CardElement[] = [
    k.header(answer.heading, answer.title, { word: 'Runbook', color: 'Accent' }),
    k.text(`You asked: "${result.question}"`, { size: 'Small', isSubtle: true, spacing: 'None' }),
  ];
  body.push(...writtenElements(result.written));
  if (answer.text) body.push(k.text(answer.text));
  body.push(...stepElements(answer));
  if (result.checks.length) {
    body.push(k.text('**Checks run now**', { spacing: 'Medium' }));
    if (result.simulated) body.push(k.simulatedLabel());
    for (const check of result.checks) body.push(checkRow(check.title, check.summary, check.status));
  }
  body.push(
    k.text(`Source: ${answer.citation}`, { size: 'Small', isSubtle: true, spacing: 'Medium' }),
    ...relatedElements('Related', result.related),
  );
  const actions = [
    ...result.suggestions,
    ...result.related.map((r) => ({ label: `Open: ${clip(r.heading, 30)}`, command: r.command })),
  ];
  return k.card(body, k.commandActions(actions));
}

/** Why the runbook's steps answer alone, in one line of the card. */
const notWrittenLines: Record<AnswerWriterFailure, string> = {
  'breaker-open': 'Azure OpenAI failed several times just now and is left alone for a while',
  timeout: 'Azure OpenAI did not answer in time',
  'rate-limited': 'Azure OpenAI is throttling requests (429)',
  'content-filter': "Azure OpenAI's content filter stopped the answer",
  error: 'Azure OpenAI returned an error',
  uncited: 'the answer Azure OpenAI wrote did not cite the sections it was given, so it is not shown',
};

/** The model's answer with the sources it cited and who wrote it; or one line saying why there is none. */
function writtenElements(written: WrittenAnswer | undefined): CardElement[] {
  if (!written) return [];
  if (!written.written) {
    return [
      k.text(`${notWrittenLines[written.reason]}; these are the runbook's own steps.`, {
        size: 'Small',
        isSubtle: true,
      }),
    ];
  }
  return [
    {
      type: 'Container',
      style: 'emphasis',
      items: [
        k.text(written.text),
        ...written.cited.map((source) =>
          k.text(`[${source.mark}] ${source.citation}`, { size: 'Small', isSubtle: true, spacing: 'None' }),
        ),
        k.text(
          `Written by ${written.writer} from the cited runbook sections only; the steps below are the runbook's own.`,
          {
            size: 'Small',
            isSubtle: true,
          },
        ),
      ],
    },
  ];
}

function dontKnowCard(result: RunbookAnswerResult): AdaptiveCard {
  const body: CardElement[] = [
    {
      type: 'Container',
      style: 'warning',
      items: [
        k.header(
          "I don't know",
          result.unanswered
            ? `The runbooks cover this subject but do not say ${result.unanswered}`
            : 'No runbook section answers this well enough',
          {
            word: 'No answer',
            color: 'Warning',
          },
        ),
        k.text(`You asked: "${result.question}"`, { size: 'Small', isSubtle: true, spacing: 'None' }),
        k.text(
          'Rather than guess, I can bring in a person: declare an incident (the severity matrix suggests a level, ' +
            'you confirm it on a card) or page L2 Cloud Ops, who are on call around the clock.',
        ),
      ],
    },
    ...relatedElements('Maybe related (not an answer)', result.related),
  ];
  return k.card(body, k.commandActions(result.suggestions));
}

function stepElements(section: RunbookSectionView): CardElement[] {
  const shown = section.steps.slice(0, maxSteps);
  const elements: CardElement[] = [];
  shown.forEach((step, i) => {
    if (step.text) elements.push(k.text(`${i + 1}. ${step.text}`, { spacing: 'Small' }));
    if (step.code) {
      elements.push({
        type: 'Container',
        style: 'emphasis',
        spacing: 'Small',
        items: [k.text(step.code, { fontType: 'Monospace', size: 'Small' })],
      });
    }
  });
  const more = section.steps.length - shown.length;
  if (more > 0) {
    elements.push(
      k.text(`…and ${k.plural(more, 'more step')} in ${section.file}.`, { size: 'Small', isSubtle: true }),
    );
  }
  return elements;
}

function checkRow(title: string, summary: string, status: CheckStatus): CardElement {
  return {
    type: 'ColumnSet',
    spacing: 'Small',
    columns: [
      {
        type: 'Column',
        width: 'auto',
        items: [k.text(marks[status], { color: k.statusColor(status), weight: 'Bolder' })],
      },
      { type: 'Column', width: 'stretch', items: [k.text(`**${title}**: ${summary}`)] },
      {
        type: 'Column',
        width: 'auto',
        items: [k.text(k.statusWord(status), { color: k.statusColor(status), weight: 'Bolder' })],
      },
    ],
  };
}

function relatedElements(label: string, related: RunbookSectionView[]): CardElement[] {
  if (!related.length) return [];
  return [
    k.text(`**${label}**`, { spacing: 'Medium' }),
    ...related.map((r) =>
      k.text(`- ${r.heading} — ${r.title} (${r.file})`, { size: 'Small', spacing: 'None' }),
    ),
  ];
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
