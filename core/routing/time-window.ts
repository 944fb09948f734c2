import { parseNumberToken } from './number-words';

const unitHours: Record<string, number> = {
  m: 1 / 60,
  min: 1 / 60,
  mins: 1 / 60,
  minute: 1 / 60,
  minutes: 1 / 60,
  h: 1,
  hr: 1,
  hrs: 1,
  hour: 1,
  hours: 1,
  d: 24,
  day: 24,
  days: 24,
  w: 168,
  wk: 168,
  wks: 168,
  week: 168,
  weeks: 168,
};

/**
 * Named windows, in hours. "overnight"/"last night" is the 12 hours before the morning checks;
 * "today" and "the last day" are 24; "yesterday" reaches back to its start (48); "this week" is 7 days.
 */
const namedWindows: [RegExp, number][] = [
  [/\b(over ?night|last night|during the night)\b/, 12],
  [/\bthis morning\b/, 12],
  [/\b(since|from|of)? ?yesterday\b/, 48],
  [/\b(today|so far today|this day)\b/, 24],
  [/\b(this|past|last|previous) (week|7 days)\b/, 168],
  [/\b(this|past|last) (month|30 days)\b/, 720],
  [/\b(last|past|previous) (day|24 ?h(ours?)?)\b/, 24],
  [/\b(last|past|previous) hour\b/, 1],
  [/\b(the )?weekend\b/, 72],
];

/**
 * Reads a time window from a lower-case message and returns it in whole hours (1–720), e.g.
 * "last 6 hours" → 6, "past 48h" → 48, "two days" → 48, "overnight" → 12. Undefined when the message
 * names no window.
 */
export function parseTimeWindowHours(text: string): number | undefined {
  const t = text.toLowerCase();
  // Digits may touch their unit ("48h"); a number word needs a space or hyphen, so that "and" is
  // not read as "an d" (one day) nor "am" as "a m".
  const counted =
    /\b(?:(\d+)(?: |-)?|([a-z]+(?:-[a-z]+)?)(?: |-))(m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)\b/g;
  for (const match of t.matchAll(counted)) {
    const word = match[2];
    const count = match[1] ? Number(match[1]) : word === 'a' || word === 'an' ? 1 : parseNumberToken(word);
    if (count === undefined || count <= 0) continue;
    const hours = count * unitHours[match[3]];
    return clampHours(hours);
  }
  for (const [pattern, hours] of namedWindows) {
    if (pattern.test(t)) return hours;
  }
  return undefined;
}

function clampHours(hours: number): number {
  return Math.min(720, Math.max(1, Math.ceil(hours)));
}
