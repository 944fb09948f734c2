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

/**
 * A clock that starts at `start` and then runs at real speed: the simulator's "what happens on
 * Saturday at 02:00" mode for demos, training and multi-process tests.
 */
export function clockStartingAt(start: Date, base: Clock = systemClock): Clock {
  const offset = start.getTime() - base.now().getTime();
  return { now: () => new Date(base.now().getTime() + offset) };
}
