import { AsyncLocalStorage } from 'node:async_hooks';
import { MysqlQueryRunner } from 'typeorm/driver/mysql/MysqlQueryRunner';

export interface RecordedStatements<T> {
  result: T;
  /** Every SQL text sent, in order (BEGIN/COMMIT included: each is one round trip). */
  statements: string[];
  /** "N statements:" and one shortened line per statement, for a failure message that shows what was sent. */
  listing: string;
}

export interface StatementRecorder {
  /** Runs `work` and records the statements sent from within its async context only. */
  during<T>(work: () => Promise<T>): Promise<RecordedStatements<T>>;
  /** Puts TypeORM's query method back. */
  restore(): void;
}

/**
 * Counts the statements TypeORM sends to MySQL from within one async context, so a timer, a relay or other
 * pollers of the same process do not disturb the figure. Wraps MysqlQueryRunner.prototype.query until
 * restore(): call it in beforeAll and restore in afterAll.
 */
export function recordStatements(): StatementRecorder {
  const context = new AsyncLocalStorage<string[]>();
  const originalQuery = MysqlQueryRunner.prototype.query;
  MysqlQueryRunner.prototype.query = function (
    this: MysqlQueryRunner,
    ...args: Parameters<MysqlQueryRunner['query']>
  ) {
    context.getStore()?.push(args[0]);
    return originalQuery.apply(this, args);
  } as MysqlQueryRunner['query'];
  return {
    async during<T>(work: () => Promise<T>): Promise<RecordedStatements<T>> {
      const statements: string[] = [];
      const result = await context.run(statements, work);
      const lines = statements.map((s) => s.replace(/\s+/g, ' ').slice(0, 110));
      return { result, statements, listing: `${statements.length} statements:\n${lines.join('\n')}` };
    },
    restore(): void {
      MysqlQueryRunner.prototype.query = originalQuery;
    },
  };
}
