import type { Clock } from './ports';

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that stays where it is put; for tests and simulations. */
export class ManualClock implements Clock {
  private current: Date;
  constructor(start: Date | string) {
    this.current = new Date(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
