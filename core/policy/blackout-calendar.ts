import type { LandingZoneConfig } from '../config/landing-zone.schema';
import { daysInMonth, type CivilDate } from './zoned-time';

/** A kind of blackout the change policy can name. */
export type BlackoutKind = LandingZoneConfig['changePolicy']['blackouts'][number];

/** Months that end a quarter. */
const quarterEndMonths = new Set([3, 6, 9, 12]);

/** Most specific first: a day at the end of December is reported as year-end. */
const kinds: { kind: BlackoutKind; months: (month: number) => boolean }[] = [
  { kind: 'year-end', months: (month) => month === 12 },
  { kind: 'quarter-end', months: (month) => quarterEndMonths.has(month) },
  { kind: 'month-end', months: () => true },
];

/**
 * The blackout a calendar day (in the change window's time zone) falls in, or undefined. Each kind
 * is the last `monthEndDays` days of its months: every month, the quarter's last month, December.
 * Only the kinds the policy lists count; the most specific of them is named.
 */
export function blackoutOn(
  date: CivilDate,
  policy: LandingZoneConfig['changePolicy'],
): BlackoutKind | undefined {
  if (date.day <= daysInMonth(date) - policy.monthEndDays) return undefined;
  return kinds.find((k) => policy.blackouts.includes(k.kind) && k.months(date.month))?.kind;
}
