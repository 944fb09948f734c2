import { tokenize } from '../entity-resolver';
import {
  conditionLead,
  conditionWords,
  deferral,
  later,
  laterWords,
  purposeTail,
  untilTime,
} from '../mood/conditional.mood';
import { abort, negation, negativeEmoji } from '../mood/negated.mood';
import { endsAsked } from '../mood/question.mood';
import { reportedAnywhere, speakerEmoji } from '../mood/reported.mood';
import type { Clause } from './clauses';
import { determiners, foreignAction } from './gate-words';
import type { Guarded } from './guarded-skill';
import type { ResourceObjects } from './resource-object';
import type { ChangeGateInput, ChangeGateVerdict } from './verdict';

/**
 * A request in the passive voice or as a need: "INC-0133 can be resolved", "this needs L3 now",
 * "could gpu-cluster-01 be started please", "the openai key needs rotating". These forms are
 * easily a statement, a question or somebody else's words, so they count only when the whole
 * message holds nothing else: no question mark (a change's modal form needs a "please"), no
 * negation, condition, later time, reported speech, speaker label or other action anywhere, and
 * the subject is exactly the resource (or the incident) and nothing more.
 */
export function passiveRequest(
  { kind, request }: Guarded,
  input: ChangeGateInput,
  clauses: Clause[],
  resources: ResourceObjects,
): ChangeGateVerdict | undefined {
  const form = request.passive;
  if (!form || input.asksOnly) return undefined;
  const whole = clauses.map((c) => c.tokens.join(' ')).join(' ');
  if (
    negation.test(whole) ||
    reportedAnywhere.test(whole) ||
    foreignAction.test(whole) ||
    clauses.some((c) => conditionLead.test(c.tokens.join(' ')) || abort.test(c.tokens.join(' '))) ||
    negativeEmoji.test(input.lower)
  )
    return undefined;
  for (const clause of clauses) {
    const text = clause.tokens.join(' ').replace(untilTime, ' ').replace(purposeTail, '').trim();
    const match = form.exec(text.replace(/\s+/g, ' '));
    if (!match) continue;
    const before = input.lower.slice(0, input.lower.indexOf(clause.text));
    const question = clause.asked || endsAsked(input.lower);
    const modal = /^(?:please )?(?:can|could|would|will)\b/.test(text);
    if (before.includes(':') || conditionWords.test(text) || later.test(text)) return undefined;
    if (laterWords.test(whole)) return undefined;
    const asking = /^(?:how|what|why|when|where|which|who|does|do|is|are|should|can|could|would|will)\b/;
    if (clauses.some((c) => c !== clause && asking.test(c.tokens.join(' ')))) return undefined;
    if (clauses.some((c) => c.quoted || c.afterNo) || speakerEmoji.test(input.lower)) return undefined;
    if (clauses.some((c) => c !== clause && deferral.test(c.tokens.join(' ')))) return undefined;
    if (question && !(modal && kind && /\b(?:please|pls|kindly)\b/.test(whole))) return undefined;
    const subject = tokenize(match.slice(1).find(Boolean) ?? '');
    if (!kind) {
      const incidentAt = subject.indexOf('incident');
      const words = subject
        .slice(incidentAt >= 0 ? incidentAt : 0)
        .filter((t) => !/^\d+$/.test(t) && !determiners.has(t));
      return words.every((t) => ['this', 'it', 'that', 'one', 'incident', 'inc'].includes(t))
        ? { allowed: true }
        : undefined;
    }
    return resources.subjectIsResource(kind, input, clause, subject)
      ? { allowed: true, resource: 'named' }
      : undefined;
  }
  return undefined;
}
