import type { LandingZoneConfig } from '../../../../core/config/landing-zone.schema';
import { describeWindow, nextAllowedWindow, windowOccurrences } from '../../../../core/policy/change-window';
import { loadShippedConfig } from '../../../helpers/landing-zone-config';

const config = loadShippedConfig();
const t = (iso: string) => new Date(iso);

function withPolicy(change: Partial<LandingZoneConfig['changePolicy']>): LandingZoneConfig {
  return { ...config, changePolicy: { ...config.changePolicy, ...change } };
}

function withWindow(
  change: Partial<LandingZoneConfig['changePolicy']['productionWindow']>,
): LandingZoneConfig {
  return withPolicy({ productionWindow: { ...config.changePolicy.productionWindow, ...change } });
}

describe('nextAllowedWindow (Saturday 02:00–06:00 America/New_York)', () => {
  it('inside the window (Saturday 03:00 EST) answers now, until 06:00 EST', () => {
    expect(nextAllowedWindow(t('2026-12-05T08:00:00Z'), config)).toEqual({
      start: t('2026-12-05T08:00:00Z'),
      end: t('2026-12-05T11:00:00Z'),
    });
  });

  it('just before 02:00 answers 02:00 the same day; at 02:00 the window is open', () => {
    expect(nextAllowedWindow(t('2026-12-05T06:59:59.999Z'), config)).toEqual({
      start: t('2026-12-05T07:00:00Z'),
      end: t('2026-12-05T11:00:00Z'),
    });
    expect(nextAllowedWindow(t('2026-12-05T07:00:00Z'), config).start).toEqual(t('2026-12-05T07:00:00Z'));
  });

  it('at 06:00 the window has closed (end exclusive): next Saturday', () => {
    expect(nextAllowedWindow(t('2026-12-05T11:00:00Z'), config)).toEqual({
      start: t('2026-12-12T07:00:00Z'),
      end: t('2026-12-12T11:00:00Z'),
    });
    expect(nextAllowedWindow(t('2026-12-05T10:59:59.999Z'), config).start).toEqual(
      t('2026-12-05T10:59:59.999Z'),
    );
  });

  it('on a weekday points at the coming Saturday', () => {
    // Wednesday 9 December 2026, 14:00 EST.
    expect(nextAllowedWindow(t('2026-12-09T19:00:00Z'), config)).toEqual({
      start: t('2026-12-12T07:00:00Z'),
      end: t('2026-12-12T11:00:00Z'),
    });
  });

  it('skips a Saturday in the month-end blackout (31 January 2026)', () => {
    expect(nextAllowedWindow(t('2026-01-31T08:00:00Z'), config)).toEqual({
      start: t('2026-02-07T07:00:00Z'),
      end: t('2026-02-07T11:00:00Z'),
    });
    expect(nextAllowedWindow(t('2026-01-29T15:00:00Z'), config).start).toEqual(t('2026-02-07T07:00:00Z'));
  });

  it('skips a Saturday in the quarter-end blackout (30 September 2028, EDT)', () => {
    expect(nextAllowedWindow(t('2028-09-30T07:00:00Z'), config)).toEqual({
      start: t('2028-10-07T06:00:00Z'),
      end: t('2028-10-07T10:00:00Z'),
    });
    const quarterOnly = withPolicy({ blackouts: ['quarter-end'] });
    expect(nextAllowedWindow(t('2028-09-30T07:00:00Z'), quarterOnly).start).toEqual(
      t('2028-10-07T06:00:00Z'),
    );
    // 31 October 2026 ends a month but no quarter.
    expect(nextAllowedWindow(t('2026-10-31T07:00:00Z'), quarterOnly)).toEqual({
      start: t('2026-10-31T07:00:00Z'),
      end: t('2026-10-31T10:00:00Z'),
    });
  });

  it('skips a Saturday in the year-end blackout (30 December 2028) into the new year', () => {
    expect(nextAllowedWindow(t('2028-12-30T08:00:00Z'), config)).toEqual({
      start: t('2029-01-06T07:00:00Z'),
      end: t('2029-01-06T11:00:00Z'),
    });
    const yearOnly = withPolicy({ blackouts: ['year-end'] });
    expect(nextAllowedWindow(t('2028-12-30T08:00:00Z'), yearOnly).start).toEqual(t('2029-01-06T07:00:00Z'));
    expect(nextAllowedWindow(t('2028-09-30T07:00:00Z'), yearOnly).start).toEqual(t('2028-09-30T07:00:00Z'));
  });

  it('follows the March DST change: 07:00Z before it, 06:00Z after it', () => {
    // DST starts Sunday 8 March 2026. Friday 6 March, noon EST:
    expect(nextAllowedWindow(t('2026-03-06T17:00:00Z'), config)).toEqual({
      start: t('2026-03-07T07:00:00Z'),
      end: t('2026-03-07T11:00:00Z'),
    });
    expect(nextAllowedWindow(t('2026-03-07T11:00:00Z'), config)).toEqual({
      start: t('2026-03-14T06:00:00Z'),
      end: t('2026-03-14T10:00:00Z'),
    });
    // 06:30Z on 14 March is 02:30 EDT: inside (it would be 01:30 if EST were still used).
    expect(nextAllowedWindow(t('2026-03-14T06:30:00Z'), config).start).toEqual(t('2026-03-14T06:30:00Z'));
  });

  it('follows the November DST change: 06:00Z before it, 07:00Z after it', () => {
    // DST ends Sunday 7 November 2027. Saturday 6 November 05:30 EDT is inside, 06:00 EDT is not.
    expect(nextAllowedWindow(t('2027-11-06T09:30:00Z'), config)).toEqual({
      start: t('2027-11-06T09:30:00Z'),
      end: t('2027-11-06T10:00:00Z'),
    });
    expect(nextAllowedWindow(t('2027-11-06T10:00:00Z'), config)).toEqual({
      start: t('2027-11-13T07:00:00Z'),
      end: t('2027-11-13T11:00:00Z'),
    });
    // 06:30Z on 13 November is 01:30 EST: still before the window.
    expect(nextAllowedWindow(t('2027-11-13T06:30:00Z'), config).start).toEqual(t('2027-11-13T07:00:00Z'));
  });

  it('in the week of the 2026 November change skips the month-end Saturday 31 October (EDT) to 7 November (EST)', () => {
    expect(nextAllowedWindow(t('2026-10-30T16:00:00Z'), config)).toEqual({
      start: t('2026-11-07T07:00:00Z'),
      end: t('2026-11-07T11:00:00Z'),
    });
    expect(nextAllowedWindow(t('2026-10-30T16:00:00Z'), withPolicy({ blackouts: [] }))).toEqual({
      start: t('2026-10-31T06:00:00Z'),
      end: t('2026-10-31T10:00:00Z'),
    });
  });

  it('reads the window from the config: other days, times and time zones', () => {
    const berlin = withWindow({ days: ['Sunday'], start: '01:00', end: '04:00', timeZone: 'Europe/Berlin' });
    const berlinSunday = { ...berlin, changePolicy: { ...berlin.changePolicy, blackouts: [] } };
    // Sunday 29 March 2026 (a quarter-end day; blackouts off here) in Berlin: 01:00 CET = 00:00Z, 04:00 CEST = 02:00Z (the hour 02:00–03:00 is skipped).
    expect(nextAllowedWindow(t('2026-03-28T12:00:00Z'), berlinSunday)).toEqual({
      start: t('2026-03-29T00:00:00Z'),
      end: t('2026-03-29T02:00:00Z'),
    });
    const twoDays = withWindow({ days: ['Tuesday', 'Saturday'] });
    // Monday 7 December 2026 → Tuesday 8 December 02:00 EST.
    expect(nextAllowedWindow(t('2026-12-07T12:00:00Z'), twoDays).start).toEqual(t('2026-12-08T07:00:00Z'));
  });

  it('runs a window past midnight and skips it when its second day is in a blackout', () => {
    const overnight = withWindow({ days: ['Friday'], start: '22:00', end: '03:00' });
    // Friday 4 December 2026 22:00 EST → Saturday 5 December 03:00 EST; at Saturday 01:00 EST it is open.
    expect(nextAllowedWindow(t('2026-12-05T06:00:00Z'), overnight)).toEqual({
      start: t('2026-12-05T06:00:00Z'),
      end: t('2026-12-05T08:00:00Z'),
    });
    // Friday 27 November 2026 is free, but Saturday 28 is month-end: skipped to Friday 4 December 22:00 EST.
    expect(nextAllowedWindow(t('2026-11-26T12:00:00Z'), overnight).start).toEqual(t('2026-12-05T03:00:00Z'));
  });
});

describe('windowOccurrences', () => {
  it('lists the blackout openings too, marked with their kind', () => {
    const openings = windowOccurrences(t('2028-12-20T12:00:00Z'), config.changePolicy);
    const firstThree = [openings.next().value, openings.next().value, openings.next().value];
    expect(firstThree.map((o) => [o?.start.toISOString(), o?.blackout])).toEqual([
      ['2028-12-23T07:00:00.000Z', undefined],
      ['2028-12-30T07:00:00.000Z', 'year-end'],
      ['2029-01-06T07:00:00.000Z', undefined],
    ]);
  });
});

describe('describeWindow', () => {
  it('names the days, the hours and the time zone', () => {
    expect(describeWindow(config.changePolicy)).toBe('Saturday 02:00–06:00 America/New_York');
  });
});
