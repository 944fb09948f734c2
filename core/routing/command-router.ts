import type { LandingZoneConfig } from '../config/landing-zone.schema';
import type { CommandContext } from '../contract/param-kind';
import type { SkillContract } from '../contract/skill-contract';
import type { UsagePart } from '../contract/usage';
import { parseUsage } from '../contract/usage';
import type { Intent } from './intent';

interface CommandForm {
  skill: SkillContract;
  parts: UsagePart[];
}

interface Match {
  args: Record<string, unknown>;
  /** The words each parameter took. */
  spans: Record<string, readonly string[]>;
}

/**
 * Strict commands, the power-user path (like StackStorm aliases): `status fraud-detection`,
 * `jobs 6`, `scale fraud-detection blue 6`, generated from the skills' `usage`. A parameter takes
 * its words by its kind: resources by exact name or alias only, so a loose change command ("stop
 * it", "scale fraud by 2") is not a command and goes to the router, which asks or declines. A read
 * skill's second try passes one unknown resource name on, so that its answer says which exist.
 */
export class CommandGrammar {
  private readonly forms: CommandForm[];

  constructor(
    skills: readonly SkillContract[],
    private readonly config: LandingZoneConfig,
  ) {
    this.forms = skills.filter((s) => s.usage.trim()).map((skill) => ({ skill, parts: parseUsage(skill) }));
  }

  /** The intent of a strict command, or undefined when the text is not one. */
  parse(text: string): Intent | undefined {
    const words = text.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) return undefined;
    for (const form of this.forms) {
      const match = this.match(form, words, false);
      if (match) return this.intent(form, match);
    }
    let best: { form: CommandForm; match: Match; score: number } | undefined;
    for (const form of this.forms.filter((f) => f.skill.kind === 'read')) {
      const match = this.match(form, words, true);
      if (!match) continue;
      const score = Object.entries(match.spans).reduce(
        (sum, [name, span]) => sum + (form.skill.params[name].behaviour.affinity?.(span, this.config) ?? 0),
        0,
      );
      if (!best || score > best.score) best = { form, match, score };
    }
    return best && this.intent(best.form, best.match);
  }

  private intent(form: CommandForm, match: Match): Intent {
    // An optional severity or incident id not given in its place may stand anywhere in the free words.
    const free = Object.values(match.spans).flat().join(' ');
    const args = { ...match.args };
    for (const [name, kind] of Object.entries(form.skill.params)) {
      if (args[name] !== undefined || !kind.behaviour.anywhere) continue;
      const value = kind.behaviour.anywhere(free);
      if (value !== undefined) args[name] = value;
    }
    return { skill: form.skill.id, args, confidence: 1, source: 'command' };
  }

  private match(form: CommandForm, words: readonly string[], loose: boolean): Match | undefined {
    const step = (part: number, at: number, lead: readonly string[], found: Match): Match | undefined => {
      if (part === form.parts.length) return at === words.length ? found : undefined;
      const p = form.parts[part];
      if (p.type === 'words') {
        if (at < words.length && p.words.includes(words[at].toLowerCase()))
          return step(part + 1, at + 1, [...lead, words[at]], found);
        return p.optional ? step(part + 1, at, lead, found) : undefined;
      }
      const kind = form.skill.params[p.name];
      const ctx: CommandContext = { config: this.config, args: found.args, lead, loose };
      let taken = false;
      for (let n = Math.min(kind.behaviour.maxWords, words.length - at); n >= 1; n -= 1) {
        const span = words.slice(at, at + n);
        const value = kind.behaviour.fromCommand(span, ctx);
        if (value === undefined) continue;
        taken = true;
        const next = step(part + 1, at + n, lead, {
          args: { ...found.args, [p.name]: value },
          spans: { ...found.spans, [p.name]: span },
        });
        if (next) return next;
      }
      // An optional parameter its words fit is taken; it is left out only when nothing fits.
      return p.optional && !taken ? step(part + 1, at, lead, found) : undefined;
    };
    return step(0, 0, [], { args: {}, spans: {} });
  }
}
