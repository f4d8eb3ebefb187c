export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  failureThreshold: number;
  openMs: number;
  now?: () => number;
}

/**
 * Consecutive-failure circuit breaker. Closed: calls pass, failures count. After `failureThreshold` failures
 * in a row it opens: calls are refused at once for `openMs`. Then one trial call is let through (half-open);
 * success closes it, failure opens it again. Pure state, no I/O, so it is unit-tested with a fake clock.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;
  private readonly now: () => number;

  constructor(private readonly options: BreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  get state(): BreakerState {
    if (this.openedAt === null) return 'closed';
    return this.now() - this.openedAt >= this.options.openMs ? 'half_open' : 'open';
  }

  /** Whether a call may go out now; in half-open only one trial at a time. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  /** Milliseconds until a trial call is allowed (0 when not open). */
  retryAfterMs(): number {
    return this.openedAt === null ? 0 : Math.max(0, this.options.openMs - (this.now() - this.openedAt));
  }

  recordSuccess(): void {
    this.failures = 0;
    this.openedAt = null;
    this.trialInFlight = false;
  }

  recordFailure(): void {
    this.trialInFlight = false;
    if (this.openedAt !== null) {
      this.openedAt = this.now(); // a failed trial opens it for another full period
      return;
    }
    this.failures += 1;
    if (this.failures >= this.options.failureThreshold) this.openedAt = this.now();
  }
}
