/**
 * Delay before retry number `attempt` (1 = first retry): base doubling, capped. Deterministic on purpose:
 * the relay has one publisher per database and handlers block their own partition, so there is no herd to spread.
 */
export function backoffDelayMs(attempt: number, baseMs: number, maxMs: number): number {
  if (attempt < 1 || baseMs <= 0) return 0;
  return Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, 30));
}

/** A sleep that stop() can cut short, so shutdown does not wait out a long backoff. */
export class InterruptibleSleep {
  private wake: (() => void) | undefined;

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.wake === done) this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  interrupt(): void {
    this.wake?.();
  }
}
