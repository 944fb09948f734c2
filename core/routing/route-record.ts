import type { Intent } from './intent';
import type { RouteContext, Router } from './router';

/** One line of `opsbot route` output: the contract other tools read. */
export interface RouteRecord {
  text: string;
  /** Catalog skill id or `none`. */
  skill: string;
  /** Catalog parameter names, canonical values; absent arguments omitted. */
  args: Record<string, unknown>;
  /** 0–1, three decimals. */
  confidence: number;
  /** `opsbot route --llm` only: whether the model's proposal or the offline router answered. */
  router?: 'llm' | 'offline';
}

/**
 * Routes one message the way the bot does. The router is the single entry: it cleans the message
 * and takes strict commands (confidence 1) before natural language.
 */
export async function routeText(text: string, router: Router, context?: RouteContext): Promise<Intent> {
  return router.route(text, context);
}

/** The output record of one routed message. */
export function toRouteRecord(text: string, intent: Intent): RouteRecord {
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(intent.args)) {
    if (value !== undefined && value !== null && value !== '') args[key] = value;
  }
  return { text, skill: intent.skill, args, confidence: Math.round(intent.confidence * 1000) / 1000 };
}

/** Characters JSON leaves raw that some line splitters break lines at (NEL, LINE and PARAGRAPH SEPARATOR). */
const lineBreakingCharacters = /[\u0085\u2028\u2029]/g;

/**
 * One record as one line of JSON, without its newline: those characters are written as `\uXXXX`
 * escapes, so that a reader splitting on any line terminator still sees one object per line.
 */
export function formatRouteRecord(record: RouteRecord): string {
  return JSON.stringify(record).replace(
    lineBreakingCharacters,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
