import { changeSkills } from './change/change.skills';
import { help, none } from './help.skill';
import { incidentSkills } from './incident/incident.skills';
import type { SkillDeclaration, SkillId } from './skill';
import { skillIds } from './skill';
import { isSkillId } from '../core/contract/skill-contract';
import { parseUsage } from '../core/contract/usage';
import { statusSkills } from './status/status.skills';
import { troubleshootAsk } from './troubleshoot/troubleshoot.skills';

/** The vetted catalog: the whole attack surface. A request can never do more than a skill here allows. */
export class SkillCatalog {
  private readonly byId = new Map<SkillId, SkillDeclaration>();

  /**
   * Fails loudly on a duplicate id, an id outside the contract, a missing declaration, too few
   * examples or a usage that does not fit the parameters. `ids` is the contract's list unless a
   * test declares a skill of its own.
   */
  constructor(skills: SkillDeclaration[], options: { ids?: readonly string[] } = {}) {
    const ids = options.ids ?? skillIds;
    for (const skill of skills) {
      if (!isSkillId(skill.id, ids)) {
        throw new Error(
          `Skill catalog: "${skill.id}" is not a skill id of the contract (core/contract/skill-contract.ts).`,
        );
      }
      if (this.byId.has(skill.id)) throw new Error(`Skill catalog: skill "${skill.id}" is declared twice.`);
      if (skill.examples.length < 8) {
        throw new Error(
          `Skill catalog: skill "${skill.id}" has ${skill.examples.length} examples; it needs at least 8.`,
        );
      }
      if (skill.kind === 'change' && !skill.changeType) {
        throw new Error(`Skill catalog: change skill "${skill.id}" declares no change type.`);
      }
      parseUsage(skill);
      this.byId.set(skill.id, skill);
    }
    const missing = ids.filter((id) => !this.byId.has(id as SkillId));
    if (missing.length) throw new Error(`Skill catalog: no declaration for ${missing.join(', ')}.`);
  }

  get(id: string): SkillDeclaration | undefined {
    return this.byId.get(id as SkillId);
  }

  list(): SkillDeclaration[] {
    return [...this.byId.values()];
  }
}

/** Every v1 skill of DESIGN.md. */
export const allSkills: SkillDeclaration[] = [
  help,
  ...statusSkills,
  troubleshootAsk,
  ...changeSkills,
  ...incidentSkills,
  none,
] as SkillDeclaration[];

/** The catalog the product runs with. */
export function createCatalog(): SkillCatalog {
  return new SkillCatalog(allSkills);
}
