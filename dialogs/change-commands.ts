import { parseChangeId } from '../core/changes/change-request';

/** A question about change requests rather than a request for a change. */
export type ChangeQuestion =
  | { kind: 'list'; which: 'recent' | 'pending' | 'mine' }
  | { kind: 'show'; changeId: string };

/**
 * Reads the change-record commands: `changes`, `changes pending`, `show CHG-00012`, and the ways
 * people ask what waits for their approval. Undefined for anything else.
 */
export function parseChangeQuestion(text: string): ChangeQuestion | undefined {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/[?!.]+$/, '');
  const show = /^(?:show|open|status(?: of)?)\s+(chg-?\d{1,9})$/.exec(t) ?? /^(chg-?\d{1,9})$/.exec(t);
  if (show) {
    const number = parseChangeId(show[1]);
    return number ? { kind: 'show', changeId: `CHG-${String(number).padStart(5, '0')}` } : undefined;
  }
  if (/^(?:changes|change requests|list changes|recent changes)$/.test(t))
    return { kind: 'list', which: 'recent' };
  if (/^(?:changes pending|pending changes|open changes|changes open)$/.test(t))
    return { kind: 'list', which: 'pending' };
  if (
    /^(?:what(?:'s| is)? (?:waiting|pending) (?:for|on) my approval|my approvals|approvals|pending approvals|what do i need to approve|anything (?:for me )?to approve)$/.test(
      t,
    )
  ) {
    return { kind: 'list', which: 'mine' };
  }
  return undefined;
}

/** How a change was asked for beyond its words: a dry run, or an emergency with its reason. */
export interface ChangeModifierReading {
  text: string;
  dryRun: boolean;
  emergency?: { reason: string };
}

/**
 * Takes the change modifiers off a message: a trailing `--dry-run`, a leading "dry run:", "what would
 * happen if (I) …" or "what if (I/we) …" (a what-if is a dry run), and a leading "emergency:" — either
 * "emergency: <request> because <reason>", or "emergency: <words>" where the words are both.
 */
export function readChangeModifiers(text: string): ChangeModifierReading {
  let rest = text.trim();
  let dryRun = false;
  let emergency: { reason: string } | undefined;
  const flag = /\s+--dry-?run\s*$/i;
  if (flag.test(rest)) {
    dryRun = true;
    rest = rest.replace(flag, '');
  }
  const whatIf =
    /^(?:dry[- ]?run:?\s+|what would happen if (?:i |we |you )?|what happens if (?:i |we |you )?|what if (?:i |we |you )?)/i;
  if (whatIf.test(rest)) {
    dryRun = true;
    rest = rest.replace(whatIf, '').replace(/\?+\s*$/, '');
  }
  const urgent = /^emergency\s*[:\-–]\s*/i;
  if (urgent.test(rest)) {
    rest = rest.replace(urgent, '');
    // "emergency: <request> because <reason>" keeps the two apart; otherwise the words are both.
    const split = /\s+(?:because|as|since|—|--)\s+/i.exec(rest);
    const reason = split ? rest.slice(split.index + split[0].length) : rest;
    if (split) rest = rest.slice(0, split.index);
    emergency = { reason: reason.trim().slice(0, 300) };
  }
  return { text: rest, dryRun, ...(emergency ? { emergency } : {}) };
}
