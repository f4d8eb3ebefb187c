import type { DependencyCheck, DependencyHealthIndicator } from '@harvest/platform/health';
import type { Database } from './database.service';

/** The database is critical: without the writer a service can neither take orders nor publish events. */
export class DatabaseHealthIndicator implements DependencyHealthIndicator {
  readonly name = 'database';
  readonly critical = true;

  constructor(private readonly database: Database) {}

  async check(): Promise<DependencyCheck> {
    try {
      await this.database.writer.query('SELECT 1');
      return { up: true, detail: { primary: this.database.primary, failovers: this.database.failovers } };
    } catch (error) {
      void this.database.recoverWriter().catch(() => undefined);
      return { up: false, detail: { primary: this.database.primary, error: (error as Error).message } };
    }
  }
}
