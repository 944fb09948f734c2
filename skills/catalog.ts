import { changeSkills } from './change/change.skills';
import { help, none } from './help.skill';
import { incidentSkills } from './incident/incident.skills';
import type { SkillDeclaration, SkillId } from './skill';
import { skillIds } from './skill';
import { statusSkills } from './status/status.skills';
import { troubleshootAsk } from './troubleshoot/troubleshoot.skills';

/** The vetted catalog: the whole attack surface. A request can never do more than a skill here allows. */
export class SkillCatalog {
  private readonly byId = new Map<SkillId, SkillDeclaration>();

  /** Fails loudly on a duplicate id, an id outside the contract, or too few examples. */
  constructor(skills: SkillDeclaration[]) {
    for (const skill of skills) {
      if (!(skillIds as readonly string[]).includes(skill.id)) {
        throw new Error(`Skill catalog: "${skill.id}" is not a skill id of the contract (skills/skill.ts).`);
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
      this.byId.set(skill.id, skill);
    }
    const missing = skillIds.filter((id) => !this.byId.has(id));
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
