import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import type { DatabaseConfig } from './database-config';
import { classifyDatabaseFailure, retryDelayMs } from './database-failure';
import {
  ensureSchemaExists,
  openDataSource,
  type ConnectionSettings,
  type SchemaDefinition,
} from './data-source.factory';
import { locatePrimary, nodeName } from './primary-locator';
import { WriterDialer } from './writer-dialer';
import { databaseFailovers, transactionRetries } from './database.metrics';

/**
 * When a unit of work may be run again after a failure:
 * - `none`: never.
 * - `safe` (default): only when it provably did not commit: it failed before COMMIT was sent,
 *   or the server rolled it back (deadlock, lock wait timeout).
 * - `idempotent`: also when COMMIT's outcome is unknown (the connection died during COMMIT), because the
 *   work itself recognises its earlier success (an idempotency key, an inbox row, a unique constraint).
 */
export type RetryPolicy = 'none' | 'safe' | 'idempotent';

export interface TransactionOptions {
  retry?: RetryPolicy;
  isolation?: IsolationLevel;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The service's way into MySQL: one writer (the current primary) and optional readers. The writer is
 * found by asking the candidates which one is writable; when it is lost (connection failure, or it turned
 * read-only in a failover) the primary is found again and work that is safe to repeat is retried.
 * The writer DataSource is one object for the life of the process; a failover only moves its connections.
 */
export class Database {
  private readonly logger = new Logger('Database');
  private dialer!: WriterDialer;
  private writerSource!: DataSource;
  private readerSources: DataSource[] = [];
  private nextReader = 0;
  private recovering: Promise<void> | null = null;
  private primaryCheck: NodeJS.Timeout | null = null;
  private closed = false;
  /** Count of writer changes, for metrics and tests. */
  failovers = 0;

  private constructor(
    private readonly config: DatabaseConfig,
    private readonly schema: SchemaDefinition,
  ) {}

  static async connect(config: DatabaseConfig, schema: SchemaDefinition): Promise<Database> {
    const database = new Database(config, schema);
    await database.open();
    return database;
  }

  private get settings(): ConnectionSettings {
    return {
      user: this.config.DB_USER,
      password: this.config.DB_PASSWORD,
      database: this.config.DB_NAME,
      poolSize: this.config.DB_POOL_SIZE,
      connectTimeoutMs: this.config.DB_CONNECT_TIMEOUT_MS,
    };
  }

  private async open(): Promise<void> {
    const primary = await this.locate();
    this.dialer = new WriterDialer(primary);
    await ensureSchemaExists(primary, this.settings);
    this.writerSource = await openDataSource(primary, this.settings, this.schema, this.dialer.dial);
    if (this.config.DB_MIGRATIONS_RUN) await this.runMigrations();
    this.readerSources = await Promise.all(
      this.config.DB_READER_HOSTS.map((node) => openDataSource(node, this.settings, this.schema)),
    );
    if (this.config.DB_PRIMARY_CHECK_MS > 0) {
      this.primaryCheck = setInterval(() => void this.verifyPrimary(), this.config.DB_PRIMARY_CHECK_MS);
      this.primaryCheck.unref();
    }
    this.logger.log(
      `writer ${this.primary} (${this.config.DB_NAME}), ${this.readerSources.length} reader(s)`,
    );
  }

  private locate() {
    return locatePrimary(this.config.DB_HOSTS, {
      user: this.config.DB_USER,
      password: this.config.DB_PASSWORD,
      connectTimeoutMs: this.config.DB_CONNECT_TIMEOUT_MS,
    });
  }

  /** The current primary, as host:port. */
  get primary(): string {
    return nodeName(this.dialer.current);
  }

  /** The writer DataSource; the same object for the life of the process, whichever node is primary. */
  get writer(): DataSource {
    return this.writerSource;
  }

  repository<T extends ObjectLiteral>(entity: EntityTarget<T>): Repository<T> {
    return this.writerSource.getRepository(entity);
  }

  /** Runs work in one writer transaction, retrying per the policy while the primary is found again. */
  async transaction<T>(
    work: (manager: EntityManager) => Promise<T>,
    options: TransactionOptions = {},
  ): Promise<T> {
    const policy = options.retry ?? 'safe';
    const deadline = Date.now() + this.config.DB_FAILOVER_TIMEOUT_MS;
    for (let attempt = 0; ; attempt++) {
      const runner = this.writerSource.createQueryRunner();
      let committing = false;
      try {
        await runner.connect();
        await runner.startTransaction(options.isolation);
        const result = await work(runner.manager);
        committing = true;
        await runner.commitTransaction();
        return result;
      } catch (error) {
        if (runner.isTransactionActive && !committing)
          await runner.rollbackTransaction().catch(() => undefined);
        const kind = classifyDatabaseFailure(error);
        const outcomeUnknown = committing && kind === 'lost-writer';
        const retriable =
          policy !== 'none' && kind !== 'fatal' && (!outcomeUnknown || policy === 'idempotent');
        if (!retriable || Date.now() >= deadline || this.closed) throw error;
        this.logger.warn(
          `transaction attempt ${attempt + 1} failed (${kind}): ${(error as Error).message}; retrying`,
        );
        transactionRetries.inc({ reason: kind });
        if (kind === 'lost-writer')
          await this.recoverWriter().catch((e) => this.logger.warn((e as Error).message));
        await sleep(retryDelayMs(attempt));
      } finally {
        await runner.release().catch(() => undefined);
      }
    }
  }

  /**
   * Runs a read on a reader (round robin), or on the writer when there is none or the reader fails.
   * Use it only for reads that tolerate replication lag.
   */
  async read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.readerSources.length > 0) {
      const reader = this.readerSources[this.nextReader++ % this.readerSources.length]!;
      try {
        return await work(reader.manager);
      } catch (error) {
        if (classifyDatabaseFailure(error) !== 'lost-writer') throw error;
        this.logger.warn(`reader failed, reading from the writer: ${(error as Error).message}`);
      }
    }
    return this.transaction(work);
  }

  /**
   * Finds the primary again. Concurrent callers share one search. Public so that a failover hook
   * (MHA's master_ip_failover script) can tell the service at once instead of waiting for an error.
   */
  recoverWriter(): Promise<void> {
    this.recovering ??= this.findPrimaryAgain().finally(() => (this.recovering = null));
    return this.recovering;
  }

  private async findPrimaryAgain(): Promise<void> {
    const found = await this.locate();
    if (nodeName(found) === this.primary) return;
    this.logger.warn(`primary moved from ${this.primary} to ${nodeName(found)}`);
    this.dialer.retarget(found);
    this.failovers++;
    databaseFailovers.inc();
  }

  private async verifyPrimary(): Promise<void> {
    if (this.recovering || this.closed) return;
    try {
      const rows: Array<{ readOnly: number }> = await this.writerSource.query(
        'SELECT @@global.read_only AS readOnly',
      );
      if (Number(rows[0]?.readOnly) !== 0) await this.recoverWriter();
    } catch {
      await this.recoverWriter().catch((e) => this.logger.warn(`primary check: ${(e as Error).message}`));
    }
  }

  /**
   * Runs pending migrations under a named lock, so several instances starting together do not race;
   * MySQL DDL commits implicitly, so each migration runs on its own.
   */
  async runMigrations(): Promise<string[]> {
    const runner = this.writerSource.createQueryRunner();
    const lock = `harvest-migrations-${this.config.DB_NAME}`;
    try {
      await runner.connect();
      const [row] = await runner.query('SELECT GET_LOCK(?, 120) AS got', [lock]);
      if (Number(row?.got) !== 1) throw new Error(`could not take the migration lock ${lock} within 120 s`);
      const applied = await this.writerSource.runMigrations({ transaction: 'each' });
      if (applied.length > 0) this.logger.log(`applied migrations: ${applied.map((m) => m.name).join(', ')}`);
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [lock]).catch(() => undefined);
      await runner.release();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.primaryCheck) clearInterval(this.primaryCheck);
    await Promise.all(
      [this.writerSource, ...this.readerSources].map((s) => (s.isInitialized ? s.destroy() : undefined)),
    );
  }
}
