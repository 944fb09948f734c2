import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import type { RunbookPage, SkippedPage } from '../../core/knowledge/knowledge-base';
import {
  describeFrontMatterIssues,
  runbookFrontMatter,
  type KnownSkills,
} from '../../core/knowledge/runbook-front-matter';
import { parseSections, splitFrontMatter } from '../../core/knowledge/runbook-markdown';

/** Where the pages are and what they may refer to. */
export interface RunbookFolderOptions {
  /** Absolute path of the folder. */
  directory: string;
  /** The folder as users see it in citations and reports, e.g. `knowledge`. */
  shownDirectory: string;
  skills: KnownSkills;
}

/** The pages that loaded, and the files that did not with the reason. */
export interface RunbookFolderContents {
  pages: RunbookPage[];
  skipped: SkippedPage[];
}

/**
 * Reads every `*.md` of the folder (not recursively, in name order). A file whose front matter is
 * missing, is not valid YAML or fails the schema, or that has no section, is skipped and reported;
 * the others load. A missing folder loads nothing and says so.
 */
export function readRunbookFolder(options: RunbookFolderOptions): RunbookFolderContents {
  const { directory, shownDirectory } = options;
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    return {
      pages: [],
      skipped: [{ file: shownDirectory, problem: `folder not found (looked at ${directory})` }],
    };
  }
  const schema = runbookFrontMatter(options.skills);
  const pages: RunbookPage[] = [];
  const skipped: SkippedPage[] = [];
  const names = readdirSync(directory)
    .filter((name) => name.toLowerCase().endsWith('.md'))
    .sort();
  for (const name of names) {
    const file = `${shownDirectory}/${name}`;
    const id = name.replace(/\.md$/i, '');
    const split = splitFrontMatter(readFileSync(join(directory, name), 'utf8'));
    if ('problem' in split) {
      skipped.push({ file, problem: split.problem });
      continue;
    }
    const document = parseDocument(split.frontMatter);
    if (document.errors.length) {
      const error = document.errors[0];
      const at = error.linePos?.[0];
      skipped.push({
        file,
        problem: `front matter is not valid YAML${at ? ` (line ${at.line + 1})` : ''}: ${error.message.split('\n')[0]}`,
      });
      continue;
    }
    const parsed = schema.safeParse(document.toJS() ?? {});
    if (!parsed.success) {
      skipped.push({ file, problem: `front matter: ${describeFrontMatterIssues(parsed.error)}` });
      continue;
    }
    const sections = parseSections(id, parsed.data.title, split.body);
    if (!sections.length) {
      skipped.push({ file, problem: 'no content: the page has no section with steps or text' });
      continue;
    }
    pages.push({ id, file, ...parsed.data, sections });
  }
  return { pages, skipped };
}
