import type { SkillContract } from './skill-contract';

/** One element of a strict command: words said as written (one of them), or a parameter. */
export type UsagePart =
  | { type: 'words'; words: readonly string[]; optional: boolean }
  | { type: 'param'; name: string; optional: boolean };

/**
 * Reads a skill's `usage` (see `SkillContract.usage`) into its parts. Fails loudly at start on a
 * `<name>` that is not a parameter, or a required parameter the command cannot give.
 */
export function parseUsage(skill: Pick<SkillContract, 'id' | 'usage' | 'params'>): UsagePart[] {
  const parts = skill.usage
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((token): UsagePart => {
      const required = /^<([\w-]+)>$/.exec(token);
      const optional = /^\[([^\]]+)\]$/.exec(token);
      const name = required?.[1] ?? optional?.[1];
      if (required && !(required[1] in skill.params))
        throw new Error(
          `Skill "${skill.id}": usage "${skill.usage}" names <${required[1]}>, which is not a parameter.`,
        );
      if (name && name in skill.params) return { type: 'param', name, optional: Boolean(optional) };
      return { type: 'words', words: (name ?? token).toLowerCase().split('|'), optional: Boolean(optional) };
    });
  if (parts.length) {
    const given = new Set(parts.flatMap((p) => (p.type === 'param' ? [p.name] : [])));
    const missing = Object.entries(skill.params).find(([name, kind]) => kind.required && !given.has(name));
    if (missing)
      throw new Error(
        `Skill "${skill.id}": usage "${skill.usage}" gives no place to the required parameter "${missing[0]}".`,
      );
  }
  return parts;
}

/** The command as help prints it: placeholders by kind (`[P1-P4]`), the first of alternative words, no optional words. */
export function printUsage(skill: Pick<SkillContract, 'id' | 'usage' | 'params'>): string {
  return parseUsage(skill)
    .flatMap((part) => {
      if (part.type === 'words') return part.optional ? [] : [part.words[0]];
      const placeholder = skill.params[part.name].placeholder(part.name);
      return [part.optional ? `[${placeholder}]` : `<${placeholder}>`];
    })
    .join(' ');
}
