import type { LandingZoneConfig } from '../config/landing-zone.schema';
import type { EntityResolver } from './entity-resolver';
import type { Analysis } from './message-analysis';
import type { ParamContext } from '../contract/param-kind';
import type { SkillContract, SkillId } from '../contract/skill-contract';
import { parseUsage } from '../contract/usage';

/** Reads a skill's arguments from a message: each typed parameter's kind finds its own value. */
export class ArgumentReader {
  private readonly skills = new Map<SkillId, SkillContract>();
  /** Per skill, the words of its strict command (a bare value after them is the strict form). */
  private readonly commandWords = new Map<SkillId, string[]>();

  constructor(
    private readonly config: LandingZoneConfig,
    private readonly resolver: EntityResolver,
    skills: readonly SkillContract[],
  ) {
    for (const s of skills) {
      this.skills.set(s.id, s);
      this.commandWords.set(
        s.id,
        parseUsage(s).flatMap((part) => (part.type === 'words' ? part.words : [])),
      );
    }
  }

  /** The arguments of a skill found in the message, by its parameters' kinds in declaration order. */
  read(skill: SkillId, a: Analysis): Record<string, unknown> {
    const args: Record<string, unknown> = {};
    const ctx: ParamContext = {
      config: this.config,
      resolver: this.resolver,
      args,
      commandWords: this.commandWords.get(skill),
    };
    for (const [name, kind] of Object.entries(this.skills.get(skill)?.params ?? {})) {
      const value = kind.behaviour.find(a, ctx);
      if (value !== undefined) args[name] = value;
    }
    return args;
  }
}
