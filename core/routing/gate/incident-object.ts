import type { Clause, VerbMatch } from './clauses';
import type { Guarded, TargetSets } from './guarded-skill';
import { determiners } from './gate-words';
import type { ChangeGateVerdict } from './verdict';
import { conditionWords } from '../mood/conditional.mood';
import { abort } from '../mood/negated.mood';

/*
 * What an incident action acts on: the incident, a tier or a pronoun, never a document about it.
 */

/**
 * Words in the reason or resolution after a named incident that call the action off, put it off,
 * leave it to someone, or make it an intention or a question rather
 * than a report of what was done.
 */
const heldReason =
  /\b(?:not yet|not now|not needed|not necessary|no need|never ?mind|don t|dont|do not|wait|hold off|hold on|going to|gonna|about to|need to|needs to|want to|wanna|have to|has to|plan to|will|ll|should|let me|first|later|tomorrow|tonight|once|until|till|unless|if|when|up to (?:you|u|them|him|her))\b|\?/;

/**
 * What an incident verb acts on: anything after its own verbs ("escalate to engineering"); the
 * incident, a tier or a pronoun after a broad one ("take this one", "get L3 on INC-0020").
 */
export function incidentObject(
  clause: Clause,
  at: number,
  match: VerbMatch,
  lower: string,
  guarded: Pick<Guarded, 'broad' | 'destination'>,
  targets: TargetSets,
): ChangeGateVerdict {
  const { broad } = guarded;
  // Everything after the verb must be about the incident: "resolve the merge conflict", "close this
  // tab", "escalate my permissions", "ack INC-0004 in an hour" ask for something else.
  const all = clause.tokens.slice(match.objectFrom).filter((_t, k) => {
    const i = match.objectFrom + k;
    return !(i >= match.objectTo && i < match.end);
  });
  // A reason or a resolution may follow a named incident ("escalate INC-0733 no response from L2").
  const id = all.findIndex((t, k) => t === 'inc' && /^\d+$/.test(all[k + 1] ?? ''));
  const reason = all.findIndex((t) => /^(?:because|since|as|so|due|cause|cos|coz)$/.test(t));
  // "acknowledge the fraud latency incident": words describing the incident before the word itself.
  const named = all.indexOf('incident');
  const after = all
    .slice(0, id >= 0 ? id + 2 : reason >= 0 ? reason : all.length)
    .filter((_t, k) => named < 0 || k >= named);
  if (after.some((t) => !targets.all.has(t) && !/^\d+$/.test(t)))
    return { allowed: false, refusal: 'wrong-resource' };
  if (all.some((t) => targets.artifacts.has(t))) return { allowed: false, refusal: 'wrong-resource' };
  const verb = clause.tokens[at];
  if (/^(?:got|ve)$/.test(verb) || (verb === 'i' && clause.tokens[at + 1] === 've')) {
    if (!after.some((t) => t === 'this' || t === 'incident' || t === 'inc'))
      return { allowed: false, refusal: 'not-requested' };
  }
  // What follows a named incident is a reason or a resolution; it must not call the action off or put
  // it off ("resolve INC-0042 not yet", "escalate INC-0042 no need to", "ack INC-0042 going to look").
  const idAt = clause.tokens.findIndex(
    (t, k) => k > at && t === 'inc' && /^\d+$/.test(clause.tokens[k + 1] ?? ''),
  );
  const stated = idAt > at ? clause.tokens.slice(idAt + 2).join(' ') : '';
  // An action without a destination that goes on "to …" states a purpose: "resolve INC-0042 to test the pager".
  if (
    heldReason.test(stated) ||
    (!guarded.destination && /^to\b(?! (?:acknowledged|acked|resolved|closed|done|fixed)\b)/.test(stated))
  )
    return { allowed: false, refusal: 'negated' };
  // "escalate to engineering", "move it to resolved": where a "to" sends the incident. After a named
  // incident, an action without a destination reads it as its resolution's ("rolled back to the last model").
  const toAt = clause.tokens.indexOf('to', at);
  if (toAt > at && (guarded.destination || !(idAt > at && idAt < toAt))) {
    const target = clause.tokens.slice(toAt + 1).filter((t) => !determiners.has(t));
    const state = /^(?:acknowledged|acked|resolved|closed|done|fixed)$/.test(target[0] ?? '');
    if (!state && !target.some((t) => targets.tiers.has(t)))
      return { allowed: false, refusal: 'wrong-resource' };
  }
  const namedElsewhere = all.length === 0 && /\binc[- ]?\d+\b/.test(lower);
  if (
    /^(?:close|closing|wrap|shut)$/.test(verb) &&
    !namedElsewhere &&
    !all.some((t) => /^(?:inc|incident|ticket|it|this)$/.test(t))
  )
    return { allowed: false, refusal: 'not-requested' };
  // "on" and "take" mean the incident only with it as their object ("I'm on the sre team" does not).
  if (verb === 'looking' && !all.some((t) => t === 'inc' || t === 'incident'))
    return { allowed: false, refusal: 'not-requested' };
  if (
    /^(?:on|take|taking|i)$/.test(verb) &&
    !namedElsewhere &&
    !all.some((t) => /^(?:inc|incident|it|this|that|page|alert|ticket|outage|issue|one)$/.test(t))
  )
    return { allowed: false, refusal: 'not-requested' };
  if (
    verb === 'wrap' &&
    !all.some((t) => t === 'inc' || t === 'incident') &&
    !/\b(?:all good|all green|all clear|fixed|resolved|stable|recovered|mitigated|back to normal|healthy)\b/.test(
      lower,
    )
  )
    return { allowed: false, refusal: 'not-requested' };
  if (!broad.has(clause.tokens[at])) return { allowed: true };
  // "all clear on INC-0300, closing": the verb alone, the incident named in the message.
  if (
    all.length === 0 &&
    /^(?:closing|resolving|escalating|acking)$/.test(clause.tokens[at]) &&
    /\binc[- ]?\d+\b/.test(lower)
  )
    return { allowed: true };
  const object = clause.tokens
    .slice(match.objectFrom, match.objectTo)
    .filter((t) => !determiners.has(t) && t !== 'as');
  const gapped = match.end > match.objectTo;
  const fits = gapped
    ? object.length === 0 || object.some((t) => targets.objects.has(t))
    : targets.objects.has(object[0]);
  return fits
    ? { allowed: true }
    : { allowed: false, refusal: object.length ? 'wrong-resource' : 'not-requested' };
}

/**
 * An incident action said in one word as a clause of its own, in the first clause and not asked,
 * negated or made conditional by the other clauses ("acknowledged, looking now").
 */
export function saysDone(done: RegExp | undefined, clauses: Clause[]): boolean {
  const [first, ...others] = clauses;
  if (!first || first.asked || !done?.test(first.tokens.join(' '))) return false;
  return !others.some((c) => {
    const text = c.tokens.join(' ');
    return abort.test(text) || conditionWords.test(text.split(' ').slice(0, 3).join(' '));
  });
}
