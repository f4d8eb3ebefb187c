import { Logger } from '@nestjs/common';
import { destroyDedicatedConnection as destroy, openDedicatedConnection } from '@harvest/platform/database';
import type { DataSource, QueryRunner } from 'typeorm';

/**
 * A leader lease from MySQL's GET_LOCK, held by one dedicated connection: the server frees it when that
 * connection ends, so a crashed holder never blocks the others for long. The connection never goes back
 * to the pool (a pooled connection still holding the lock would keep it forever).
 */
export class MysqlAdvisoryLease {
  private readonly logger = new Logger(MysqlAdvisoryLease.name);
  private runner: QueryRunner | undefined;

  constructor(
    private readonly dataSource: DataSource,
    readonly lockName: string,
  ) {}

  /** True while this process holds the lease; tries to (re)acquire it without waiting when it does not. */
  async holds(): Promise<boolean> {
    if (this.runner) {
      try {
        const [row] = await this.runner.query('SELECT IS_USED_LOCK(?) = CONNECTION_ID() AS mine', [
          this.lockName,
        ]);
        if (Number((row as { mine: number | null }).mine) === 1) return true;
        this.logger.warn(`lost lease ${this.lockName}`);
      } catch (error) {
        this.logger.warn(`lease connection for ${this.lockName} failed: ${(error as Error).message}`);
      }
      await this.dropConnection();
    }
    return this.tryAcquire();
  }

  async release(): Promise<void> {
    if (!this.runner) return;
    await this.runner.query('DO RELEASE_LOCK(?)', [this.lockName]).catch(() => undefined);
    await this.dropConnection();
  }

  private async tryAcquire(): Promise<boolean> {
    let runner: QueryRunner | undefined;
    try {
      runner = await openDedicatedConnection(this.dataSource);
      const [row] = await runner.query('SELECT GET_LOCK(?, 0) AS got', [this.lockName]);
      if (Number((row as { got: number | null }).got) === 1) {
        this.runner = runner;
        this.logger.log(`acquired lease ${this.lockName}`);
        return true;
      }
    } catch (error) {
      this.logger.warn(`could not try lease ${this.lockName}: ${(error as Error).message}`);
    }
    if (runner) await destroy(runner);
    return false;
  }

  private async dropConnection(): Promise<void> {
    const runner = this.runner;
    this.runner = undefined;
    if (runner) await destroy(runner);
  }
}
