import type { SkillId } from '../contract/skill-contract';

/**
 * Why the offline router answered a message the LLM router was asked to route: the model was not
 * called (no tools, breaker open), it failed (timeout, rate limit, content filter, error), or its
 * answer was refused (a tool it was not offered, arguments the skill's schema rejects).
 */
export type FallbackReason =
  | 'no-tools'
  | 'breaker-open'
  | 'timeout'
  | 'rate-limited'
  | 'content-filter'
  | 'error'
  | 'unknown-tool'
  | 'invalid-arguments';

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
  /** Set when the LLM router was asked and the offline router answered instead; `reason` says why. */
  fallback?: { reason: FallbackReason };
}
