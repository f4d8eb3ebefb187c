import { Logger } from '@nestjs/common';

/** Where a job reports a failed run; Nest's Logger fits, tests pass a recorder. */
export interface JobLogger {
  warn(message: string): void;
}

/** One run of the job. `signal` is aborted at shutdown: long work stops at its next safe point. */
export type JobWork<T> = (signal: AbortSignal) => Promise<T>;

export interface PeriodicJobOptions<T> {
  /** Names the job in its log lines (and is the default logger's context). */
  name: string;
  /** Milliseconds between timer runs; 0 = no timer (runNow still works, for tests and admin routes). */
  everyMs: number;
  /** What the timer runs. */
  work: JobWork<T>;
  logger?: JobLogger;
}

/**
 * A timer that runs one piece of work at a time per process. A tick that finds the previous run still going
 * skips (runs never pile up behind a slow database); a failed run is logged and the next tick runs again;
 * stop() clears the timer, aborts the running work's signal and waits for it, so shutdown never closes the
 * database under a transaction. Who runs it across instances (a lease, SKIP LOCKED) is the work's business.
 *
 * A Nest provider composes one: `start()` in onApplicationBootstrap, `stop()` in onApplicationShutdown.
 */
export class PeriodicJob<T> {
  private readonly logger: JobLogger;
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<T> | null = null;

  constructor(private readonly options: PeriodicJobOptions<T>) {
    if (!Number.isInteger(options.everyMs) || options.everyMs < 0) {
      throw new RangeError(
        `${options.name}: everyMs must be a whole number of milliseconds, 0 or more (got ${options.everyMs})`,
      );
    }
    this.logger = options.logger ?? new Logger(options.name);
  }

  /** Starts the timer; does nothing when everyMs is 0, when already started, or after stop(). */
  start(): void {
    if (this.options.everyMs === 0 || this.timer || this.abort.signal.aborted) return;
    this.timer = setInterval(() => this.tick(), this.options.everyMs);
    // A timer alone never keeps the process alive: shutdown is the service's decision.
    this.timer.unref();
  }

  /** Whether a run is in progress in this process. */
  get busy(): boolean {
    return this.running !== null;
  }

  /**
   * Runs `work` (default: the job's own) now, unless a run is already in progress: then the caller joins that
   * run and gets its result. A failure rejects to the caller (the timer's own runs log it instead).
   */
  runNow(work: JobWork<T> = this.options.work): Promise<T> {
    this.running ??= Promise.resolve()
      .then(() => work(this.abort.signal))
      .finally(() => (this.running = null));
    return this.running;
  }

  /** Clears the timer, aborts the running work's signal and waits for that run (its failure is not rethrown). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.abort.abort();
    await this.running?.catch(() => undefined);
  }

  private tick(): void {
    if (this.running) return;
    this.runNow().catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn(`${this.options.name} failed, next run in ${this.options.everyMs} ms: ${message}`);
    });
  }
}
