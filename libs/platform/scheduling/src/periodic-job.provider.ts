import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PeriodicJob } from './periodic-job';

export interface PeriodicJobProviderOptions {
  /** Names the job in its log lines and is the default logger's context. */
  name: string;
  /** Milliseconds between timer runs; 0 = no timer (runNow still works). */
  everyMs: number;
  /** Defaults to a Nest Logger named after the job. */
  logger?: Logger;
}

/**
 * The Nest provider around one PeriodicJob: the subclass says what a run does (`run`), the base starts the
 * timer on application bootstrap and stops it (aborting and waiting for a run in progress) on shutdown. A
 * subclass that closes something of its own overrides onApplicationShutdown and awaits super's first, so a
 * run never loses its connection midway.
 */
export abstract class PeriodicJobProvider<T> implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly logger: Logger;
  protected readonly job: PeriodicJob<T>;

  protected constructor(options: PeriodicJobProviderOptions) {
    this.logger = options.logger ?? new Logger(options.name);
    this.job = new PeriodicJob({
      name: options.name,
      everyMs: options.everyMs,
      work: (signal) => this.run(signal),
      logger: this.logger,
    });
  }

  /** One timer run; `signal` aborts at shutdown. */
  protected abstract run(signal: AbortSignal): Promise<T>;

  onApplicationBootstrap(): void {
    this.job.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }
}
