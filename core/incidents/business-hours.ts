import type { WindowConfig } from '../config/landing-zone.schema';

const minuteMs = 60_000;
const weekdayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A calendar day in the business-hours time zone. */
interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    const fields = ['year', 'month', 'day', 'hour', 'minute', 'second'].map((f) => [f, 'numeric']);
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', ...Object.fromEntries(fields) });
    formats.set(timeZone, format);
  }
  return format;
}

/** How far the zone's wall clock is ahead of UTC at `instantMs`. */
function zoneOffsetMs(instantMs: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatFor(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

function localDateOf(instantMs: number, timeZone: string): LocalDate {
  const shifted = new Date(instantMs + zoneOffsetMs(instantMs, timeZone));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** The instant the zone's clock shows `minutes` past midnight on `date` (DST-aware). */
function instantAt(date: LocalDate, minutes: number, timeZone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minutes * minuteMs;
  const first = wall - zoneOffsetMs(wall, timeZone);
  return wall - zoneOffsetMs(first, timeZone);
}

function nextDate(date: LocalDate): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function weekdayOf(date: LocalDate): string {
  return weekdayNames[new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()];
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** The business-hours span of one local day, or undefined when it is not a working day. */
function spanOf(date: LocalDate, hours: WindowConfig): { open: number; close: number } | undefined {
  if (!(hours.days as string[]).includes(weekdayOf(date))) return undefined;
  return {
    open: instantAt(date, minutesOf(hours.start), hours.timeZone),
    close: instantAt(date, minutesOf(hours.end), hours.timeZone),
  };
}

/** True when `at` falls inside business hours (a working day, from `start` up to but not including `end`). */
export function isBusinessTime(at: Date, hours: WindowConfig): boolean {
  const t = at.getTime();
  const span = spanOf(localDateOf(t, hours.timeZone), hours);
  return span !== undefined && t >= span.open && t < span.close;
}

/**
 * The instant `minutes` of business time after `from`: time outside business hours does not count,
 * so 480 minutes from Friday 16:00 (9–17) is Monday 16:00. Zero minutes outside hours is the next opening.
 */
export function addBusinessMinutes(from: Date, minutes: number, hours: WindowConfig): Date {
  let remainingMs = minutes * minuteMs;
  let cursor = from.getTime();
  let date = localDateOf(cursor, hours.timeZone);
  // Two years of days is more than any target needs; a window with no working day ends the walk.
  for (let i = 0; i < 730; i++) {
    const span = spanOf(date, hours);
    if (span && cursor < span.close) {
      const begin = Math.max(cursor, span.open);
      if (begin + remainingMs <= span.close) return new Date(begin + remainingMs);
      remainingMs -= span.close - begin;
    }
    date = nextDate(date);
    cursor = instantAt(date, 0, hours.timeZone);
  }
  throw new RangeError(`Business hours on ${hours.days.join(', ')} never add up to ${minutes} minutes.`);
}
