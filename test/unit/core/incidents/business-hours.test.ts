import { addBusinessMinutes, isBusinessTime } from '../../../../core/incidents/business-hours';

const nineToFive = {
  days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'] as (
    | 'Monday'
    | 'Tuesday'
    | 'Wednesday'
    | 'Thursday'
    | 'Friday'
  )[],
  start: '09:00',
  end: '17:00',
  timeZone: 'America/New_York',
};

describe('business hours (09:00–17:00 Monday to Friday, New York)', () => {
  it.each([
    ['2026-01-12T14:00:00Z', true], // Monday 09:00 EST, the opening minute
    ['2026-01-12T13:59:59Z', false], // Monday 08:59:59 EST
    ['2026-01-12T21:59:00Z', true], // Monday 16:59 EST
    ['2026-01-12T22:00:00Z', false], // Monday 17:00 EST, closed
    ['2026-01-17T15:00:00Z', false], // Saturday 10:00 EST
    ['2026-07-13T13:00:00Z', true], // Monday 09:00 EDT (summer time, UTC-4)
    ['2026-07-13T12:30:00Z', false], // Monday 08:30 EDT
  ])('%s is inside business hours: %s', (at, expected) => {
    expect(isBusinessTime(new Date(at), nineToFive)).toBe(expected);
  });

  it('adds minutes inside one day', () => {
    // Tuesday 10:00 EST + 60 min
    expect(addBusinessMinutes(new Date('2026-01-13T15:00:00Z'), 60, nineToFive)).toEqual(
      new Date('2026-01-13T16:00:00Z'),
    );
  });

  it('carries one business day from Friday afternoon over the weekend to Monday afternoon', () => {
    // Friday 16:00 EST: one hour left on Friday, seven more from Monday 09:00 → Monday 16:00 EST.
    expect(addBusinessMinutes(new Date('2026-01-16T21:00:00Z'), 480, nineToFive)).toEqual(
      new Date('2026-01-19T21:00:00Z'),
    );
  });

  it('starts counting at the next opening when asked on a Saturday', () => {
    // Saturday 11:00 EST → Monday 09:00 + 8 h = Monday 17:00 EST.
    expect(addBusinessMinutes(new Date('2026-01-17T16:00:00Z'), 480, nineToFive)).toEqual(
      new Date('2026-01-19T22:00:00Z'),
    );
    expect(addBusinessMinutes(new Date('2026-01-17T16:00:00Z'), 0, nineToFive)).toEqual(
      new Date('2026-01-19T14:00:00Z'),
    );
  });

  it('follows the clock change: Friday 16:00 EST before the March switch ends Monday 16:00 EDT', () => {
    // Summer time starts Sunday 8 March 2026; Monday 16:00 EDT is 20:00 UTC.
    expect(addBusinessMinutes(new Date('2026-03-06T21:00:00Z'), 480, nineToFive)).toEqual(
      new Date('2026-03-09T20:00:00Z'),
    );
  });

  it('refuses hours that never open', () => {
    expect(() =>
      addBusinessMinutes(new Date('2026-01-12T14:00:00Z'), 60, { ...nineToFive, days: [] }),
    ).toThrow(RangeError);
  });
});
