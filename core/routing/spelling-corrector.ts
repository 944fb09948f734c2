/** Corrects a word only when one known word is this close; longer words tolerate more. */
function allowedDistance(length: number): number {
  if (length >= 7) return 2;
  if (length >= 4) return 1;
  return 0;
}

/**
 * Optimal-string-alignment distance: Levenshtein plus the swap of two neighbouring letters as one
 * edit ("strat" → "start" is 1), with an early exit once `limit` is exceeded.
 */
function typoDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, beforePrevious[j - 2] + 1);
      current[j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length];
}

/** Lower-case words of a text as the router tokenizes them. */
function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z]+/g) ?? [];
}

/**
 * The literal words a routing pattern looks for ("restart", "breach", …), so that the corrector
 * knows them and never "corrects" them into something else.
 */
export function patternWords(...patterns: RegExp[]): string[] {
  return patterns.flatMap((p) => words(p.source.replace(/\\[a-zA-Z]/g, ' ')));
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
  private readonly cache = new Map<string, string>();

  constructor(vocabulary: Iterable<string>) {
    for (const text of vocabulary) {
      for (const word of words(text)) {
        if (this.known.has(word)) continue;
        this.known.add(word);
        const list = this.byLength.get(word.length) ?? [];
        list.push(word);
        this.byLength.set(word.length, list);
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

  private nearest(word: string): string {
    const limit = allowedDistance(word.length);
    if (limit === 0 || /\d/.test(word) || this.known.has(word)) return word;
    let best: string | undefined;
    let bestDistance = limit + 1;
    let tied = false;
    for (let length = word.length - limit; length <= word.length + limit; length += 1) {
      for (const candidate of this.byLength.get(length) ?? []) {
        if (candidate.length < 4 || !sameStart(word, candidate)) continue;
        const candidateLimit = Math.min(limit, allowedDistance(candidate.length));
        const d = typoDistance(word, candidate, candidateLimit);
        if (d > candidateLimit) continue;
        if (d < bestDistance) {
          best = candidate;
          bestDistance = d;
          tied = false;
        } else if (d === bestDistance) {
          tied = true;
        }
      }
    }
    return best && !tied ? best : word;
  }
}

function sameStart(word: string, candidate: string): boolean {
  return word[0] === candidate[0] || (word[0] === candidate[1] && word[1] === candidate[0]);
}
