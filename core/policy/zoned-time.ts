/** A calendar day, as people in one time zone name it. */
export interface CivilDate {
  year: number;
  /** 1 = January … 12 = December. */
  month: number;
  day: number;
}

/** The wall clock at one instant in one time zone. */
export interface WallTime extends CivilDate {
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** Minutes since local midnight. */
  minutes: number;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * Converts between instants and one time zone's wall clock with `Intl.DateTimeFormat`, so that
 * daylight-saving changes come from the platform's time-zone data. A wall time that happens twice
 * (clocks going back) means the earlier instant; one that never happens (clocks going forward) means
 * the instant the same distance after the jump, as a wall clock that skipped ahead would show.
 */
export class ZonedTime {
  private readonly format: Intl.DateTimeFormat;

  /** Throws a RangeError when the time zone is not one the platform knows. */
  constructor(readonly timeZone: string) {
    this.format = wallClockFormat(timeZone);
  }

  /** The wall clock at an instant. */
  wallTime(at: Date): WallTime {
    const wall = this.wallMs(at.getTime());
    const date = civilDateOf(Math.floor(wall / DAY_MS));
    const minutes = Math.floor((wall - Math.floor(wall / DAY_MS) * DAY_MS) / MINUTE_MS);
    return {
      ...date,
      hour: Math.floor(minutes / 60),
      minute: minutes % 60,
      weekday: weekdayOf(date),
      minutes,
    };
  }

  /** The instant at which the wall clock shows `minutes` after midnight of `date`. */
  instant(date: CivilDate, minutes: number): Date {
    const wall = dayNumber(date) * DAY_MS + minutes * MINUTE_MS;
    const before = wall - this.offsetMs(wall - DAY_MS);
    const after = wall - this.offsetMs(wall + DAY_MS);
    const matches = [before, after].filter((t) => this.wallMs(t) === wall);
    return new Date(matches.length ? Math.min(...matches) : before);
  }

  /** Local wall time minus UTC at an instant, in ms. */
  private offsetMs(t: number): number {
    return this.wallMs(t) - t;
  }

  /** The wall clock at an instant, written as if it were UTC ms (whole seconds). */
  private wallMs(t: number): number {
    const parts: Record<string, number> = {};
    for (const part of this.format.formatToParts(new Date(t))) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const seconds = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
    return seconds + (((t % 1000) + 1000) % 1000);
  }
}

/** A 24-hour numeric formatter of a time zone's wall clock, down to the second, for `formatToParts`. */
export function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
}

/** Days since 1970-01-01 of a calendar day. */
export function dayNumber(date: CivilDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) / DAY_MS;
}

/** The calendar day `days` after 1970-01-01. */
export function civilDateOf(days: number): CivilDate {
  const d = new Date(days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: CivilDate): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

/** How many days the month of `date` has. */
export function daysInMonth(date: Pick<CivilDate, 'year' | 'month'>): number {
  return new Date(Date.UTC(date.year, date.month, 0)).getUTCDate();
}
