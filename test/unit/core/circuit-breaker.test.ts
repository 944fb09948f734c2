import { CircuitBreaker } from '../../../core/circuit-breaker';
import { ManualClock } from '../../../core/clock';

describe('CircuitBreaker', () => {
  const start = '2026-12-04T10:00:00Z';
  const make = (clock: ManualClock) =>
    new CircuitBreaker({ clock, failureThreshold: 3, coolDownInMs: 30_000, maxHoldInMs: 120_000 });

  it('stays closed below the threshold and a success resets the count', () => {
    const clock = new ManualClock(start);
    const breaker = make(clock);
    breaker.recordFailure();
    breaker.recordFailure();
    breaker.recordSuccess();
    breaker.recordFailure();
    breaker.recordFailure();
    expect(breaker.state()).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('opens at the third consecutive failure and refuses every call for the cool-down', () => {
    const clock = new ManualClock(start);
    const breaker = make(clock);
    for (let i = 0; i < 3; i += 1) breaker.recordFailure();
    expect(breaker.state()).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
    clock.advance(29_999);
    expect(breaker.tryAcquire()).toBe(false);
  });

  it('after the cool-down lets exactly one trial through; its success closes the breaker', () => {
    const clock = new ManualClock(start);
    const breaker = make(clock);
    for (let i = 0; i < 3; i += 1) breaker.recordFailure();
    clock.advance(30_000);
    expect(breaker.state()).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.recordSuccess();
    expect(breaker.state()).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('a failed trial opens it again for a whole cool-down at once', () => {
    const clock = new ManualClock(start);
    const breaker = make(clock);
    for (let i = 0; i < 3; i += 1) breaker.recordFailure();
    clock.advance(30_000);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordFailure();
    expect(breaker.state()).toBe('open');
    clock.advance(29_999);
    expect(breaker.tryAcquire()).toBe(false);
    clock.advance(1);
    expect(breaker.tryAcquire()).toBe(true);
  });

  it("a service's retry-after opens it at once for that long, within the longest hold", () => {
    const clock = new ManualClock(start);
    const breaker = make(clock);
    breaker.recordFailure(10_000);
    expect(breaker.state()).toBe('open');
    clock.advance(10_000);
    expect(breaker.state()).toBe('half-open');

    const heldClock = new ManualClock(start);
    const held = make(heldClock);
    held.recordFailure(86_400_000);
    heldClock.advance(119_999);
    expect(held.state()).toBe('open');
    heldClock.advance(1);
    expect(held.state()).toBe('half-open');
  });

  it('refuses a threshold below 1', () => {
    expect(() => new CircuitBreaker({ clock: new ManualClock(start), failureThreshold: 0 })).toThrow(
      RangeError,
    );
  });
});
