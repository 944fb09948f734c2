import { parseNumberToken } from './number-words';

/** Incident severities of the matrix. */
export type Severity = 'P1' | 'P2' | 'P3' | 'P4';

const severityNames: Record<string, Severity> = {
  critical: 'P1',
  crit: 'P1',
  high: 'P2',
  medium: 'P3',
  moderate: 'P3',
  low: 'P4',
};

/**
 * The severity a message states: "P1", "p 2", "sev 2", "sev2", "severity two", "priority 3",
 * "severity high", "high severity", "critical incident". Undefined when none is stated.
 */
export function explicitSeverity(text: string): Severity | undefined {
  const t = text.toLowerCase();
  const numbered = /\b(?:p|sev|severity|priority|prio)\s*[-:]?\s*([1-4]|one|two|three|four)\b/.exec(t);
  if (numbered) return `P${parseNumberToken(numbered[1])}` as Severity;
  const named = /\b(?:sev|severity|priority)\s*[-:]?\s*(critical|crit|high|medium|moderate|low)\b/.exec(t);
  if (named) return severityNames[named[1]];
  const before =
    /(?<!non-|non |not )\b(critical|high|medium|moderate|low)[- ](?:severity|sev|priority)\b/.exec(t);
  if (before) return severityNames[before[1]];
  if (/(?<!non-|non |not )\b(critical|major|sev ?zero) (incident|outage)\b/.test(t)) return 'P1';
  return undefined;
}

/**
 * The severity the matrix implies from what a message describes: production down or a data breach
 * → P1 (paging the on-call implies it too); degraded performance or failing jobs → P2; a
 * non-critical issue → P3; a question or request → P4. Undefined when nothing implies one.
 */
export function impliedSeverity(text: string): Severity | undefined {
  const t = text.toLowerCase();
  if (
    /\b(non-?critical|not (critical|urgent)|no (customer|user|business) impact|low impact|cosmetic|minor (issue|problem|glitch|bug)|can wait)\b/.test(
      t,
    )
  ) {
    return 'P3';
  }
  if (
    /\b(data breach|breach(ed)?|exfiltrat\w*|compromised|leaked|ransomware|intrusion)\b/.test(t) ||
    /\b(is|are|went|gone|completely|totally|all) (down|offline|dead)\b/.test(t) ||
    /\b(prod(uction)?|site|service|platform|api|endpoint|inference|scoring) (is |are )?(down|offline|unavailable)\b/.test(
      t,
    ) ||
    /\b(down|outage|unavailable) (in|on) prod(uction)?\b/.test(t) ||
    /\b(outage|nothing (is )?(scoring|working|responding)|not responding at all|hard down)\b/.test(t) ||
    /\bpage (the )?(on-?call|l2|someone)\b/.test(t)
  ) {
    return 'P1';
  }
  if (
    /\b(degraded|degrading|slow(ness|er|ing)?|latency|lagging|timeouts?|timing out|fail(ed|ing|ures?)|errors?|503s?|5xx|intermittent\w*|flaky)\b/.test(
      t,
    )
  ) {
    return 'P2';
  }
  if (/\b(question|request|wondering|when you get a chance|fyi)\b/.test(t)) return 'P4';
  return undefined;
}

/** Stated severity first, then the implied one. */
export function resolveSeverity(text: string): Severity | undefined {
  return explicitSeverity(text) ?? impliedSeverity(text);
}
