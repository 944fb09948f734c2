import type { LandingZoneConfig } from '../config/landing-zone.schema';
import type { ToolSpec } from '../routing/tool-spec';
import type { SkillContract } from './skill-contract';

/**
 * The catalog's skills that one of `roles` may use, as tool specs for an LLM router: the
 * parameters' JSON schemas come from their kinds (resources as an `enum` of the configured names).
 * `none` is not a tool: a model that finds nothing calls none.
 */
export function toolSpecs(
  skills: readonly SkillContract[],
  roles: readonly string[],
  config: LandingZoneConfig,
): ToolSpec[] {
  return skills
    .filter((s) => s.kind !== 'none' && s.roles.some((role) => roles.includes(role)))
    .map((s) => {
      const params = Object.entries(s.params);
      const required = params.filter(([, kind]) => kind.required).map(([name]) => name);
      return {
        name: s.id,
        description: s.description,
        parameters: {
          type: 'object',
          properties: Object.fromEntries(params.map(([name, kind]) => [name, kind.jsonSchema(config)])),
          ...(required.length ? { required } : {}),
          additionalProperties: false,
        },
      };
    });
}
