import { flag } from '../gate/gate-words';
import {
  afterEvent,
  conditionAfter,
  conditionLead,
  conditionWords,
  deferral,
  later,
  laterWords,
  timeOnly,
} from './conditional.mood';
import type { MoodRule } from './mood-rule';
import { heldBack, heldLater, ironic, negation, negativeEmoji } from './negated.mood';
import { alternativeAsked, modalLead } from './question.mood';
import { otherJudgement, reportedLater, reporting } from './reported.mood';

/*
 * The mood tables of the change gate, read in order by `readMood`: the first row whose cue is
 * found gives the refusal. What a table cannot say (the request frames, the skill's own verbs
 * denied later, the resources) stays in the gate's code between them.
 */

/** Moods read on the whole message, before any verb is looked for. */
export const messageMoods: readonly MoodRule[] = [
  { mood: 'reported', on: 'message', cue: otherJudgement },
  { mood: 'negated', on: 'message', cue: heldBack },
  { mood: 'negated', on: 'typed', cue: heldBack },
  { mood: 'negated', on: 'message', cue: ironic },
  { mood: 'negated', on: 'message', cue: negativeEmoji },
  { mood: 'flag', on: 'message', cue: flag },
];

/** Why the words before a verb that is not in a request frame ("should we stop …") make it no request. */
export const prefixMoods: readonly MoodRule[] = [
  { mood: 'negated', on: 'prefix', cue: negation },
  { mood: 'conditional', on: 'prefix', cue: conditionWords },
  { mood: 'reported', on: 'prefix', cue: reporting },
  { mood: 'question', on: 'prefix', cue: modalLead },
];

/** Moods read on the words after the verb: a condition or a later time. */
export const afterVerbMoods: readonly MoodRule[] = [
  { mood: 'conditional', on: 'rest', cue: conditionAfter },
  { mood: 'conditional', on: 'rest', cue: afterEvent },
  { mood: 'conditional', on: 'rest', cue: later },
  { mood: 'conditional', on: 'rest', cue: laterWords },
];

/** Moods read on the clauses after the request: somebody's words, a hold, a deferral. */
export const laterMoods: readonly MoodRule[] = [
  { mood: 'reported', on: 'later', cue: reportedLater },
  { mood: 'negated', on: 'later', cue: heldLater },
];

/** Moods read on the clauses after the request once the skill's own verbs denied there are ruled out. */
export const deferredMoods: readonly MoodRule[] = [
  { mood: 'conditional', on: 'later', cue: deferral },
  { mood: 'conditional', on: 'later', cue: laterWords },
  { mood: 'conditional', on: 'later', cue: timeOnly },
];

/** Moods read after the questions about a time: a purpose that stops something, a condition, a choice. */
export const choiceMoods: readonly MoodRule[] = [
  { mood: 'not-requested', on: 'rest', cue: /\bfrom \w+ing\b/ },
  { mood: 'conditional', on: 'later-plain', cue: conditionLead },
  { mood: 'question', on: 'from-here', cue: alternativeAsked },
];
