import type { ResourceKind } from '../config/resource-names';
import type { ChangeGateVerdict } from './change-gate';
import type { ResourceMention } from './entity-resolver';
import { EntityResolver, tokenize } from './entity-resolver';
import type { IntentCues } from './intent-cues';
import { computeSubject, jobOutcome, readIntentCues } from './intent-cues';
import { parseTimeWindowHours } from './time-window';
import type { SkillId } from '../contract/skill-contract';
import type { ScopeVerdict } from './scope-guard';
import { checkScope } from './scope-guard';
import type { SpellingCorrector } from './spelling-corrector';

/*
 * What the router reads of one message besides its class: the corrected text, the resources named,
 * the scope verdict, the wording cues, and the words the classifier is given.
 */

const placeholder: Record<ResourceKind, string | undefined> = {
  endpoint: 'endpoint',
  compute: 'cluster',
  secret: 'apikey',
  component: undefined,
};

/** What the router knows about one message besides its class. */
export interface Analysis {
  /** The cleaned message as typed (questions and summaries keep the user's words). */
  text: string;
  /** Lower case, spelling-corrected: what the guards and argument readers look at. */
  lower: string;
  tokens: string[];
  mentions: ResourceMention[];
  verdict: ScopeVerdict;
  cues: IntentCues;
  /** Asks or says not to act: no change skill may be proposed. */
  asksOnly: boolean;
  /** Waves an action away before a read request ("no need to scale anything, just show me …"). */
  dismissed: boolean;
  classifierText: string;
  /** The classifier's words of each sentence or clause, when there is more than one. */
  views: string[];
  /** The change gate's verdicts, by skill, computed once per message. */
  gated: Map<string, ChangeGateVerdict>;
  /** The raw message carries quoted, pasted, struck-through or listed text (see `quotedMaterial`). */
  quoted?: boolean;
  /** The cleaned message in lower case before spelling correction. */
  typed: string;
}

/**
 * A plan stated before a read request ("before I restart my run, show me what failed"): the
 * classifier reads the request only; the guards still read the whole message.
 */
const readAfterPlan = new RegExp(
  String.raw`^(?:(?:before|after|once|while|until) (?:i|we)|so (?:that )?(?:i|we)|because|since|as|to (?:check|see|confirm|verify|know|find out|decide|plan|figure out|work out)|(?:i|we) (?:need|want|have) to (?:check|see|confirm|verify|know|decide)|for (?:the|my|our|a))` +
    String.raw` [^,;:.!?]{1,80}(?:[,;:]|\s[-\u2013\u2014]+)\s*` +
    String.raw`(?=(?:(?:can you|could you|please|pls|first|quickly|just|pls just|(?:i|we) (?:just )?(?:want|need|d like|would like) to) )*(?:show|list|give|tell|what|what'?s|whats|which|any|check|get|pull|how|how'?s|hows|did|is|are|see|view|know)\b)`,
);

/**
 * An action waved away before a read request ("no need to scale anything, I just want to see the
 * fraud endpoint"): the classifier reads the request only; the guards still read the whole message.
 */
const dismissedLead =
  /^(?:(?:no|nah|nope)[\s,]+)?(?:there(?:'| )?s |there is )?(?:no need to|not asking (?:you )?(?:to|for)|not (?:asking|looking) for|not looking to|(?:you|u) (?:don(?:'| )?t|dont|do not) (?:have|need) to|no changes?(?: needed| required| please)?|no action(?: needed| required)?|leave (?:it|them|that|everything) alone|(?:i|we)(?:'m| m| am| are) not (?:asking|looking) (?:you )?(?:to|for)|(?:i|we) (?:don(?:'| )?t|dont|do not) (?:want|need) (?:anything|it|them|that)|(?:i|we) (?:don(?:'| )?t|dont|do not) (?:want|need) (?:you )?to|(?:don(?:'| )?t|dont|do not|please don(?:'| )?t|pls don(?:'| )?t)) [^,;:.!?]{1,60}(?:[,;:.!]|\s[-\u2013\u2014]+)\s*(?:(?:i|we) (?:just |only )?(?:want|need|'d like|d like|would like)(?: to)? |(?:just|only|but|instead) )*(?=(?:show|list|give|tell|what|what'?s|whats|which|any|check|get|pull|how|how'?s|hows|did|is|are|see|view|know|where|when|has|have|does|do)\b|(?:the|a|an) (?:state|status|health|numbers|details|update|overview|summary|list)\b)/;

/** The read request after an action waved away mid-message ("…, don't scale it - just show me fraud"). */
export const readTail =
  /(?:^|[,;:.!?]\s*|\s-+\s*|\s)(?:so |but )?(?:just|only|instead)\s+(?=(?:show|tell|give|list|check|pull up|let me see|what|how)\b)/g;

/** A read request worded as wanting to see whether something is so ("i want to see if the retrain ever succeeded"). */
export const readFrame =
  /\b(?:want|wanna|like|need|trying) to (?:see|know|check|find out|confirm|verify) (?:if|whether|how|what|which|when)\b|^(?:see|check|confirm|verify|find out) (?:if|whether)\b/;

/** The frame alone at the start, which the classifier need not read ("i want to see if …"). */
const readFrameLead =
  /^(?:(?:i|we) )?(?:just |only )?(?:want|wanna|need|'d like|would like) to (?=(?:see|know|check|find out|confirm|verify) (?:if|whether) \S)/;

export function analyse(text: string, resolver: EntityResolver, corrector: SpellingCorrector): Analysis {
  const typed = text.toLowerCase();
  // "fraud blue → 5" and "fraud x5" set a count the way "fraud blue to 5" does.
  const lower = corrector
    .correctText(text)
    .replace(/\s*(?:\u2192|->|=>)\s*/g, ' to ')
    .replace(/(^|\s)[x\u00d7] ?(\d{1,3})\b/g, '$1to $2');
  const tokens = tokenize(lower);
  const mentions = resolver.findResources(tokens);
  const lead = readAfterPlan.exec(lower) ?? dismissedLead.exec(lower) ?? readFrameLead.exec(lower);
  /** The classifier's words for tokens [from, to): resources by their kind's placeholder. */
  const words = (from: number, to: number) => {
    const replaced: string[] = [];
    for (let i = from; i < to; i += 1) {
      const mention = mentions.find((m) => m.start === i);
      if (mention) {
        replaced.push(placeholder[mention.kind] ?? tokens.slice(mention.start, mention.end).join(' '));
        i = mention.end - 1;
      } else {
        replaced.push(tokens[i]);
      }
    }
    return replaced.join(' ').replace(/\binc \d+\b/g, 'incident');
  };
  const views: string[] = [];
  let offset = 0;
  for (const segment of lower.split(/[.!?;:]+(?=\s|$)|,(?=\s)|\s[-\u2013\u2014]+\s|\n/)) {
    const length = tokenize(segment).length;
    if (length >= 2) views.push(words(offset, offset + length));
    offset += length;
  }
  const cues = readIntentCues(lower);
  let from = lead ? tokenize(lead[0]).length : 0;
  if (!lead && cues.noAction) {
    // "I won't change anything, so please don't scale it - just show me how fraud is doing": the read at the end.
    const tail = [...lower.matchAll(readTail)].pop();
    if (tail?.index !== undefined) from = tokenize(lower.slice(0, tail.index + tail[0].length)).length;
  }
  const classifierText = words(from, tokens.length);
  const verdict = checkScope(lower);
  if (lower !== typed) {
    // A guard that fires on the words as typed still counts.
    const asTyped = checkScope(typed);
    verdict.outOfScope ??= asTyped.outOfScope;
    verdict.unsupportedChange ||= asTyped.unsupportedChange;
  }
  const reads = readFrame.test(lower) || readAfterPlan.test(lower);
  const dismissed = dismissedLead.test(lower);
  const asksOnly =
    verdict.question || cues.howTo || cues.why || cues.hypothetical || cues.noAction || reads || dismissed;
  return {
    text,
    lower,
    typed,
    tokens,
    mentions,
    verdict,
    cues,
    asksOnly,
    dismissed,
    classifierText,
    views: views.length > 1 ? views : [],
    gated: new Map(),
  };
}

/** Endpoint vs compute status follows from which kind of resource the message names. */
export function statusSkillFor(skill: SkillId, a: Analysis): SkillId {
  const kinds = new Set(a.mentions.map((m) => m.kind));
  if (skill === 'status.compute' && kinds.has('endpoint') && !kinds.has('compute')) return 'status.endpoint';
  if (skill === 'status.endpoint' && kinds.has('compute') && !kinds.has('endpoint')) return 'status.compute';
  // "how many jobs on the cpu cluster and what vm size" asks about the cluster; "which jobs failed on it" about jobs.
  const outcome = jobOutcome.test(a.lower) || parseTimeWindowHours(a.lower) !== undefined;
  if (skill === 'status.jobs' && kinds.has('compute') && computeSubject.test(a.lower) && !outcome)
    return 'status.compute';
  if (
    skill === 'status.compute' &&
    /\b(?:jobs?|runs?)\b/.test(a.lower) &&
    outcome &&
    !computeSubject.test(a.lower)
  )
    return 'status.jobs';
  return skill;
}
