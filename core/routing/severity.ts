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
 * What implies each severity, checked in order: an explicit "minor / non-critical" first (it
 * downgrades whatever else is said), then production down, customers cut off or a breach / leaked
 * credentials (P1; paging the on-call implies it too), degraded performance or failed jobs (P2),
 * and a question or request (P4).
 */
export const impliedSeverityRules: readonly (readonly [RegExp, Severity])[] = [
  [
    /\b(non[- ]?critical|not (critical|urgent|a big deal)|non[- ]?urgent|no (customer|user|business|prod(uction)?) impact|low (impact|urgency)|nothing (urgent|critical|serious)|cosmetic|minor|trivial|can wait|no rush|when (you|someone) (can|gets? a chance|has time))\b/,
    'P3',
  ],
  [
    /\b(data breach|breach(ed|es)?|exfiltrat\w*|compromised|leak(ed|s|ing)?|exposed|stolen|ransomware|intrusion|unauthori[sz]ed access|security incident)\b|\b(pushed|committed|posted|pasted|published|checked in|shared) (the |a |an |our |my |its )?([\w-]+ ){0,2}(keys?|secrets?|credentials?|passwords?|tokens?|connection strings?)\b|\b(keys?|secrets?|credentials?|passwords?|tokens?) (\w+ ){0,3}(on|to|in) (github|gitlab|pastebin|a public|public|the internet|slack)\b/,
    'P1',
  ],
  [
    /\b(is|are|went|gone|completely|totally|fully|entirely|all|hard) (down|offline|dead|unavailable|unreachable)\b|\b(prod(uction)?|site|service|platform|api|endpoint|inference|scoring|everything) (is |are |has |have )?(down|offline|unavailable|unreachable|dead|broken|gone)\b|\b(down|outage|unavailable|offline) (in|on|for) (prod(uction)?|all|everyone|every)\b/,
    'P1',
  ],
  [
    /\b(outage|nothing (is )?(scoring|working|responding|serving)|not responding at all|(all|every|100 ?%( of)?) (customers?|users?|clients?|requests?|calls?|traffic|transactions?)|customers? (are |is |can'?t |cannot )?(affected|impacted|blocked|unable|down)|(?<!some |a few |several |one |a )(customers?|users?|clients?) (can'?t|cannot|are unable to|unable to)|customer[- ]facing|revenue (impact|loss)|page (the )?(on-?call|l2|someone|everyone))\b/,
    'P1',
  ],
  [
    /\b(degraded|degrading|degradation|slow(ness|er|ing|ly)?|latency|lag(ging|gy)?|timeouts?|timing out|time out|fail(ed|ing|s|ures?)?|errors?|erroring|503s?|5\d\ds?|5xx|4\d\ds?|intermittent\w*|flaky|partial(ly)?|some (customers|users|requests|calls)|backlog|stuck|hang(s|ing)?|throttl\w*|spik(e|es|ing)|elevated|performance|not (scaling|starting|completing))\b/,
    'P2',
  ],
  [
    /\b(question|questions|request|requests? for|requesting|wondering|curious|fyi|for your information|how (do|can|should) (i|we)|access review|feature)\b/,
    'P4',
  ],
];

/**
 * The severity the matrix implies from what a message describes (see `impliedSeverityRules`).
 * Undefined when nothing implies one.
 */
export function impliedSeverity(text: string): Severity | undefined {
  const t = text.toLowerCase();
  return impliedSeverityRules.find(([pattern]) => pattern.test(t))?.[1];
}

/** Stated severity first, then the implied one. */
export function resolveSeverity(text: string): Severity | undefined {
  return explicitSeverity(text) ?? impliedSeverity(text);
}
