import { tokenize } from '../entity-resolver';
import { negativeEmoji } from '../mood/negated.mood';
import { questionEmoji } from '../mood/question.mood';
import { speakerEmoji } from '../mood/reported.mood';

/*
 * The clauses of a message and the verb patterns of the request words matched in them.
 */

/** One verb phrase of a skill's request words: its head and, for a separable verb, its tail. */
export interface VerbPattern {
  head: string[];
  /** Words after a gap that holds the object ("shut * down"); empty when the object follows the head. */
  tail: string[];
}

/** Where a verb pattern matched: its object's token range in the clause and where the verb ends. */
export interface VerbMatch {
  objectFrom: number;
  objectTo: number;
  end: number;
  /** A noun phrase like "key rotation" rather than a verb: words around the key are not objects. */
  nominal: boolean;
}

/** One clause of a message, split at punctuation and conjunctions. */
export interface Clause {
  tokens: string[];
  /** Index of the clause's first token in `tokenize(lower)`. */
  start: number;
  text: string;
  /** The clause is asked ("stop the gpu cluster? no, show its status"). */
  asked: boolean;
  /** The clause follows an emoji that says no ("❌ stop gpu-cluster-01"). */
  afterNo?: boolean;
  /** The clause follows an emoji that quotes somebody ("diego 🗣️ stop it"). */
  quoted?: boolean;
}

/**
 * "would you mind scaling fraud to 6": after "mind" the verb comes in its -ing form; the clause is
 * read with the base form ("scale") so that the verb patterns apply.
 */
export function withBaseVerbs(clause: Clause, verbWords: ReadonlySet<string>): Clause {
  const mind = clause.tokens.indexOf('mind');
  if (mind < 0) return clause;
  const tokens = clause.tokens.map((t, i) => {
    if (i <= mind || i > mind + 2 || !t.endsWith('ing') || t.length < 5) return t;
    const stem = t.slice(0, -3);
    const undoubled = /([b-df-hj-np-tv-z])\1$/.test(stem) ? stem.slice(0, -1) : stem;
    return [stem, `${stem}e`, undoubled].find((c) => verbWords.has(c)) ?? t;
  });
  return { ...clause, tokens };
}

/** A verb pattern at `at`: where its object lies and where the verb ends. */
export function matchVerb(tokens: string[], at: number, pattern: VerbPattern): VerbMatch | undefined {
  const { head, tail } = pattern;
  for (let k = 0; k < head.length; k += 1) {
    if (!sameVerb(tokens[at + k], head[k], k === 0)) return undefined;
  }
  const afterHead = at + head.length;
  if (tail.length === 0)
    return { objectFrom: afterHead, objectTo: tokens.length, end: afterHead, nominal: false };
  // "kick off the quarterly key rotation for openai": the key may be named before or after the noun.
  const nominal = tail[tail.length - 1] === 'rotation';
  for (let gap = 1; gap <= 5 && afterHead + gap + tail.length <= tokens.length; gap += 1) {
    if (tail.every((t, k) => tokens[afterHead + gap + k] === t))
      return {
        objectFrom: afterHead,
        objectTo: nominal ? tokens.length : afterHead + gap,
        end: afterHead + gap + tail.length,
        nominal,
      };
  }
  return undefined;
}

/** The verb in its base form, or cut short by a letter as typed ("rotat"); never "stopped" or "rotating". */
export function sameVerb(token: string | undefined, verb: string, first: boolean): boolean {
  if (token === undefined) return false;
  if (token === verb) return true;
  return first && token.length >= 4 && verb.length - token.length === 1 && verb.startsWith(token);
}

/**
 * Splits the message into clauses at punctuation and at "and", "then", "but", "also", keeping each
 * clause's position in `tokenize(lower)`.
 */
export function splitClauses(lower: string): Clause[] {
  const clauses: Clause[] = [];
  let offset = 0;
  const pieces = lower.split(
    /([,;:.!?()[\]]+(?!\d)|\s-+\s|\p{Extended_Pictographic}+|\b(?:and then|and|then|but|also|plus)\b)/u,
  );
  for (let i = 0; i < pieces.length; i += 1) {
    const tokens = tokenize(pieces[i]);
    const asked = (pieces[i + 1] ?? '').includes('?') || questionEmoji.test(pieces[i + 1] ?? '');
    const afterNo = i > 0 && negativeEmoji.test(pieces[i - 1] ?? '');
    const quoted = i > 0 && speakerEmoji.test(pieces[i - 1] ?? '');
    if (i % 2 === 0 && tokens.length > 0)
      clauses.push({
        tokens,
        start: offset,
        text: pieces[i],
        asked,
        ...(afterNo ? { afterNo } : {}),
        ...(quoted ? { quoted } : {}),
      });
    offset += tokens.length;
  }
  return clauses;
}
