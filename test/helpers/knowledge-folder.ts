import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KnownSkills } from '../../core/knowledge/runbook-front-matter';
import { allSkills } from '../../skills/catalog';

/** The skills of the product catalog, as the composition root hands them to the knowledge base. */
export const catalogSkills: KnownSkills = {
  all: allSkills.map((s) => s.id),
  readOnly: allSkills.filter((s) => s.kind === 'read' && s.id !== 'troubleshoot.ask').map((s) => s.id),
};

/** A page file: front matter from `fields` (YAML written by hand, as an operator would) and a body. */
export function pageText(fields: Record<string, unknown>, body: string): string {
  const yaml = Object.entries(fields)
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
    .join('\n');
  return `---\n${yaml}\n---\n${body}\n`;
}

/** A scratch knowledge folder; `write` adds or replaces a file, `remove` deletes the folder. */
export interface KnowledgeFolder {
  dir: string;
  write(name: string, text: string): void;
  remove(): void;
}

export function makeKnowledgeFolder(files: Record<string, string> = {}): KnowledgeFolder {
  const dir = mkdtempSync(join(tmpdir(), 'opsbot-kb-'));
  const folder: KnowledgeFolder = {
    dir,
    write: (name, text) => writeFileSync(join(dir, name), text),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  for (const [name, text] of Object.entries(files)) folder.write(name, text);
  return folder;
}
