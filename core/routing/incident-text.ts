const idPattern = /\b(?:inc[-_ #]?|incident\s*(?:#|no\.?|number)?\s*)0*(\d{1,6})\b/i;

/** Finds an incident id ("INC-0042", "inc 42", "incident #42") and normalises it to `INC-0042`. */
export function findIncidentId(text: string): string | undefined {
  const match = idPattern.exec(text);
  return match ? `INC-${match[1].padStart(4, '0')}` : undefined;
}

/** The text with the incident id removed, for reasons and resolutions. */
export function withoutIncidentId(text: string): string {
  return text.replace(idPattern, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * The part of an escalate/resolve message that explains it: what follows a colon, "because",
 * "since" or a comma ("resolve INC-0042: restarted the deployment" → "restarted the deployment").
 */
export function trailingDetail(text: string): string | undefined {
  const match = /(?::|\bbecause\b|\bsince\b|\breason:?|,)\s*(.{3,})$/i.exec(withoutIncidentId(text));
  if (!match) return undefined;
  const detail = match[1].trim();
  return /^(please|now|thanks|asap)\W*$/i.test(detail) ? undefined : detail;
}

/**
 * What a note says, without the request around it: "note INC-0007 restarted blue" → "restarted
 * blue", "put on the timeline that L3 joined" → "L3 joined", "note: cache flushed" → "cache flushed".
 */
export function remarkText(text: string): string | undefined {
  const rest = withoutIncidentId(text).trim();
  const said = /(?::|\bthat\b|\bsaying\b)\s*(.{3,})$/i.exec(rest);
  if (said) return said[1].trim();
  const bare =
    /^(?:please\s+)?(?:(?:add|log|put|record)\s+(?:a\s+)?)?notes?\b(?:\s+(?:for|on|to)\s+(?:the\s+)?incident\b)?[\s,-]*(.{3,})$/i.exec(
      rest,
    );
  return bare ? bare[1].trim() : undefined;
}

/**
 * The summary of an incident declaration without the request around it: "open a P1: production
 * inference is down" → "production inference is down". A severity word is the request's only
 * before "incident" ("open a high incident"): "declare high latency on fraud" keeps "high latency".
 * Falls back to the whole text.
 */
export function incidentSummary(text: string): string {
  const stripped = text
    .replace(
      /^(please |pls |plz |can you |could you |would you |we need to |need to |let'?s |i want to |i'd like to |go ahead and )*(declare|open|raise|create|start|log|file|report|submit|cut|kick off)( up)? (a |an )?(new )?((p[1-4]|sev(erity)? ?[1-4])[ ,:]*|(major|critical|high|low|medium) (?=incident|ticket|outage))?(incident|ticket|outage)?( please| now| asap)*( for| about| on|, because| because)?[\s:,;.!?–—-]*/i,
      '',
    )
    .replace(/^((please|pls|plz|now|asap|right now)\b[\s,:;-]*)+/i, '')
    .replace(
      /[\s,;-]*(please )?(declare|open|raise|start|create|log|file) (a |an )?(new )?(p[1-4] |sev ?[1-4] )?(incident|ticket)( now| please| asap)?[.!]*$/i,
      '',
    )
    .trim();
  return stripped.length >= 3 ? stripped : text;
}
