import type { Clause, VerbMatch } from './clauses';
import { determiners } from './gate-words';
import type { ChangeGateVerdict } from './verdict';
import { conditionWords } from '../mood/conditional.mood';
import { abort } from '../mood/negated.mood';

/*
 * What an incident action acts on: the incident, a tier or a pronoun, never a document about it.
 */

/** What a broad incident verb ("take", "close", "get … on") must act on to be about the incident. */
export const incidentObjects = new Set(
  `incident incidents inc it this that one page alert alerts ticket outage issue p1 p2 p3 p4 sev sev1 sev2 sev3 sev4
   l1 l2 l3 tier level next engineering engineers architect director team sre oncall manager lead
   platform someone somebody case ownership`.split(/\s+/),
);

/** Things about an incident that are not the incident ("wrap up the INC-0004 notes", "close the postmortem doc"). */
export const incidentArtifacts = new Set(
  `notes note doc docs document postmortem mortem report thread summary writeup write pr tab wiki jira
   timeline slides deck email minutes draft`.split(/\s+/),
);

/** Who an incident can be escalated or handed to. */
export const tierWords = new Set(
  `l1 l2 l3 l4 tier level next engineering engineers architect architects platform director directors it security
   sre sres oncall call on manager lead leads tiers secops soc`.split(/\s+/),
);

/** Every word that may follow an incident verb in its clause. */
export const incidentWords = new Set([
  ...incidentObjects,
  ...tierWords,
  ...`the a an to up over as now please pls asap immediately right away urgently me my our resolved acknowledged
   acked fixed closed done out off of on for it this that ownership again please thanks behalf by new i think from here
   rn into involved in senior someone somebody
   probably
   latest current last first second other previous same incident`.split(/\s+/),
]);

/**
 * What an incident verb acts on: anything after its own verbs ("escalate to engineering"); the
 * incident, a tier or a pronoun after a broad one ("take this one", "get L3 on INC-0020").
 */
export function incidentObject(
  clause: Clause,
  at: number,
  match: VerbMatch,
  lower: string,
  broad: ReadonlySet<string>,
): ChangeGateVerdict {
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
  if (after.some((t) => !incidentWords.has(t) && !/^\d+$/.test(t)))
    return { allowed: false, refusal: 'wrong-resource' };
  if (all.some((t) => incidentArtifacts.has(t))) return { allowed: false, refusal: 'wrong-resource' };
  const verb = clause.tokens[at];
  if (/^(?:got|ve)$/.test(verb) || (verb === 'i' && clause.tokens[at + 1] === 've')) {
    if (!after.some((t) => t === 'this' || t === 'incident' || t === 'inc'))
      return { allowed: false, refusal: 'not-requested' };
  }
  const toAt = clause.tokens.indexOf('to', at);
  if (toAt > at) {
    const target = clause.tokens.slice(toAt + 1).filter((t) => !determiners.has(t));
    const state = /^(?:acknowledged|acked|resolved|closed|done|fixed)$/.test(target[0] ?? '');
    if (!state && !target.some((t) => tierWords.has(t))) return { allowed: false, refusal: 'wrong-resource' };
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
    ? object.length === 0 || object.some((t) => incidentObjects.has(t))
    : incidentObjects.has(object[0]);
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
