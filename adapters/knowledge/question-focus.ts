import type nlpModule from 'compromise/two';

/**
 * What a question asks for, beyond what it is about: "what's the NAME of the platform architect",
 * "which PORTS does the NSG need", "how do I PUSH an image", "how LONG does it take". A runbook
 * section that covers every resource a question names but never says its focus does not answer
 * it: those near misses are what a relevance score alone cannot refuse.
 */
export type QuestionFocus =
  /**
   * Words that must appear in the answer: the head of the asked-for noun phrase or the verb of "how
   * do I …"; `modifiers` are the rest of the phrase ("TPM" of "TPM quota"), which count only when no
   * page knows them at all.
   */
  | { kind: 'words'; words: string[]; modifiers: string[]; asked: string }
  /** A kind of value the answer must hold: a duration, a frequency, an amount of money, a day or time. */
  | { kind: 'value'; value: FocusValue; asked: string };

export type FocusValue = 'duration' | 'frequency' | 'amount' | 'when';

let tagger: typeof nlpModule | undefined;

/**
 * compromise's tagger without its phrase plugins ("two"), loaded on the first question: loading it
 * takes about half a second, which `npm start` should not wait for. It ships CommonJS with a default export.
 */
function nlp(text: string) {
  if (!tagger) {
    const loaded = require('compromise/two') as typeof nlpModule & { default?: typeof nlpModule };
    tagger = loaded.default ?? loaded;
  }
  return tagger(text);
}

interface Token {
  text: string;
  tags: readonly string[];
}

/**
 * Nouns that name the shape of an answer rather than its content ("what are the STEPS", "what's
 * the PROCESS"): the focus is the noun before them, or there is none.
 */
const shapeNouns = new Set(
  `process processes procedure procedures step steps command commands instruction instructions way ways
   option options category categories type types kind kinds list details detail info information guidance
   approach plan requirements requirement condition conditions criteria`.split(/\s+/),
);

/**
 * Verbs that ask how to deal with the subject, not for a particular operation ("how do I FIX the
 * quota error"): the subject is the question, so there is no verb to find.
 */
const dealVerbs = new Set(
  'fix fixing solve resolve handle deal troubleshoot debug sort address tackle approach do go get make use'.split(' '),
);

/** Nouns that ask for a moment or a stretch of time ("what DAY do we …"). */
const timeNouns = new Set('day days time times date dates period periods hour hours week weeks'.split(' '));

/** The words of each value, as runbooks write them. */
export const focusValues: Record<FocusValue, RegExp> = {
  duration:
    /\b\d+(?:\.\d+)?\s*(?:-|to|–)?\s*\d*\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?|years?)\b|\b(?:rto|rpo)\b/i,
  frequency:
    /\b(?:hourly|daily|weekly|monthly|quarterly|annually|yearly|every|each|once|twice|per (?:day|week|month|year)|\d+\s*times)\b/i,
  amount: /[$€£]\s?\d|\b\d[\d,.]*\s?(?:usd|eur|gbp|dollars?)\b/i,
  when: /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekdays?|weekends?|daily|weekly|monthly|quarterly|annually|yearly|every|noon|midnight)\b|\b\d{1,2}(?::\d\d)?\s*(?:am|pm|utc)\b|\b\d{1,2}:\d\d\b|\b\d+\s*(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\b/i,
};

/** Words tagged from the first question word on. */
const clauseWords = 12;

/** "whats" → "what's": the tagger reads a question word only with its apostrophe. */
const missingApostrophe = /\b(what|how|where|who|when)s\b/gi;

/** The focus of a question, or undefined when it has none we can check (a symptom, "why", "who", "where"). */
export function questionFocus(question: string): QuestionFocus | undefined {
  const text = question.replace(missingApostrophe, "$1's");
  const lower = text.toLowerCase();
  const how = /\bhow (much|long|often|many (?:days|hours|weeks|months|minutes))\b/.exec(lower);
  if (how) {
    if (how[1] === 'much')
      return /\b(?:cost|costs|price|spend|charge|charged|pay|bill)\b/.test(lower)
        ? { kind: 'value', value: 'amount', asked: 'what it costs' }
        : undefined;
    if (how[1] === 'often') return { kind: 'value', value: 'frequency', asked: 'how often' };
    return { kind: 'value', value: 'duration', asked: 'how long' };
  }
  // Only the words from the first question word on are tagged: the focus follows it closely, and
  // the tagger's cost grows with the text.
  const start = /\b(?:what|which|who|how)\b/i.exec(text);
  if (!start) return undefined;
  const clause = text.slice(start.index).split(/\s+/).slice(0, clauseWords).join(' ');
  const sentences = nlp(clause).json({ text: false, offset: false, terms: { text: true, normal: true } }) as {
    terms: { text: string; normal?: string; tags: string[] }[];
  }[];
  const tokens: Token[] = sentences
    .flatMap((sentence) => sentence.terms)
    .map((t) => ({ text: (t.normal ?? t.text).toLowerCase(), tags: t.tags }));
  const has = (i: number, tag: string) => tokens[i]?.tags.includes(tag) ?? false;
  // "why is it slow, what's the root cause": the first question word that asks for something checkable.
  for (let at = 0; at < tokens.length; at++) {
    if (!has(at, 'QuestionWord')) continue;
    const focus = focusAfter(tokens, at, has);
    if (focus) return focus;
  }
  return undefined;
}

function focusAfter(
  tokens: Token[],
  at: number,
  has: (i: number, tag: string) => boolean,
): QuestionFocus | undefined {
  const word = tokens[at].text.replace(/'s$/, '');
  if (word === 'what' || word === 'which') return nounFocus(tokens, at + 1, has);
  // "who is the incident commander": the role must be one the section names.
  if (word === 'who' && (has(at, 'Copula') || has(at + 1, 'Copula'))) return nounFocus(tokens, at + 1, has);
  if (word === 'how' && /^(?:do|does|can|could|should|would|did)$/.test(tokens[at + 1]?.text ?? '')) {
    // "how do I (manually) VERB …": the verb, whatever the tagger made of a hyphenated one ("fine-tune").
    let i = at + 2;
    while (has(i, 'Pronoun') || has(i, 'Adverb')) i++;
    const verb = tokens[i];
    if (!verb || has(i, 'Determiner') || (has(i, 'Noun') && !has(i, 'Verb') && !has(i, 'Hyphenated')))
      return undefined;
    if (dealVerbs.has(verb.text)) return undefined;
    const words =
      has(i, 'Hyphenated') && has(i + 1, 'Hyphenated') ? [verb.text, tokens[i + 1].text] : [verb.text];
    return { kind: 'words', words, modifiers: [], asked: `how to ${words.join('-')}` };
  }
  return undefined;
}

/** "what's the (private dns zone) NAME of …": the noun phrase after the question word, without shape nouns. */
function nounFocus(
  tokens: Token[],
  from: number,
  has: (i: number, tag: string) => boolean,
): QuestionFocus | undefined {
  let i = from;
  if (has(i, 'Copula')) i++;
  while (has(i, 'Determiner') || has(i, 'Possessive')) i++;
  const phrase: number[] = [];
  for (; i < tokens.length; i++) {
    // "on-call phone number": a hyphenated word is part of the phrase, whatever its halves were tagged.
    const noun =
      has(i, 'Noun') || has(i, 'Acronym') || has(i, 'Adjective') || has(i, 'Value') || has(i, 'Hyphenated');
    if (!noun || has(i, 'Pronoun')) break;
    phrase.push(i);
  }
  while (phrase.length && shapeNouns.has(tokens[phrase.at(-1)!].text)) phrase.pop();
  // What is left after "the next steps" is an adjective, not a subject.
  while (phrase.length && has(phrase.at(-1)!, 'Adjective') && !has(phrase.at(-1)!, 'Noun')) phrase.pop();
  if (!phrase.length) return undefined;
  const words = phrase.map((n) => tokens[n].text);
  const head = words.at(-1)!;
  if (timeNouns.has(head)) return { kind: 'value', value: 'when', asked: `which ${head}` };
  return { kind: 'words', words: [head], modifiers: words.slice(0, -1), asked: `the ${words.join(' ')}` };
}
