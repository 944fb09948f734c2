import { z } from 'zod/v4';
import type { LandingZoneConfig } from '../../core/config/landing-zone.schema';
import { namesOf } from '../../core/config/resource-names';
import type { RouteContext } from '../../core/routing/router';
import type { ParsedArgs, ToolSpec } from '../../core/routing/tool-spec';
import type { SkillId } from '../../core/contract/skill-contract';

/**
 * Tools as the catalog will generate them (issue 14), written out by hand for the LLM router's
 * tests: resource parameters are enums of the configured names, change tools are offered only to
 * operators. The lead replaces this with the catalog's own tools.
 */
export function testTools(config: LandingZoneConfig) {
  const endpoint = z.enum(namesOf(config, 'endpoint') as [string, ...string[]]);
  const cluster = z.enum(namesOf(config, 'compute') as [string, ...string[]]);
  const schemas: Record<string, { description: string; change: boolean; schema: z.ZodObject }> = {
    'status.endpoint': {
      description: 'Health of one online endpoint',
      change: false,
      schema: z.object({ endpoint }).strict(),
    },
    'status.compute': {
      description: 'State of one compute cluster',
      change: false,
      schema: z.object({ cluster }).strict(),
    },
    'status.jobs': {
      description: 'Training jobs of the last hours',
      change: false,
      schema: z.object({ hours: z.number().int().min(1).max(720).optional() }).strict(),
    },
    'troubleshoot.ask': {
      description: 'Answer a question from the runbooks',
      change: false,
      schema: z.object({ question: z.string().min(1).max(500) }).strict(),
    },
    'endpoint.scale': {
      description: 'Propose a new instance count for an endpoint deployment',
      change: true,
      schema: z
        .object({ endpoint, deployment: z.string().optional(), instances: z.number().int().min(1).max(100) })
        .strict(),
    },
    'compute.stop': {
      description: 'Propose stopping a compute cluster',
      change: true,
      schema: z.object({ cluster }).strict(),
    },
  };
  const operatorRoles = new Set(['l2', 'l3', 'platform-architect', 'team-lead']);
  const tools = (context: RouteContext | undefined): ToolSpec[] => {
    const operator = context?.caller.roles.some((role) => operatorRoles.has(role)) ?? false;
    return Object.entries(schemas)
      .filter(([, entry]) => operator || !entry.change)
      .map(([name, entry]) => ({
        name: name as SkillId,
        description: entry.description,
        parameters: z.toJSONSchema(entry.schema) as Record<string, unknown>,
      }));
  };
  const parseArgs = (skill: string, args: unknown): ParsedArgs => {
    const entry = schemas[skill];
    if (!entry) return { ok: false, error: `no skill ${skill}` };
    const parsed = entry.schema.safeParse(args);
    return parsed.success
      ? { ok: true, args: parsed.data as Record<string, unknown> }
      : { ok: false, error: parsed.error.issues.map((issue) => issue.message).join('; ') };
  };
  return { tools, parseArgs, skillIds: Object.keys(schemas) };
}
