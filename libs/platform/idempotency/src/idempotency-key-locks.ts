import { destroyDedicatedConnection, openDedicatedConnection } from '@harvest/platform/database';
import { createHash } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';

/**
 * Ownership of the keys this process is working on, as MySQL named locks on one dedicated writer connection.
 * When the process dies (an instance killed behind the load balancer), the server closes that connection and
 * frees its locks at once, so the balancer's redispatch of the same request to another instance takes the key
 * over immediately instead of answering 409 until a lease runs out.
 */
export class IdempotencyKeyLocks {
  private runner: QueryRunner | null = null;
  private connecting: Promise<QueryRunner> | null = null;
  /** Named locks are re-entrant per connection, so two attempts of one key in this process are told apart here. */
  private readonly held = new Set<string>();

  constructor(private readonly writer: DataSource) {}

  static nameOf(scope: string, key: string): string {
    // GET_LOCK names are limited to 64 characters.
    return `idem:${createHash('sha256').update(scope).update('\0').update(key).digest('hex').slice(0, 40)}`;
  }

  /** True when this process now owns the key; false when another attempt, here or in another process, does. */
  async acquire(name: string): Promise<boolean> {
    if (this.held.has(name)) return false;
    this.held.add(name);
    try {
      const got = await this.getLock(name).catch(async () => {
        // The connection died since its last use (a failover, a server-side timeout): its locks went with it.
        // One fresh connection is worth a try before the request fails.
        await this.drop();
        this.held.add(name);
        return this.getLock(name);
      });
      if (!got) this.held.delete(name);
      return got;
    } catch (error) {
      this.held.delete(name);
      await this.drop();
      throw error;
    }
  }

  private async getLock(name: string): Promise<boolean> {
    const [row] = await (await this.connection()).query('SELECT GET_LOCK(?, 0) AS got', [name]);
    return Number((row as { got: number | null }).got) === 1;
  }

  /**
   * Not awaited by design: the response need not wait for it, and a later GET_LOCK of the same name queues
   * behind it on this one connection, so it cannot overtake the release.
   */
  release(name: string): Promise<void> {
    if (!this.held.delete(name) || !this.runner) return Promise.resolve();
    void this.runner.query('DO RELEASE_LOCK(?)', [name]).catch(() => this.drop());
    return Promise.resolve();
  }

  async close(): Promise<void> {
    await this.drop();
  }

  private async connection(): Promise<QueryRunner> {
    if (this.runner) return this.runner;
    this.connecting ??= openDedicatedConnection(this.writer).finally(() => (this.connecting = null));
    this.runner = await this.connecting;
    return this.runner;
  }

  /** The connection broke (or is closing): the server has freed every lock it held. */
  private async drop(): Promise<void> {
    const runner = this.runner;
    this.runner = null;
    this.held.clear();
    if (runner) await destroyDedicatedConnection(runner);
  }
}
