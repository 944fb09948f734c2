import type { SkillId } from '../skills/skill-contract';

/**
 * A routing proposal: which catalog skill a message asks for, with which arguments, and how sure
 * the router is. Only a proposal — `propose()` and the policy decide.
 */
export interface Intent {
  /** Catalog skill id, or `none`. */
  skill: SkillId;
  /** Arguments by the catalog's parameter names, canonical values. */
  args: Record<string, unknown>;
  /** 0–1. Strict commands are 1. */
  confidence: number;
  /** Who proposed it. */
  source: 'command' | 'offline' | 'llm';
  /** Runner-up skills, best first, when the router was torn between them. */
  alternatives?: { skill: SkillId; confidence: number; args?: Record<string, unknown> }[];
}
