import { explicitSeverity, impliedSeverity, type Severity } from '../routing/severity';
import type { IncidentType } from './incident';

/** What the live status says right now, as far as severity goes. Each flag is optional. */
export interface LiveSignals {
  /** A production service is unavailable (e.g. the endpoint-down alert fires). */
  productionDown?: boolean;
  /** Performance below baseline or jobs failing. */
  degraded?: boolean;
}

/** A suggested severity and where it came from, for the card ("suggested from the text"). */
export interface SeveritySuggestion {
  severity: Severity;
  /** `stated`: the message names it; `text`: the matrix reading of the text; `live`: the live status; `default`. */
  source: 'stated' | 'text' | 'live' | 'default';
  reason: string;
}

/** When neither the text nor the live status points anywhere: a non-critical issue. */
export const defaultSeverity: Severity = 'P3';

const rank: Record<Severity, number> = { P1: 1, P2: 2, P3: 3, P4: 4 };

/**
 * The severity the matrix suggests: a stated one wins; otherwise the more severe of what the text
 * implies (core/routing/severity.ts) and what the live status shows; a data breach is P1 whatever
 * the wording. The person still confirms it.
 */
export function suggestSeverity(
  text: string,
  type: IncidentType,
  live: LiveSignals = {},
): SeveritySuggestion {
  const stated = explicitSeverity(text);
  if (stated) return { severity: stated, source: 'stated', reason: 'stated in the request' };
  const candidates: SeveritySuggestion[] = [];
  const implied = impliedSeverity(text);
  if (implied) candidates.push({ severity: implied, source: 'text', reason: 'what the request describes' });
  if (type === 'data-breach') candidates.push({ severity: 'P1', source: 'text', reason: 'a data breach' });
  if (live.productionDown) {
    candidates.push({ severity: 'P1', source: 'live', reason: 'a production service is down right now' });
  } else if (live.degraded) {
    candidates.push({ severity: 'P2', source: 'live', reason: 'the live status shows degradation' });
  }
  if (candidates.length === 0) {
    return { severity: defaultSeverity, source: 'default', reason: 'nothing points to a higher severity' };
  }
  return candidates.reduce((best, next) => (rank[next.severity] < rank[best.severity] ? next : best));
}
