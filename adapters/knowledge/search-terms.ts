import { StemmerEn } from '@nlpjs/lang-en-min';

/**
 * How text becomes search terms, the same for pages and questions: split on anything that is not
 * a letter or a digit (an error code in CamelCase also gives its words), lower-case, drop the
 * words that carry no meaning in a question, spell British endings the American way, stem the rest.
 */
export const searchTerms = { tokenize, processTerm, termsOf };

const stemmer = new StemmerEn();

/** Words that say nothing about which runbook is meant, by class. */
const stopWordClasses = {
  /** Question words, pronouns, auxiliaries, politeness and fillers. */
  function: `a an the is are was were be been being am do does did doing done i me my mine we our ours us you
  your yours he she it its they them their this that these those there here what which who whom whose
  when where why how can could should would will shall may might must to of in on at for from with by
  about as into onto and or but if so then than too very just also still yet again already ok okay
  hi hello hey please pls plz thanks thank cheers team folks guys anyone someone somebody something
  anything everything thing things way ever any some all have has had having get gets got
  getting want wants need needs know tell help let lets s t d ll re ve m im dont doesnt isnt cant wont
  whats hows wheres whos theres thats it's via per like kind sort sure actually really quick quickly
  now right currently much many most such same own only whether either both even`,
  /** The asker's stance towards the question: "I think", "I'm supposed to", "trying to". */
  hedges: `think thinking thought suppose supposed guess guessing guessed wonder wondering wondered reckon
  assume assuming believe seem seems seemed try trying tried`,
  /** Degree and discourse adverbs that colour a question without naming a subject. */
  degree: `basically completely totally literally exactly rather generally simply probably maybe perhaps
  definitely honestly anyway somehow bit lot lots stuff`,
  /** Prepositions of place and direction that the first class leaves out; `up`, `out`, `down`, `after` name things here. */
  prepositions: `around across along among amongst beyond upon toward towards throughout despite whilst`,
  /** The name of the platform itself ("the AI landing zone", "AI LZ"): every page is about it, so it tells no page apart. */
  platformName: `ai landing zone lz`,
  /** Time relative to the asker ("six weeks ago", "till someone answers"), not a time the pages name. */
  relativeTime: `ago till since soon later earlier recently lately tonight yesterday tomorrow`,
};

const stopWords = new Set(
  Object.values(stopWordClasses)
    .flatMap((words) => words.split(/\s+/))
    .filter(Boolean),
);

const camelBoundary = /([a-z])([A-Z])/g;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const raw of text.split(/[^\p{L}\p{N}]+/u)) {
    if (!raw) continue;
    tokens.push(raw);
    const parts = raw.replace(camelBoundary, '$1 $2').split(' ');
    if (parts.length > 1) tokens.push(...parts);
  }
  return tokens;
}

/** British `-ise` / `-isation` endings, which the pages use, spelled the American way (`utilisation` → `utilization`). */
const britishEnding = /^([a-z]{3,})is(e|ed|es|ing|ation|ations)$/;

/** One token → its search term, or null for a word that does not count. */
function processTerm(token: string): string | null {
  let term = token.toLowerCase();
  if (/^\d+s$/.test(term)) term = term.slice(0, -1);
  if (stopWords.has(term)) return null;
  term = term.replace(britishEnding, '$1iz$2');
  if (term.length === 1 && !/\d/.test(term)) return null;
  return /^[a-z]{4,}$/.test(term) ? stemmer.stemWord(term) : term;
}

/** The distinct terms of a text, in order of first appearance. */
function termsOf(text: string): string[] {
  const seen = new Set<string>();
  for (const token of tokenize(text)) {
    const term = processTerm(token);
    if (term) seen.add(term);
  }
  return [...seen];
}
