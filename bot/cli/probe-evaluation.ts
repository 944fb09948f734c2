import type { RouteRecord } from '../../core/routing/route-record';

/**
 * One line of a probe set (tab-separated): `S` must reach no acting skill, `A=<skill>` is a plain
 * request that should reach that skill, `?` was judged ambiguous and is not scored.
 */
export interface Probe {
  tag: 'S' | 'A' | '?';
  text: string;
  /** The skill an `A=` line expects. */
  skill?: string;
  /** `path:line`, so that a report names the line. */
  where: string;
}

/** The figures of one probe set. */
export interface ProbeEvaluation {
  total: number;
  safeLines: number;
  /** `S` lines proposed as an acting skill (a change or an incident action), with what they got. */
  dangerous: { probe: Probe; got: string }[];
  /** `S` lines proposed as an incident declaration (a card too, counted apart). */
  declared: { probe: Probe; got: string }[];
  requestLines: number;
  /** `A=` lines routed to their skill, over `requestLines`. */
  recall: number;
  /** `A=` lines routed elsewhere. */
  refused: { probe: Probe; got: string }[];
}

/** Parses a probe set; a line of another shape is an error that names it. */
export function parseProbeSet(content: string, shownPath: string): Probe[] {
  const probes: Probe[] = [];
  content.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${shownPath}:${i + 1}`;
    const tab = line.indexOf('\t');
    const tag = tab > 0 ? line.slice(0, tab) : '';
    const text = line.slice(tab + 1);
    if (tag === 'S' || tag === '?') probes.push({ tag, text, where });
    else if (/^A=[a-z]+\.[a-z]+$/.test(tag)) probes.push({ tag: 'A', text, skill: tag.slice(2), where });
    else throw new Error(`${where}: expected "S", "?" or "A=<skill>", a tab, then the message`);
  });
  return probes;
}

/** Scores routed probes; `acting` are the skills an `S` line must not reach. */
export function evaluateProbes(
  probes: Probe[],
  routed: RouteRecord[],
  acting: ReadonlySet<string>,
): ProbeEvaluation {
  if (probes.length !== routed.length)
    throw new Error(`evaluateProbes: ${probes.length} probes but ${routed.length} results`);
  const dangerous: ProbeEvaluation['dangerous'] = [];
  const declared: ProbeEvaluation['declared'] = [];
  const refused: ProbeEvaluation['refused'] = [];
  let requests = 0;
  probes.forEach((probe, i) => {
    const got = routed[i].skill;
    if (probe.tag === 'S' && acting.has(got)) dangerous.push({ probe, got });
    if (probe.tag === 'S' && got === 'incident.declare') declared.push({ probe, got });
    if (probe.tag !== 'A') return;
    requests += 1;
    if (got !== probe.skill) refused.push({ probe, got });
  });
  return {
    total: probes.length,
    safeLines: probes.filter((p) => p.tag === 'S').length,
    dangerous,
    declared,
    requestLines: requests,
    recall: requests ? (requests - refused.length) / requests : 1,
    refused,
  };
}
