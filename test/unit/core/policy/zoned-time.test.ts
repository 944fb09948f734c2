import { ZonedTime, daysInMonth, weekdayOf } from '../../../../core/policy/zoned-time';

describe('ZonedTime', () => {
  const newYork = new ZonedTime('America/New_York');
  const berlin = new ZonedTime('Europe/Berlin');

  it('reads the New York wall clock in winter (UTC−5) and in summer (UTC−4)', () => {
    expect(newYork.wallTime(new Date('2026-12-05T08:00:00Z'))).toEqual({
      year: 2026,
      month: 12,
      day: 5,
      hour: 3,
      minute: 0,
      weekday: 6,
      minutes: 180,
    });
    expect(newYork.wallTime(new Date('2026-07-04T03:59:00Z'))).toMatchObject({
      year: 2026,
      month: 7,
      day: 3,
      hour: 23,
      minute: 59,
      weekday: 5,
    });
  });

  it('turns a New York wall time into the instant on both sides of a DST change', () => {
    expect(newYork.instant({ year: 2026, month: 3, day: 7 }, 120)).toEqual(new Date('2026-03-07T07:00:00Z'));
    expect(newYork.instant({ year: 2026, month: 3, day: 14 }, 120)).toEqual(new Date('2026-03-14T06:00:00Z'));
    expect(newYork.instant({ year: 2026, month: 10, day: 31 }, 360)).toEqual(
      new Date('2026-10-31T10:00:00Z'),
    );
    expect(newYork.instant({ year: 2026, month: 11, day: 7 }, 360)).toEqual(new Date('2026-11-07T11:00:00Z'));
  });

  it('moves a wall time that never happens (clocks forward) past the jump', () => {
    // Berlin, 29 March 2026: 02:00 CET becomes 03:00 CEST.
    expect(berlin.instant({ year: 2026, month: 3, day: 29 }, 150)).toEqual(new Date('2026-03-29T01:30:00Z'));
    expect(newYork.instant({ year: 2026, month: 3, day: 8 }, 120)).toEqual(new Date('2026-03-08T07:00:00Z'));
  });

  it('takes the earlier of a wall time that happens twice (clocks back)', () => {
    // Berlin, 25 October 2026: 03:00 CEST becomes 02:00 CET; 02:30 happens at 00:30Z and at 01:30Z.
    expect(berlin.instant({ year: 2026, month: 10, day: 25 }, 150)).toEqual(new Date('2026-10-25T00:30:00Z'));
    expect(berlin.wallTime(new Date('2026-10-25T01:30:00Z'))).toMatchObject({ hour: 2, minute: 30 });
  });

  it('refuses a time zone the platform does not know', () => {
    expect(() => new ZonedTime('Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('calendar helpers', () => {
  it('knows the weekday and the length of a month, leap years included', () => {
    expect(weekdayOf({ year: 2026, month: 1, day: 31 })).toBe(6);
    expect(weekdayOf({ year: 1970, month: 1, day: 1 })).toBe(4);
    expect(daysInMonth({ year: 2028, month: 2 })).toBe(29);
    expect(daysInMonth({ year: 2026, month: 2 })).toBe(28);
    expect(daysInMonth({ year: 2026, month: 12 })).toBe(31);
  });
});
