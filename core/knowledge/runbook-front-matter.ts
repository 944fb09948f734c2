import { z } from 'zod/v4';

/** The skill ids a page may name: all of them for `related`, the read-only ones for `checks`. */
export interface KnownSkills {
  all: readonly string[];
  readOnly: readonly string[];
}

const phrase = z
  .union([z.string(), z.number()])
  .transform((value) => String(value).trim())
  .pipe(z.string().min(1, 'expected a non-empty text'));
const sectionNumber = phrase.pipe(
  z.string().regex(/^\d+(\.\d+)*$/, 'expected a handover section number such as "5.2"'));

/**
 * The schema of a runbook page's YAML front matter, checked against the skills of the catalog.
 * `checks` may only name read-only skills: the answer runs them.
 */
export function runbookFrontMatter(skills: KnownSkills) {
  const skillId = (ids: readonly string[], kind: string) =>
    phrase.refine((id) => ids.includes(id), {
      error: (issue) => `"${String(issue.input)}" is not a ${kind} skill id (known: ${ids.join(', ')})`,
    });
  return z.strictObject({
    title: phrase,
    tags: z.array(phrase).default([]),
    symptoms: z.array(phrase).min(1, 'list at least one symptom, in the words a user would use'),
    related: z.array(skillId(skills.all, 'known')).default([]),
    checks: z.array(checkEntry(skills.readOnly)).default([]),
    covers: z.array(sectionNumber).min(1, 'name the handover sections the page rewrites'),
  });
}

/** A check: a read-only skill id, optionally followed by the resource the page means (`status.compute gpu-cluster-01`). */
function checkEntry(readOnly: readonly string[]) {
  return phrase.refine((entry) => readOnly.includes(entry.split(/\s+/)[0]) && entry.split(/\s+/).length <= 2, {
    error: (issue) =>
      `"${String(issue.input)}" is not a read-only skill id, optionally with one resource name (read-only skills: ${readOnly.join(', ')})`,
  });
}

/** A page's front matter after validation. */
export type RunbookFrontMatter = z.infer<ReturnType<typeof runbookFrontMatter>>;

/** Validation problems in one line: `symptoms: …; related[1]: …`. */
export function describeFrontMatterIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? `${formatPath(issue.path)}: ` : ''}${issue.message}`)
    .join('; ');
}

/** `['related', 1]` → `related[1]`. */
function formatPath(path: PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${String(part)}`)).join('');
}
