import { blackoutOn } from '../../../../core/policy/blackout-calendar';
import { loadShippedConfig } from '../../../helpers/landing-zone-config';

const shipped = loadShippedConfig().changePolicy;
const only = (blackouts: typeof shipped.blackouts, monthEndDays = 3) => ({
  ...shipped,
  blackouts,
  monthEndDays,
});

describe('blackoutOn', () => {
  it('marks the last 3 days of a month as month-end, and the day before as free', () => {
    expect(blackoutOn({ year: 2026, month: 2, day: 25 }, shipped)).toBeUndefined();
    expect(blackoutOn({ year: 2026, month: 2, day: 26 }, shipped)).toBe('month-end');
    expect(blackoutOn({ year: 2026, month: 2, day: 28 }, shipped)).toBe('month-end');
    expect(blackoutOn({ year: 2028, month: 2, day: 26 }, shipped)).toBeUndefined();
    expect(blackoutOn({ year: 2028, month: 2, day: 27 }, shipped)).toBe('month-end');
    expect(blackoutOn({ year: 2026, month: 10, day: 28 }, shipped)).toBeUndefined();
    expect(blackoutOn({ year: 2026, month: 10, day: 29 }, shipped)).toBe('month-end');
  });

  it('names the most specific kind: quarter-end in March, June, September; year-end in December', () => {
    expect(blackoutOn({ year: 2028, month: 9, day: 30 }, shipped)).toBe('quarter-end');
    expect(blackoutOn({ year: 2029, month: 3, day: 31 }, shipped)).toBe('quarter-end');
    expect(blackoutOn({ year: 2028, month: 12, day: 29 }, shipped)).toBe('year-end');
    expect(blackoutOn({ year: 2028, month: 12, day: 28 }, shipped)).toBeUndefined();
  });

  it('counts only the kinds the policy lists', () => {
    expect(blackoutOn({ year: 2026, month: 10, day: 31 }, only(['quarter-end']))).toBeUndefined();
    expect(blackoutOn({ year: 2028, month: 9, day: 30 }, only(['quarter-end']))).toBe('quarter-end');
    expect(blackoutOn({ year: 2028, month: 9, day: 30 }, only(['year-end']))).toBeUndefined();
    expect(blackoutOn({ year: 2028, month: 12, day: 30 }, only(['year-end']))).toBe('year-end');
    expect(blackoutOn({ year: 2028, month: 12, day: 30 }, only(['month-end']))).toBe('month-end');
    expect(blackoutOn({ year: 2028, month: 12, day: 30 }, only([]))).toBeUndefined();
  });

  it('follows monthEndDays', () => {
    expect(blackoutOn({ year: 2026, month: 1, day: 25 }, only(['month-end'], 7))).toBe('month-end');
    expect(blackoutOn({ year: 2026, month: 1, day: 24 }, only(['month-end'], 7))).toBeUndefined();
    expect(blackoutOn({ year: 2026, month: 1, day: 30 }, only(['month-end'], 1))).toBeUndefined();
    expect(blackoutOn({ year: 2026, month: 1, day: 31 }, only(['month-end'], 1))).toBe('month-end');
  });
});
