/** One in-flight load for a key; `invalidated` turns true when the key is deleted while it runs. */
export interface Flight {
  readonly invalidated: boolean;
}

/**
 * Collapses concurrent calls for the same key into one promise, so 50 simultaneous misses
 * run one load. `invalidate` detaches a running flight: its callers still get its result,
 * but it reports `invalidated` so the loader does not write a value that a delete has just made stale.
 */
export class SingleFlight {
  private readonly flights = new Map<
    string,
    { promise: Promise<unknown>; flight: { invalidated: boolean } }
  >();

  run<T>(key: string, work: (flight: Flight) => Promise<T>): Promise<T> {
    const running = this.flights.get(key);
    if (running) return running.promise as Promise<T>;
    const flight = { invalidated: false };
    const done = () => {
      if (this.flights.get(key)?.flight === flight) this.flights.delete(key);
    };
    // then() rather than an async wrapper with finally: one promise per flight instead of three (every cache
    // hit runs in a flight, and each promise costs the request-context hooks too).
    let pending: Promise<T>;
    try {
      pending = work(flight);
    } catch (error) {
      pending = Promise.reject(error);
    }
    const promise = pending.then(
      (value) => {
        done();
        return value;
      },
      (error: unknown) => {
        done();
        throw error;
      },
    );
    this.flights.set(key, { promise, flight });
    return promise;
  }

  invalidate(key: string): void {
    const running = this.flights.get(key);
    if (!running) return;
    running.flight.invalidated = true;
    this.flights.delete(key);
  }

  get size(): number {
    return this.flights.size;
  }
}
