import { z } from 'zod/v4';
import {
  findIncidentId,
  incidentSummary,
  remarkText,
  trailingDetail,
  withoutIncidentId,
} from '../routing/incident-text';
import { findNumbers, parseNumberPhrase } from '../routing/number-words';
import { explicitSeverity, resolveSeverity } from '../routing/severity';
import { parseTimeWindowHours } from '../routing/time-window';
import type { MessageReading, ParamQuestion } from './param-kind';
import { ParamKind } from './param-kind';

const digits = /^\d{1,3}$/;

/**
 * A whole number from `min` to `max` (an instance count). In a message it is the absolute count
 * asked for; a relative one ("two more", "by 2", "double") is not read, so that the dialog asks.
 */
export function count(min: number, max: number): ParamKind<z.ZodNumber> {
  return new ParamKind(
    {
      kind: 'count',
      maxWords: 1,
      fromCommand: (words) => (digits.test(words[0]) ? Number(words[0]) : undefined),
      find: (message) => absoluteCount(message, max),
      resolve: (answer) => {
        const n = parseNumberPhrase(answer);
        return n !== undefined && n >= 0 && n <= max ? n : undefined;
      },
      ask: (name) => ({
        question: `How many ${name}? Give a number from ${min} to ${max}.`,
        choices: [...new Set([min, Math.round((min + max) / 2), max])].map(String),
      }),
    },
    z.number().int().min(min).max(max),
  );
}

/** A time window in hours, back from now ("last 6 hours", "overnight", `jobs 48h`). */
export function hours(bounds: {
  min: number;
  max: number;
  default: number;
}): ParamKind<z.ZodDefault<z.ZodNumber>> {
  return new ParamKind(
    {
      kind: 'hours',
      maxWords: 1,
      fromCommand: (words) => {
        const match = /^0*(\d{1,3})h?$/i.exec(words[0]);
        const n = match ? Number(match[1]) : NaN;
        return n >= bounds.min && n <= bounds.max ? n : undefined;
      },
      find: (message, ctx) => {
        // "jobs 0" or "jobs 99999" is the strict form out of range: passed on so the answer says the range.
        const lead = (ctx.commandWords ?? []).map((w) => w.replace(/\W/g, '')).filter(Boolean);
        const strict = lead.length
          ? new RegExp(String.raw`^(?:(?:${lead.join('|')})\s+)+(-?\d{1,9})h?$`).exec(message.lower.trim())
          : null;
        return strict ? Number(strict[1]) : parseTimeWindowHours(message.lower);
      },
      resolve: (answer) => parseNumberPhrase(answer) ?? parseTimeWindowHours(answer),
      ask: () => ({ question: 'How many hours back?', choices: ['6', '24', '72'] }),
    },
    z.number().int().min(bounds.min).max(bounds.max).default(bounds.default),
    false,
  );
}

const severities = ['P1', 'P2', 'P3', 'P4'] as const;

/** An incident severity P1–P4, said outright ("P1", "sev 2") or implied by the wording ("down", "leaked"). */
export function severity(): ParamKind<z.ZodEnum<{ P1: 'P1'; P2: 'P2'; P3: 'P3'; P4: 'P4' }>> {
  return new ParamKind(
    {
      kind: 'severity',
      placeholder: 'P1-P4',
      maxWords: 1,
      fromCommand: (words) => (/^p[1-4]$/i.test(words[0]) ? words[0].toUpperCase() : undefined),
      anywhere: (text) => resolveSeverity(text),
      find: (message) => resolveSeverity(message.lower),
      resolve: (answer) =>
        explicitSeverity(answer) ?? (/^p?[1-4]$/i.test(answer) ? `P${answer.slice(-1)}` : undefined),
      ask: () => ({ question: 'Which severity?', choices: [...severities] }),
    },
    z.enum(severities),
  );
}

const wholeIncidentId = /^(?:inc[-_ #]?|incident\s*#?\s*)0*\d{1,6}$/i;

/** An incident id (`INC-0042`, "inc 42"), normalised to `INC-0042`. */
export function incidentId(): ParamKind<z.ZodString> {
  return new ParamKind(
    {
      kind: 'incidentId',
      placeholder: 'INC-nnnn',
      maxWords: 2,
      fromCommand: (words) =>
        wholeIncidentId.test(words.join(' ')) ? findIncidentId(words.join(' ')) : undefined,
      anywhere: (text) => findIncidentId(text),
      find: (message) => findIncidentId(message.text),
      resolve: (answer) => findIncidentId(answer),
      ask: () => ({ question: 'Which incident? Give its id, like INC-0042.', choices: [] }),
    },
    z.string().regex(/^INC-\d{4,}$/, 'expected an incident id like INC-0042'),
  );
}

/**
 * Which part of a message free text is: all of it (a question), the description of what is wrong
 * without the request around it (a summary), or what follows a colon, "because" or a comma (a
 * reason or a resolution).
 */
export type TextReading = 'message' | 'summary' | 'detail' | 'remark';

/** Free text in the user's words. */
export function text(options: { reads: TextReading; min?: number; prompt?: string }): ParamKind<z.ZodString> {
  const read: Record<TextReading, (t: string) => string | undefined> = {
    message: (t) => t,
    summary: (t) => incidentSummary(t),
    detail: (t) => trailingDetail(t),
    remark: (t) => remarkText(t),
  };
  return new ParamKind(
    {
      kind: 'text',
      maxWords: Number.POSITIVE_INFINITY,
      fromCommand: (words, ctx) => {
        const said = words.join(' ');
        if (options.reads === 'summary') return incidentSummary([...ctx.lead, said].join(' '));
        if (options.reads === 'detail') return withoutIncidentId(said).replace(/^[\s,:;-]+/, '') || undefined;
        return said;
      },
      find: (message) => read[options.reads](message.text),
      resolve: (answer) => (answer.length >= 3 ? answer : undefined),
      ask: (name): ParamQuestion => ({ question: options.prompt ?? `Please give the ${name}.`, choices: [] }),
    },
    z.string().min(options.min ?? 1),
  );
}

/**
 * The instance count a message sets, or undefined when it gives none, only a relative one ("two
 * more", "by 2", "double") or a signed or fractional one, so that the clarify dialog asks.
 */
function absoluteCount(a: MessageReading, max: number): number | undefined {
  const tokens = [...a.tokens];
  const taken = (i: number) => a.mentions.some((m) => i >= m.start && i < m.end);
  const numbers = findNumbers(tokens).filter(
    (n) => !taken(n.start) && !/^(inc)$/.test(tokens[n.start - 1] ?? ''),
  );
  // A signed or fractional number ("to -5", "3.5 instances") is not a count to guess from.
  if (numbers.length === 0 || /(?:^|[^\w.])[-+\u2212]\s*\d|\d[.,]\d/.test(a.lower)) return undefined;
  const within = (n: { value: number } | undefined) => (n && n.value <= max ? n.value : undefined);
  // "to 8, I mean 4": the correction counts.
  const corrected = /\b(?:i mean|sorry|make (?:that|it)|correction|actually|no wait)\W+(\d{1,3})\b/.exec(
    a.lower,
  );
  if (corrected) return within({ value: Number(corrected[1]) });
  // "to ten" names the target even when the sentence also says "more capacity".
  const toBefore = [...numbers].reverse().find((n) => /^(to|at)$/.test(tokens[n.start - 1] ?? ''));
  if (toBefore) return within(toBefore);
  if (
    /\b(more|extra|additional|another|fewer|less|double|triple|halve|twice|by (\d+|[a-z]+))\b|\+\d/.test(
      a.lower,
    )
  )
    return undefined;
  const unitAfter = numbers.find((n) =>
    /^(instances?|replicas?|nodes?|vms?|copies|pods?)$/.test(tokens[n.end] ?? ''),
  );
  const onBefore = [...numbers].reverse().find((n) => tokens[n.start - 1] === 'on');
  return within(onBefore ?? unitAfter ?? (numbers.length === 1 ? numbers[0] : undefined));
}
