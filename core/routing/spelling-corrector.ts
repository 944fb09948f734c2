import { editDistance } from './edit-distance';

/** Corrects a word only when one known word is this close; longer words tolerate more. */
function allowedDistance(length: number): number {
  if (length >= 7) return 2;
  if (length >= 4) return 1;
  return 0;
}

/** Lower-case words of a text as the router tokenizes them. */
function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z]+/g) ?? [];
}

/**
 * The whole words a routing pattern looks for ("restart", "breach", …), so that the corrector knows
 * them. Stems with a modified ending ("rotat\\w*", "fail(ed|ing)", "alerts?") and escapes are left out.
 */
export function patternWords(...patterns: RegExp[]): string[] {
  const found: string[] = [];
  for (const pattern of patterns) {
    const source = pattern.source
      .replace(/[a-z]+\\w[*+?]?/g, ' ')
      .replace(/\\[a-zA-Z]/g, ' ')
      .replace(/[a-z]+\((?:\?:)?[^()]*\)[?*+]?/g, ' ');
    for (const match of source.matchAll(/[a-z]+/g)) {
      const before = source[match.index - 1] ?? '';
      const after = source[match.index + match[0].length] ?? '';
      if (/[)\]]/.test(before) || /[([?*+{]/.test(after)) continue;
      found.push(match[0]);
    }
  }
  return found;
}

/** Options of `SpellingCorrector`. */
export interface SpellingCorrectorOptions {
  /** Words that are known (never corrected) but that nothing is corrected into: plain English. */
  alsoKnown?: Iterable<string>;
  /**
   * Reduces a word to its stem; a word whose stem is a known word's stem is known too ("rotating"
   * when the vocabulary has "rotate"), so inflections are never "corrected" into other words.
   */
  stem?: (word: string) => string;
}

/**
 * Spelling correction against the router's own vocabulary (the skills' training examples, the
 * landing-zone names, the words its guards look for): "plz strat the cpu cluster" → "start",
 * "stpo" → "stop". A known word is never changed; an unknown word of 4+ letters is replaced by the
 * single nearest known word one edit away (two for 7+ letters) with the same first letter (or the
 * first two swapped). Ties and numbers are left alone. Lookups are cached.
 */
export class SpellingCorrector {
  private readonly known = new Set<string>();
  private readonly byLength = new Map<number, string[]>();
  private readonly counts = new Map<string, number>();
  private readonly cache = new Map<string, string>();
  private readonly stems = new Set<string>();
  private readonly stem?: (word: string) => string;

  constructor(vocabulary: Iterable<string>, options: SpellingCorrectorOptions = {}) {
    this.stem = options.stem;
    for (const text of vocabulary) {
      for (const word of words(text)) {
        this.counts.set(word, (this.counts.get(word) ?? 0) + 1);
        if (this.known.has(word)) continue;
        this.known.add(word);
        if (this.stem) this.stems.add(this.stem(word));
        const list = this.byLength.get(word.length) ?? [];
        list.push(word);
        this.byLength.set(word.length, list);
      }
    }
    for (const text of options.alsoKnown ?? []) {
      for (const word of words(text)) {
        this.known.add(word);
        if (this.stem) this.stems.add(this.stem(word));
      }
    }
  }

  /** Whether the word is in the vocabulary. */
  knows(word: string): boolean {
    return this.known.has(word.toLowerCase());
  }

  /** The correction of one lower-case word, or the word itself. */
  correctWord(word: string): string {
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const corrected = this.nearest(word);
    if (this.cache.size < 10_000) this.cache.set(word, corrected);
    return corrected;
  }

  /** The text in lower case with each unknown word corrected; punctuation and spacing are kept. */
  correctText(text: string): string {
    return text.toLowerCase().replace(/[a-z0-9]+/g, (w) => this.correctWord(w));
  }

  /**
   * The nearest target; among equally near ones the one the vocabulary uses most, and none when
   * two are used equally often.
   */
  private nearest(word: string): string {
    const limit = allowedDistance(word.length);
    if (limit === 0 || /\d/.test(word) || this.known.has(word)) return word;
    if (this.stem && this.stems.has(this.stem(word))) return word;
    let best: { word: string; distance: number; count: number } | undefined;
    let tied = false;
    for (let length = word.length - limit; length <= word.length + limit; length += 1) {
      for (const candidate of this.byLength.get(length) ?? []) {
        if (candidate.length < 4 || !sameStart(word, candidate)) continue;
        const candidateLimit = Math.min(limit, allowedDistance(candidate.length));
        const distance = editDistance(word, candidate, candidateLimit);
        if (distance > candidateLimit) continue;
        const count = this.counts.get(candidate) ?? 0;
        if (!best || distance < best.distance || (distance === best.distance && count > best.count)) {
          tied = false;
          best = { word: candidate, distance, count };
        } else if (distance === best.distance && count === best.count) {
          tied = true;
        }
      }
    }
    return best && !tied ? best.word : word;
  }
}

function sameStart(word: string, candidate: string): boolean {
  return word[0] === candidate[0] || (word[0] === candidate[1] && word[1] === candidate[0]);
}
