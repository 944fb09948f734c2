import type { SynonymEntry } from '../../core/knowledge/field-synonyms';
import { searchTerms } from './search-terms';

interface Phrase {
  phrase: string;
  terms: string[];
}

/** What a question adds through the synonym table: phrases to search too, and the question term each stands for. */
export interface SynonymExpansion {
  /** Neighbouring phrases of the table, as written there, that the question does not use itself. */
  phrases: string[];
  /** Search term of an added neighbouring phrase → the question's terms it stands in for. */
  standsFor: Map<string, string[]>;
  /** Other spellings of the question's words (`same` groups), which count as the words themselves. */
  spellings: string[];
  /** Search term of an added spelling → the question's terms it spells. */
  spells: Map<string, string[]>;
}

/**
 * Expands a question with the synonym table at query time. Phrases are compared as search terms
 * (stemmed, small words dropped), so "leaks" finds the group of "leaked", and a multi-word phrase
 * only counts when its terms stand next to each other in the question.
 */
export class SynonymExpander {
  private readonly entries: { words: Phrase[]; means: Phrase[]; same: boolean }[];

  constructor(table: readonly SynonymEntry[]) {
    const phrases = (list: readonly string[]) =>
      list.map((phrase) => ({ phrase, terms: searchTerms.termsOf(phrase) })).filter((p) => p.terms.length);
    this.entries = table.map((entry) => {
      if ('words' in entry) return { words: phrases(entry.words), means: phrases(entry.means), same: false };
      const same = 'same' in entry;
      const group = phrases(same ? entry.same : (entry as readonly string[]));
      return { words: group, means: group, same };
    });
  }

  /** `terms`: the question's search terms in order (`searchTerms.termsOf`). */
  expand(terms: string[]): SynonymExpansion {
    const expansion: SynonymExpansion = { phrases: [], standsFor: new Map(), spellings: [], spells: new Map() };
    for (const entry of this.entries) {
      const used = entry.words.filter((p) => indexOfRun(terms, p.terms) >= 0);
      if (!used.length) continue;
      const source = [...new Set(used.flatMap((p) => p.terms))];
      const phrases = entry.same ? expansion.spellings : expansion.phrases;
      const standsFor = entry.same ? expansion.spells : expansion.standsFor;
      for (const other of entry.means) {
        if (used.includes(other) || other.terms.every((t) => terms.includes(t))) continue;
        if (!phrases.includes(other.phrase)) phrases.push(other.phrase);
        for (const term of other.terms.filter((t) => !terms.includes(t))) {
          const known = standsFor.get(term) ?? [];
          standsFor.set(term, [...new Set([...known, ...source])]);
        }
      }
    }
    return expansion;
  }
}

function indexOfRun(terms: string[], run: string[]): number {
  for (let i = 0; i + run.length <= terms.length; i += 1) {
    if (run.every((t, j) => terms[i + j] === t)) return i;
  }
  return -1;
}
