import type { RunbookSection, RunbookStep } from './knowledge-base';

/** A page file split into its YAML front matter (still text) and its markdown body. */
export type SplitPage = { frontMatter: string; body: string } | { problem: string };

const fence = /^\s*(```|~~~)/;
const heading = /^(#{1,6})\s+(.+?)\s*#*\s*$/;
const listItem = /^( {0,3})(?:\d+[.)]|[-*+])\s+(.*)$/;
const tableRow = /^\s*\|(.*)\|\s*$/;
const tableRule = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

/** Splits `---` front matter from the body. The front matter must open the file. */
export function splitFrontMatter(source: string): SplitPage {
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---') {
    return { problem: 'no front matter: the file must start with a YAML block between two "---" lines' };
  }
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
  if (end < 0) return { problem: 'front matter is not closed: no second "---" line' };
  return { frontMatter: lines.slice(1, end).join('\n'), body: lines.slice(end + 1).join('\n') };
}

/** `Check and raise the quota` → `check-and-raise-the-quota`. */
export function slugOf(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'section'
  );
}

interface Draft {
  heading: string;
  steps: RunbookStep[];
  prose: string[];
  table?: string[];
}

/**
 * Splits a markdown body into sections at its `##` and `###` headings (the `#` title is not a
 * section; text before the first heading becomes a section named after `pageTitle`). List items
 * and table rows become steps; a fenced block inside an item, or right after it, is the item's code.
 */
export function parseSections(pageId: string, pageTitle: string, body: string): RunbookSection[] {
  const drafts: Draft[] = [];
  let current: Draft = { heading: pageTitle, steps: [], prose: [] };
  let item: { step: RunbookStep; indent: number; lines: string[] } | undefined;
  let code: { lines: string[]; indent: number; owner?: RunbookStep } | undefined;
  let paragraph: string[] = [];

  const flushParagraph = () => {
    if (paragraph.length) current.prose.push(paragraph.join(' '));
    paragraph = [];
  };
  const flushItem = () => {
    if (item) item.step.text = item.lines.join(' ').trim();
    item = undefined;
  };
  const startSection = (title: string) => {
    flushParagraph();
    flushItem();
    drafts.push(current);
    current = { heading: title, steps: [], prose: [] };
  };

  for (const line of body.split(/\r?\n/)) {
    if (code) {
      if (fence.test(line)) {
        const text = code.lines.join('\n');
        if (code.owner && !code.owner.code) code.owner.code = text;
        else current.steps.push({ text: '', code: text });
        code = undefined;
      } else {
        code.lines.push(line.slice(Math.min(code.indent, line.length - line.trimStart().length)));
      }
      continue;
    }
    if (fence.test(line)) {
      flushParagraph();
      const indent = line.length - line.trimStart().length;
      const owner = item?.step ?? current.steps[current.steps.length - 1];
      code = { lines: [], indent, owner };
      continue;
    }
    const h = heading.exec(line);
    if (h) {
      const level = h[1].length;
      if (level === 1) continue;
      if (level <= 3) {
        startSection(h[2].trim());
        continue;
      }
    }
    if (!line.trim()) {
      flushParagraph();
      current.table = undefined;
      continue;
    }
    const row = tableRow.exec(line);
    if (row) {
      flushParagraph();
      flushItem();
      if (tableRule.test(line)) continue;
      const cells = row[1].split('|').map((c) => c.trim());
      if (!current.table) current.table = cells;
      else current.steps.push({ text: describeRow(current.table, cells) });
      continue;
    }
    current.table = undefined;
    const li = listItem.exec(line);
    if (li) {
      flushParagraph();
      flushItem();
      const step: RunbookStep = { text: '' };
      current.steps.push(step);
      item = { step, indent: li[1].length, lines: [li[2].trim()] };
      continue;
    }
    const indent = line.length - line.trimStart().length;
    if (item && indent > item.indent) {
      item.lines.push(line.trim());
      continue;
    }
    flushItem();
    paragraph.push(line.trim());
  }
  flushParagraph();
  flushItem();
  drafts.push(current);

  const used = new Set<string>();
  return drafts
    .filter((d) => d.steps.length || d.prose.length)
    .map((d) => {
      let slug = slugOf(d.heading);
      for (let n = 2; used.has(slug); n += 1) slug = `${slugOf(d.heading)}-${n}`;
      used.add(slug);
      return {
        id: `${pageId}#${slug}`,
        pageId,
        heading: d.heading,
        steps: d.steps,
        text: d.prose.join('\n\n'),
      };
    });
}

/** A table row as one line: the first cell, then each other cell under its column name. */
function describeRow(header: string[], cells: string[]): string {
  const rest = cells
    .slice(1)
    .map((cell, i) => (cell ? `${(header[i + 1] ?? '').toLowerCase()}: ${cell}`.replace(/^: /, '') : ''))
    .filter(Boolean);
  return rest.length ? `**${cells[0]}** — ${rest.join('; ')}` : cells[0];
}
