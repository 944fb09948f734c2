import type { WindowConfig } from '../config/landing-zone.schema';
import { ZonedTime, civilDateOf, dayNumber, weekdayOf, type CivilDate } from '../policy/zoned-time';

const minuteMs = 60_000;
const weekdayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const zones = new Map<string, ZonedTime>();

function zoneOf(timeZone: string): ZonedTime {
  let zone = zones.get(timeZone);
  if (!zone) zones.set(timeZone, (zone = new ZonedTime(timeZone)));
  return zone;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

function isWorkingDay(weekday: number, hours: WindowConfig): boolean {
  return (hours.days as string[]).includes(weekdayNames[weekday]);
}

/** True when `at` falls inside business hours (a working day, from `start` up to but not including `end`). */
export function isBusinessTime(at: Date, hours: WindowConfig): boolean {
  const wall = zoneOf(hours.timeZone).wallTime(at);
  return (
    isWorkingDay(wall.weekday, hours) &&
    wall.minutes >= minutesOf(hours.start) &&
    wall.minutes < minutesOf(hours.end)
  );
}

/**
 * The instant `minutes` of business time after `from`: time outside business hours does not count,
 * so 480 minutes from Friday 16:00 (9–17) is Monday 16:00. Zero minutes outside hours is the next opening.
 */
export function addBusinessMinutes(from: Date, minutes: number, hours: WindowConfig): Date {
  const zone = zoneOf(hours.timeZone);
  let remainingMs = minutes * minuteMs;
  let cursor = from.getTime();
  let date: CivilDate = zone.wallTime(from);
  // Two years of days is more than any target needs; a window with no working day ends the walk.
  for (let i = 0; i < 730; i++) {
    const day = dayNumber(date);
    if (isWorkingDay(weekdayOf(date), hours)) {
      const open = zone.instant(date, minutesOf(hours.start)).getTime();
      const close = zone.instant(date, minutesOf(hours.end)).getTime();
      if (cursor < close) {
        const begin = Math.max(cursor, open);
        if (begin + remainingMs <= close) return new Date(begin + remainingMs);
        remainingMs -= close - begin;
      }
    }
    date = civilDateOf(day + 1);
    cursor = zone.instant(date, 0).getTime();
  }
  throw new RangeError(`Business hours on ${hours.days.join(', ')} never add up to ${minutes} minutes.`);
}
