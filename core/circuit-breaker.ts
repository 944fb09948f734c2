import type { Clock } from './ports';

/** Options of a `CircuitBreaker`. */
export interface CircuitBreakerOptions {
  clock: Clock;
  /** Consecutive failures that open the breaker. Default 3. */
  failureThreshold?: number;
  /** How long an open breaker refuses calls before it lets one trial call through, ms. Default 30 s. */
  coolDownInMs?: number;
  /** The longest a service's own "retry after" may hold the breaker open, ms. Default 5 min. */
  maxHoldInMs?: number;
}

/** Where a breaker stands: calling, refusing until `openUntil`, or waiting for its one trial call. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * A circuit breaker stops calling a failing service for a while: after N consecutive failures it
 * refuses every call for a cool-down, then lets exactly one trial call through; the trial's success
 * closes it, its failure opens it for another cool-down. Pure: time comes from the injected clock.
 */
export class CircuitBreaker {
  private readonly clock: Clock;
  private readonly failureThreshold: number;
  private readonly coolDownInMs: number;
  private readonly maxHoldInMs: number;
  private failures = 0;
  private openUntil = 0;
  private trialInFlight = false;

  constructor(options: CircuitBreakerOptions) {
    this.clock = options.clock;
    this.failureThreshold = options.failureThreshold ?? 3;
    this.coolDownInMs = options.coolDownInMs ?? 30_000;
    this.maxHoldInMs = options.maxHoldInMs ?? 300_000;
    if (!Number.isInteger(this.failureThreshold) || this.failureThreshold < 1)
      throw new RangeError(
        `failureThreshold must be a whole number of at least 1 (got ${this.failureThreshold})`,
      );
  }

  /** The state now, by the clock. */
  state(): CircuitState {
    if (this.openUntil === 0) return 'closed';
    return this.clock.now().getTime() < this.openUntil ? 'open' : 'half-open';
  }

  /**
   * Whether a call may go out now. In the half-open state the first caller gets the trial and every
   * other caller is refused until that trial is recorded.
   */
  tryAcquire(): boolean {
    const state = this.state();
    if (state === 'closed') return true;
    if (state === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  /** A call went through: the breaker closes and the failure count starts again. */
  recordSuccess(): void {
    this.failures = 0;
    this.openUntil = 0;
    this.trialInFlight = false;
  }

  /**
   * A call failed. The breaker opens at the threshold, or at once after a failed trial; a service's
   * `retryAfterInMs` (a 429's header) opens it at once for that long, within `maxHoldInMs`.
   */
  recordFailure(retryAfterInMs?: number): void {
    const now = this.clock.now().getTime();
    const wasTrial = this.trialInFlight;
    this.trialInFlight = false;
    this.failures += 1;
    const hold =
      retryAfterInMs !== undefined && retryAfterInMs > 0 ? Math.min(retryAfterInMs, this.maxHoldInMs) : 0;
    if (wasTrial || this.failures >= this.failureThreshold) {
      this.openUntil = now + Math.max(this.coolDownInMs, hold);
    } else if (hold > 0) {
      this.openUntil = now + hold;
    }
  }
}
