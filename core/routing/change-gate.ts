import type { LandingZoneConfig } from '../config/landing-zone.schema';
import { parseNumberToken } from './number-words';
import type { SkillContract, SkillId } from '../contract/skill-contract';
import type { Clause, VerbMatch } from './gate/clauses';
import { matchVerb, splitClauses, withBaseVerbs } from './gate/clauses';
import { foreignAction, notACount, notInstances, trailingWords } from './gate/gate-words';
import type { Guarded } from './gate/guarded-skill';
import { guard } from './gate/guarded-skill';
import { incidentObject, saysDone } from './gate/incident-object';
import { passiveRequest } from './gate/passive-request';
import { ResourceObjects } from './gate/resource-object';
import type { ChangeGateInput, ChangeGateVerdict, ChangeRefusal } from './gate/verdict';
import {
  conditionStart,
  conditionWords,
  courtesy,
  deferral,
  heldTime,
  later,
  laterWords,
  purposeTail,
  timeOnly,
  untilTime,
} from './mood/conditional.mood';
import { abort, heldBack, ironic, negation, negativeLead, spared, sparesNamed } from './mood/negated.mood';
import { endsAsked, incidentFrame, modalFrame, requestFrame } from './mood/question.mood';
import { readMood } from './mood/mood-rule';
import {
  afterVerbMoods,
  choiceMoods,
  deferredMoods,
  laterMoods,
  messageMoods,
  prefixMoods,
} from './mood/mood-table';
import {
  contextLead,
  genericSpeakers,
  labelWords,
  labelled,
  otherJudgement,
  reportedAnywhere,
  reportedLead,
  reporting,
} from './mood/reported.mood';

export type { ChangeGateInput, ChangeGateVerdict, ChangeRefusal } from './gate/verdict';
export { endsAsked } from './mood/question.mood';

/**
 * The one deterministic check a change skill passes before the router may propose it: a verb of
 * that skill used as a request (imperative or a polite request form), not negated, asked about,
 * reported or made conditional; acting on a resource of the skill's kind named in this message (or
 * on the kind itself, "the cluster", for the clarify dialog to ask which); and no unsupported
 * change anywhere in the message.
 */
export class ChangeGate {
  /** The skills the gate guards (those that declare their request words), by id. */
  private readonly guarded = new Map<SkillId, Guarded>();
  /** Every word of every request verb, to tell a verb's -ing form from other words ending in -ing. */
  private readonly verbWords: ReadonlySet<string>;
  /** Names of the people in the roster, whose words a "name:" lead quotes. */
  private readonly speakers: ReadonlySet<string>;
  private readonly resources: ResourceObjects;
  private lastClauses?: { lower: string; clauses: Clause[] };

  constructor(config: LandingZoneConfig, skills: readonly SkillContract[]) {
    for (const skill of skills) {
      if (skill.request) this.guarded.set(skill.id, guard(skill, skill.request));
    }
    this.verbWords = new Set(
      [...this.guarded.values()].flatMap((g) => g.request.verbs.match(/[a-z]+/g) ?? []),
    );
    this.resources = new ResourceObjects(config);
    this.speakers = new Set(
      config.people.flatMap((p) => {
        const name = p.name.toLowerCase();
        return [name, ...name.split(/\s+/)];
      }),
    );
  }

  /** Whether the gate guards this skill although it is not a change: acknowledging, escalating, resolving an incident. */
  guardsIncident(skill: SkillId): boolean {
    return this.guarded.get(skill)?.incident ?? false;
  }

  /** The words of every request verb and of the gate's guards, so that spelling correction leaves them alone ("nope", "nicht"). */
  vocabulary(): string[] {
    const guards = [
      negation,
      abort,
      heldBack,
      ironic,
      otherJudgement,
      conditionWords,
      reporting,
      reportedAnywhere,
      negativeLead,
      deferral,
      labelWords,
      contextLead,
      genericSpeakers,
      later,
      laterWords,
      conditionStart,
      timeOnly,
      spared,
      trailingWords,
    ];
    return [
      ...[...this.guarded.values()].flatMap((g) => g.request.verbs.match(/[a-z0-9]+/g) ?? []),
      ...guards.flatMap((g) => (g instanceof RegExp ? g.source : [...g].join(' ')).match(/[a-z]{3,}/g) ?? []),
      'nope',
      'shouldn',
      'mustn',
      'wasn',
      'reckons',
    ];
  }

  /** Whether `skill` (a change skill) may be proposed for this message, and why not. */
  check(skill: SkillId, input: ChangeGateInput): ChangeGateVerdict {
    const guarded = this.guarded.get(skill);
    if (!guarded || (!guarded.kind && !guarded.incident)) return { allowed: false, refusal: 'not-requested' };
    const { kind, incident, patterns } = guarded;
    if (input.unsupportedChange && !incident) return { allowed: false, refusal: 'out-of-scope' };
    const typed = input.typed ?? input.lower;
    if (input.quoted || labelled(input.lower, this.speakers) || labelled(typed, this.speakers))
      return { allowed: false, refusal: 'reported' };
    const mood = readMood(messageMoods, { message: input.lower, typed });
    if (mood) return { allowed: false, refusal: mood };
    if (this.lastClauses?.lower !== input.lower)
      this.lastClauses = { lower: input.lower, clauses: splitClauses(input.lower) };
    const { clauses } = this.lastClauses;
    const refusals: ChangeRefusal[] = [];
    for (let c = 0; c < clauses.length; c += 1) {
      const clause = withBaseVerbs(clauses[c], this.verbWords);
      for (let at = 0; at < clause.tokens.length; at += 1) {
        for (const pattern of patterns.get(clause.tokens[at]) ?? []) {
          const match = matchVerb(clause.tokens, at, pattern);
          if (!match) continue;
          const verdict = this.judge(guarded, input, clauses, c, at, match);
          if (verdict.allowed) return verdict;
          refusals.push(verdict.refusal ?? 'not-requested');
        }
      }
    }
    if (input.asksOnly)
      return { allowed: false, refusal: refusals.includes('negated') ? 'negated' : 'question' };
    if (incident && refusals.length === 0 && saysDone(guarded.request.done, clauses))
      return { allowed: true };
    // Another verb of the skill used in passing ("… so the nodes are warm") does not rule a passive request out.
    if (refusals.every((r) => r === 'not-requested' || r === 'reported' || r === 'no-resource')) {
      const passive = passiveRequest(guarded, input, clauses, this.resources);
      if (passive) return passive;
    }
    const { terse: state } = guarded.request;
    if (state && kind && !endsAsked(input.lower)) {
      const terse = clauses.find(
        (clause) => !clause.asked && this.resources.terseState(kind, state, clause, input),
      );
      if (terse) return { allowed: true, resource: 'named' };
    }
    if (guarded.counts && !endsAsked(input.lower)) {
      const terse = clauses.find((clause) => !clause.asked && this.resources.terseScale(clause, input));
      if (terse) return { allowed: true, resource: 'named' };
    }
    return { allowed: false, refusal: strongest(refusals) };
  }

  private judge(
    guarded: Guarded,
    input: ChangeGateInput,
    clauses: Clause[],
    index: number,
    at: number,
    match: VerbMatch,
  ): ChangeGateVerdict {
    const { kind } = guarded;
    const clause = clauses[index];
    const prefix = clause.tokens.slice(0, at).join(' ');
    const verb = clause.tokens[at];
    const subjectFrame = verb === 'need' || verb === 'want' || verb === 'require' || verb === 'like';
    // "need the gpu cluster started now": a past participle after the object makes it a request.
    const participle = subjectFrame && match.end > match.objectTo;
    if (
      subjectFrame
        ? !(
            verb === 'like'
              ? /^(?:(?:so|and|ok|then) )*(?:we|i) (?:would|d|should)(?: really)?$/
              : /^(?:(?:so|and|ok|then) )*(?:we|i)(?: really| still| urgently| just)?$/
          ).test(prefix) && !(participle && prefix === '')
        : !requestFrame.test(prefix) && !(!kind && incidentFrame.test(prefix))
    ) {
      return { allowed: false, refusal: readMood(prefixMoods, { prefix }) ?? 'not-requested' };
    }
    if (
      (verb === 'consider' || verb === 'treat') &&
      prefix !== '' &&
      !/^(?:(?:please|ok|okay|so|just|you can) ?)+$/.test(prefix)
    )
      return { allowed: false, refusal: 'question' };
    if (
      ['consider', 'treat', 'mark', 'set'].includes(verb) &&
      clause.tokens.slice(match.objectFrom, match.objectTo).some((t) => t === 'whether' || t === 'if')
    )
      return { allowed: false, refusal: 'question' };
    const rest = clause.tokens
      .slice(match.end)
      .join(' ')
      .replace(courtesy, ' ')
      .replace(untilTime, ' ')
      .replace(purposeTail, '');
    const afterVerb = readMood(afterVerbMoods, { rest });
    if (afterVerb) return { allowed: false, refusal: afterVerb };
    if (input.asksOnly) return { allowed: false, refusal: 'question' };
    const previous = clauses[index - 1];
    if ((previous && negativeLead.test(previous.tokens.join(' '))) || clause.afterNo)
      return { allowed: false, refusal: 'negated' };
    if (clause.quoted) return { allowed: false, refusal: 'reported' };
    const laterClauses = clauses.slice(index + 1).map((c) => c.tokens.join(' '));
    const held = readMood(laterMoods, { later: laterClauses });
    if (held) return { allowed: false, refusal: held };
    const { stems } = guarded;
    const denied = /\b(?:not|never|n t|won t|wont|don t|dont)(?: \w+)? (\w{4})/;
    if (laterClauses.some((c) => stems.has(denied.exec(c)?.[1] ?? '')))
      return { allowed: false, refusal: 'negated' };
    const deferred = readMood(deferredMoods, { later: laterClauses });
    if (deferred) return { allowed: false, refusal: deferred };
    // "Can we stop gpu-cluster-01? Is anyone using it?": a question after the request makes it one too.
    if (
      endsAsked(input.lower) &&
      laterClauses.some((c) =>
        /^(?:is|are|does|do|did|will|would|what|who|why|how|any|anything|anyone)\b/.test(c),
      )
    )
      return { allowed: false, refusal: 'question' };
    // "can we stop it over the weekend?", "can we rotate it during business hours?": asked about, with a time.
    if (
      /\b(?:can|could) we\b/.test(prefix) &&
      (clause.asked || endsAsked(input.lower)) &&
      /\b(?:during|over|before|after|on|at|by)\b/.test(rest)
    )
      return { allowed: false, refusal: 'question' };
    const choice = readMood(choiceMoods, {
      rest,
      'later-plain': laterClauses.map((c) => c.replace(courtesy, ' ').trim()),
      'from-here': [clause.tokens.join(' '), ...laterClauses].join(' '),
    });
    if (choice) return { allowed: false, refusal: choice };
    if (subjectFrame && participle && foreignAction.test(clauses.map((c) => c.tokens.join(' ')).join(' ')))
      return { allowed: false, refusal: 'out-of-scope' };
    if (
      guarded.counts &&
      subjectFrame &&
      /\b(?:stopped|started|shut|restarted|deleted|removed|paused|rotated|redeployed|rolled|killed|turned|off|offline)\b/.test(
        clause.tokens.slice(match.end).join(' '),
      )
    )
      return { allowed: false, refusal: 'wrong-resource' };
    // "Tomorrow morning, rotate the key", "the moment the run finishes, stop it": an earlier clause that
    // is only a time, or opens with a condition. "black friday tomorrow, bump fraud" is context.
    if (clauses.slice(0, index).some((c) => heldTime(c.tokens.join(' '))))
      return { allowed: false, refusal: 'conditional' };
    // "leave gpu-cluster-01 alone and stop the cluster": a resource spared elsewhere in the message.
    if (spared.test(input.lower) || sparesNamed(input)) return { allowed: false, refusal: 'negated' };
    // "stop gpu-cluster-01 and cpu-cluster-01": a second resource in a clause of its own; the dialog asks.
    if (clauses.slice(index + 1).some((c) => this.resources.onlyAnyResource(input, c)))
      return { allowed: false, refusal: 'not-requested' };
    const before = previous?.tokens.join(' ') ?? '';
    const pastContext =
      /^(?:after|since)\b/.test(before) &&
      !/\b(?:finish|finishes|complete|completes|ends|end|done|over|you|we|i|they|someone|it s|is|are)\b/.test(
        before,
      );
    if (
      previous &&
      !pastContext &&
      conditionWords.test(before.replace(courtesy, ' ').split(' ').slice(0, 3).join(' '))
    )
      return { allowed: false, refusal: 'conditional' };
    if (previous && reportedLead.test(previous.tokens.join(' ')))
      return { allowed: false, refusal: 'reported' };
    if (clauses.slice(index + 1).some((later) => abort.test(later.tokens.join(' '))))
      return { allowed: false, refusal: 'negated' };
    if ((clause.asked || endsAsked(input.lower)) && !modalFrame.test(prefix))
      return { allowed: false, refusal: 'question' };
    if ((clause.asked || endsAsked(input.lower)) && (verb === 'consider' || verb === 'treat'))
      return { allowed: false, refusal: 'question' };
    if (guarded.counts && (notACount.test(clause.text) || notInstances.test(clause.tokens.join(' '))))
      return { allowed: false, refusal: 'wrong-resource' };
    const { marks } = guarded;
    if (
      marks &&
      !marks.strong.has(verb) &&
      !clause.tokens.slice(at).some((t) => marks.words.has(t) || parseNumberToken(t) !== undefined)
    )
      return { allowed: false, refusal: 'not-requested' };
    if (!kind) {
      if (/\b(?:after|later|tomorrow|tonight|in \d+ (?:min|mins|minutes|hours?))\b/.test(rest))
        return { allowed: false, refusal: 'conditional' };
      const { targets } = guarded;
      return targets
        ? incidentObject(clause, at, match, input.lower, guarded, targets)
        : { allowed: false, refusal: 'not-requested' };
    }
    return this.resources.object(kind, guarded, input, clause, match, clauses[index - 1]);
  }
}

const precedence: ChangeRefusal[] = [
  'out-of-scope',
  'negated',
  'conditional',
  'reported',
  'question',
  'wrong-resource',
  'no-resource',
  'flag',
  'not-requested',
];

function strongest(refusals: ChangeRefusal[]): ChangeRefusal {
  return precedence.find((r) => refusals.includes(r)) ?? 'not-requested';
}
