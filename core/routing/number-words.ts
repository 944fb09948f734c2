/** Cardinal number words a chat message may use instead of digits. */
const units: Record<string, number> = {
  zero: 0,
  none: 0,
  one: 1,
  a: 1,
  an: 1,
  single: 1,
  two: 2,
  couple: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  dozen: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const tens: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
/** Words that count only when a unit follows ("a dozen", "an hour"), never on their own. */
const weakWords = new Set(['a', 'an', 'none', 'single', 'couple']);

/** A number found in a token list: its value and the token span it came from. */
export interface NumberMatch {
  value: number;
  start: number;
  /** Index after the last token of the number. */
  end: number;
  /** True when it was written in words. */
  words: boolean;
}

/** Parses one token: digits (`8`, `48h` is not a number) or a number word; undefined otherwise. */
export function parseNumberToken(token: string): number | undefined {
  const t = token.toLowerCase();
  if (/^\d+$/.test(t)) return Number(t);
  if (t in units) return units[t];
  if (t in tens) return tens[t];
  const hyphen = /^([a-z]+)-([a-z]+)$/.exec(t);
  if (hyphen && hyphen[1] in tens && hyphen[2] in units && units[hyphen[2]] < 10 && units[hyphen[2]] > 0) {
    return tens[hyphen[1]] + units[hyphen[2]];
  }
  return undefined;
}

/**
 * Finds the numbers of a tokenised, lower-case message: `6`, `six`, `twenty five`, `twenty-five`.
 * `a`/`an`/`couple` are skipped here (they are only numbers in phrases like "an hour", which the
 * time-window parser reads itself).
 */
export function findNumbers(tokens: string[]): NumberMatch[] {
  const found: NumberMatch[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (weakWords.has(token)) continue;
    const value = parseNumberToken(token);
    if (value === undefined) continue;
    const next = tokens[i + 1];
    if (
      token in tens &&
      next !== undefined &&
      next in units &&
      units[next] > 0 &&
      units[next] < 10 &&
      !weakWords.has(next)
    ) {
      found.push({ value: value + units[next], start: i, end: i + 2, words: true });
      i += 1;
      continue;
    }
    found.push({ value, start: i, end: i + 1, words: !/^\d+$/.test(token) });
  }
  return found;
}

/** Parses a whole answer such as "6", "six" or "twenty five"; undefined when it is not just a number. */
export function parseNumberPhrase(text: string): number | undefined {
  const tokens = text
    .toLowerCase()
    .replace(/[^a-z0-9\s-]/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const meaningful = tokens.filter(
    (t) => !['instances', 'instance', 'nodes', 'node', 'replicas', 'please', 'of', 'them'].includes(t),
  );
  const numbers = findNumbers(meaningful);
  if (numbers.length !== 1 || numbers[0].end - numbers[0].start !== meaningful.length) return undefined;
  return numbers[0].value;
}
