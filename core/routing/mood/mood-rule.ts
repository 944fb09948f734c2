import type { ChangeRefusal } from '../gate/verdict';

/**
 * Where in a message a mood rule reads: the whole message (as corrected, or as typed), or the parts
 * around one verb of a request — the words before it in its clause, the words after it, the clauses
 * after (also without courtesies), and its clause with the rest of the message.
 */
export type Region = 'message' | 'typed' | 'prefix' | 'rest' | 'later' | 'later-plain' | 'from-here';

/** One row of a mood table: a cue found in its region gives the message that mood. */
export interface MoodRule {
  mood: ChangeRefusal;
  on: Region;
  cue: RegExp;
}

/** The text of each region a table reads; a list is read clause by clause. */
export type Regions = Partial<Record<Region, string | readonly string[]>>;

/** The mood of the first row whose cue is found in its region, or undefined when none is. */
export function readMood(rules: readonly MoodRule[], regions: Regions): ChangeRefusal | undefined {
  for (const { mood, on, cue } of rules) {
    const text = regions[on];
    if (text !== undefined && (typeof text === 'string' ? [text] : text).some((t) => cue.test(t)))
      return mood;
  }
  return undefined;
}
