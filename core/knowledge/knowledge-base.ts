/**
 * The runbook knowledge base as skills see it: pages of `knowledge/*.md`, split into sections,
 * searched by meaning. Implemented by `adapters/knowledge` (MiniSearch); nothing here imports it.
 */

/** One thing to do in a runbook section, with the command to run when there is one. */
export interface RunbookStep {
  text: string;
  /** A shell command or code block that belongs to the step, verbatim. */
  code?: string;
}

/** One section of a page: a `##` or `###` heading and what follows it up to the next one. */
export interface RunbookSection {
  /** `<page id>#<heading slug>`, unique in the knowledge base. */
  id: string;
  pageId: string;
  heading: string;
  /** Numbered or bulleted items (table rows count as items), in order. */
  steps: RunbookStep[];
  /** The prose of the section outside its items, paragraphs joined by blank lines. */
  text: string;
}

/** A runbook page: its front matter and its sections, in the order of the file. */
export interface RunbookPage {
  /** The file name without `.md`, e.g. `quota-exceeded`. */
  id: string;
  /** The file as shown to users and in citations, e.g. `knowledge/quota-exceeded.md`. */
  file: string;
  title: string;
  tags: string[];
  /** Phrases a user would say when this page is the answer. */
  symptoms: string[];
  /** Skill ids that go with the page, offered as follow-ups. */
  related: string[];
  /** Read-only skill ids whose results the answer shows beside the steps. */
  checks: string[];
  /** Handover section numbers the page rewrites, e.g. `["5.1", "5.2"]`. */
  covers: string[];
  sections: RunbookSection[];
}

/** A file that was not loaded, and why. */
export interface SkippedPage {
  file: string;
  problem: string;
}

/** What a (re)load of the knowledge folder found. */
export interface LoadReport {
  /** The folder as configured. */
  directory: string;
  pages: number;
  sections: number;
  skipped: SkippedPage[];
  /** ISO 8601 instant of the load. */
  loadedAt: string;
}

/** One section that matches a question, with the page it belongs to. */
export interface KnowledgeHit {
  pageId: string;
  /** As in `RunbookPage.file`. */
  file: string;
  title: string;
  sectionId: string;
  heading: string;
  steps: RunbookStep[];
  text: string;
  /** Relevance from 0 (unrelated) towards 1 (the question says what the section is about); comparable across questions. */
  score: number;
  /** "knowledge/quota-exceeded.md › Check and raise the compute quota". */
  citation: string;
  checks: string[];
  related: string[];
  covers: string[];
  /**
   * What the question asks for that this section never says ("the name", "how long", "how to
   * push"): the section is about the question's subject but does not answer it. Absent when the
   * section says it, or when the question has no focus that can be checked (a symptom, a "why").
   */
  unanswered?: string;
}

/** Options of one search. */
export interface KnowledgeSearchOptions {
  /** Most hits returned; 5 when absent. */
  limit?: number;
}

/** Searches runbook sections; reloads its folder on demand. */
export interface KnowledgeBase {
  /** Sections best first; each section at most once. Empty for an empty question or an empty base. */
  search(query: string, options?: KnowledgeSearchOptions): KnowledgeHit[];
  /** The relevance from which the best hit is an answer; below it the answer is "I don't know". */
  readonly answerThreshold: number;
  /** Reads the folder again; the pages that load replace the old ones, broken files are reported and skipped. */
  reload(): LoadReport;
  /** The report of the last load. */
  lastLoad(): LoadReport;
  pages(): RunbookPage[];
}
