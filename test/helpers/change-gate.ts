import type { LandingZoneConfig } from '../../core/config/landing-zone.schema';
import type { SkillId } from '../../core/contract/skill-contract';
import type { ChangeGateVerdict } from '../../core/routing/change-gate';
import { ChangeGate } from '../../core/routing/change-gate';
import { EntityResolver, tokenize } from '../../core/routing/entity-resolver';
import { allSkills } from '../../skills/catalog';

/** The change gate of the shipped catalog, asked about a lower-case message on its own (no cues, nothing out of scope). */
export function gateChecker(config: LandingZoneConfig): (skill: SkillId, lower: string) => ChangeGateVerdict {
  const gate = new ChangeGate(config, allSkills);
  const resolver = new EntityResolver(config);
  return (skill, lower) =>
    gate.check(skill, {
      lower,
      mentions: resolver.findResources(tokenize(lower)),
      asksOnly: false,
      unsupportedChange: false,
    });
}
