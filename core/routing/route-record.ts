import type { LandingZoneConfig } from '../config/landing-zone.schema';
import { parseCommand } from './command-router';
import type { Intent } from './intent';
import type { Router } from './router';

/** One line of `opsbot route` output: the contract other tools read. */
export interface RouteRecord {
  text: string;
  /** Catalog skill id or `none`. */
  skill: string;
  /** Catalog parameter names, canonical values; absent arguments omitted. */
  args: Record<string, unknown>;
  /** 0–1, three decimals. */
  confidence: number;
}

/** Routes one message the way the bot does: strict command first (confidence 1), then the router. */
export async function routeText(text: string, config: LandingZoneConfig, router: Router): Promise<Intent> {
  return parseCommand(text.trim(), config) ?? (await router.route(text));
}

/** The output record of one routed message. */
export function toRouteRecord(text: string, intent: Intent): RouteRecord {
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(intent.args)) {
    if (value !== undefined && value !== null && value !== '') args[key] = value;
  }
  return { text, skill: intent.skill, args, confidence: Math.round(intent.confidence * 1000) / 1000 };
}
