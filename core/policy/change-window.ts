import type { LandingZoneConfig } from '../config/landing-zone.schema';
import { blackoutOn, type BlackoutKind } from './blackout-calendar';
import { civilDateOf, dayNumber, weekdayOf, ZonedTime, type CivilDate } from './zoned-time';

type ChangePolicy = LandingZoneConfig['changePolicy'];

/** One opening of the production change window. */
export interface WindowOccurrence {
  start: Date;
  /** Exclusive: at `end` the window is closed. */
  end: Date;
  /** The local day the window opens on. */
  date: CivilDate;
  /** Set when a day the window touches is in a blackout; such an opening is skipped entirely. */
  blackout?: BlackoutKind;
}

const weekdayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** Far enough that any valid policy has an allowed opening inside it (blackouts last at most a week). */
const searchDays = 800;
const zones = new Map<string, ZonedTime>();

/** The wall clock of the change window's time zone. */
export function windowClock(policy: ChangePolicy): ZonedTime {
  const zone = policy.productionWindow.timeZone;
  let clock = zones.get(zone);
  if (!clock) {
    clock = new ZonedTime(zone);
    zones.set(zone, clock);
  }
  return clock;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The openings of the production window that have not ended at `from`, in order, blackout ones
 * included and marked. A window whose end is not after its start runs past midnight.
 */
export function* windowOccurrences(from: Date, policy: ChangePolicy): Generator<WindowOccurrence> {
  const window = policy.productionWindow;
  const clock = windowClock(policy);
  const days = new Set(window.days.map((d) => weekdayNames.indexOf(d)));
  const startMinutes = minutesOf(window.start);
  const endMinutes = minutesOf(window.end);
  const overnight = endMinutes <= startMinutes;
  const firstDay = dayNumber(clock.wallTime(from)) - 1;
  for (let n = firstDay; n < firstDay + searchDays; n++) {
    const date = civilDateOf(n);
    if (!days.has(weekdayOf(date))) continue;
    const endDate = overnight ? civilDateOf(n + 1) : date;
    const end = clock.instant(endDate, endMinutes);
    if (end.getTime() <= from.getTime()) continue;
    const touched = overnight && endMinutes > 0 ? [date, endDate] : [date];
    const blackout = touched.map((d) => blackoutOn(d, policy)).find((b) => b !== undefined);
    yield { start: clock.instant(date, startMinutes), end, date, ...(blackout ? { blackout } : {}) };
  }
}

/**
 * The next instant ≥ `at` at which a Normal production change may run — the window is open and its
 * day is in no blackout — with the end of that opening. Inside an allowed opening, `start` is `at`.
 */
export function nextAllowedWindow(at: Date, config: LandingZoneConfig): { start: Date; end: Date } {
  for (const opening of windowOccurrences(at, config.changePolicy)) {
    if (opening.blackout) continue;
    const start = opening.start.getTime() > at.getTime() ? opening.start : new Date(at);
    return { start, end: opening.end };
  }
  throw new Error(
    `no production window outside the blackouts within ${searchDays} days of ${at.toISOString()}`,
  );
}

/** The blackout openings that come before the next allowed one, in order (none when `at` is in an allowed one). */
export function skippedOpenings(at: Date, policy: ChangePolicy): WindowOccurrence[] {
  const skipped: WindowOccurrence[] = [];
  for (const opening of windowOccurrences(at, policy)) {
    if (!opening.blackout) break;
    skipped.push(opening);
  }
  return skipped;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function day(at: Date, zone: string): string {
  let format = dayFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, dateStyle: 'full' });
    dayFormats.set(zone, format);
  }
  return format.format(at);
}

/** "Thursday, December 10, 2026, 14:00 America/New_York": an instant on the window's clock. */
export function describeInstant(at: Date, policy: ChangePolicy): string {
  const zone = policy.productionWindow.timeZone;
  return `${day(at, zone)}, ${hhmm(windowClock(policy).wallTime(at).minutes)} ${zone}`;
}

/** "Saturday, December 12, 2026, 02:00–06:00 America/New_York": one opening, on the window's clock. */
export function describeOpening(opening: { start: Date; end: Date }, policy: ChangePolicy): string {
  const zone = policy.productionWindow.timeZone;
  const clock = windowClock(policy);
  const from = hhmm(clock.wallTime(opening.start).minutes);
  const to = hhmm(clock.wallTime(opening.end).minutes);
  return `${day(opening.start, zone)}, ${from}–${to} ${zone}`;
}

/** "Saturday 02:00–06:00 America/New_York". */
export function describeWindow(policy: ChangePolicy): string {
  const w = policy.productionWindow;
  return `${w.days.join(' or ')} ${w.start}–${w.end} ${w.timeZone}`;
}
