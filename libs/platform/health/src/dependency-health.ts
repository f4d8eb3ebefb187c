/**
 * The contract between the health library and every adapter that talks to a dependency
 * (database, cache, event transport, search, object storage). Adapters register one indicator each;
 * readiness reports them all by name.
 */
export interface DependencyCheck {
  /** false when the dependency does not answer correctly right now. */
  up: boolean;
  /** Extra facts for operators, e.g. `{ primary: '127.0.0.1:3307' }`. Never secrets. */
  detail?: Record<string, unknown>;
}

export interface DependencyHealthIndicator {
  /** Stable name shown in readiness, e.g. "database", "cache", "events", "search". */
  readonly name: string;
  /**
   * A critical dependency that is down makes the service not ready (503).
   * A non-critical one (the cache, search with a SQL fallback) leaves it ready but degraded.
   */
  readonly critical: boolean;
  check(): Promise<DependencyCheck>;
}

/** Collects the indicators that adapters register at start-up. One instance per application. */
export class HealthRegistry {
  private readonly indicators = new Map<string, DependencyHealthIndicator>();

  register(indicator: DependencyHealthIndicator): void {
    this.indicators.set(indicator.name, indicator);
  }

  list(): DependencyHealthIndicator[] {
    return [...this.indicators.values()];
  }
}
