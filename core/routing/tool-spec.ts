import type { SkillId } from '../contract/skill-contract';

/**
 * A tool the LLM router offers the model: one catalog skill, its description and the JSON schema
 * of its arguments. Generated from the skill declarations; the router only offers, the skill's own
 * schema validates what comes back.
 */
export interface ToolSpec {
  /** The catalog skill id, e.g. `status.endpoint`. */
  name: SkillId;
  description: string;
  /** JSON schema of the arguments object. */
  parameters: Record<string, unknown>;
}

/** What a skill's schema made of the arguments a model proposed. */
export type ParsedArgs = { ok: true; args: Record<string, unknown> } | { ok: false; error: string };
