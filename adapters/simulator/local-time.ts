import { wallClockFormat } from '../../core/policy/zoned-time';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/**
 * The wall clock of the landing zone's people (the change window's time zone), for the simulator's
 * daily cycle: business hours are busy, nights and weekends are quiet.
 */
export class LocalTime {
  private readonly format: Intl.DateTimeFormat;
  private readonly offsets = new Map<number, number>();

  constructor(readonly timeZone: string) {
    this.format = wallClockFormat(timeZone);
  }

  /** Local wall-clock time minus UTC at the instant, in ms (−5 h for New York in winter). */
  offsetMs(t: number): number {
    const hour = Math.floor(t / HOUR_MS);
    const cached = this.offsets.get(hour);
    if (cached !== undefined) return cached;
    const instant = hour * HOUR_MS;
    const parts: Record<string, number> = {};
    for (const part of this.format.formatToParts(new Date(instant))) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute);
    const offset = wall - instant;
    if (this.offsets.size > 20_000) this.offsets.clear();
    this.offsets.set(hour, offset);
    return offset;
  }

  /** Local days since 1970-01-01. */
  dayIndex(t: number): number {
    return Math.floor((t + this.offsetMs(t)) / DAY_MS);
  }

  /** Minutes since local midnight, with fractions. */
  minutesOfDay(t: number): number {
    const local = t + this.offsetMs(t);
    return (local - Math.floor(local / DAY_MS) * DAY_MS) / MINUTE_MS;
  }

  /** 0 = Sunday … 6 = Saturday. */
  weekday(t: number): number {
    return (((this.dayIndex(t) + 4) % 7) + 7) % 7;
  }

  isWeekend(t: number): boolean {
    const day = this.weekday(t);
    return day === 0 || day === 6;
  }

  /** The UTC instant of a local wall-clock time on a local day. */
  at(dayIndex: number, minutes: number): number {
    const guess = dayIndex * DAY_MS + minutes * MINUTE_MS;
    return guess - this.offsetMs(guess - this.offsetMs(guess));
  }

  /**
   * How busy people are, 0–1: a bump over business hours peaking early afternoon, zero between
   * 19:30 and 07:30, damped at weekends.
   */
  workActivity(t: number): number {
    const hours = this.minutesOfDay(t) / 60;
    const bump = Math.max(0, Math.cos((Math.PI * (hours - 13.5)) / 12));
    return bump ** 1.5 * (this.isWeekend(t) ? 0.3 : 1);
  }
}
