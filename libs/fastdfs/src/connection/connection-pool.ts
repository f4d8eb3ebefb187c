import { FastdfsConnection, type ConnectionTimeouts, type Endpoint } from './fastdfs-connection';

/**
 * Idle connections per server, reused across calls. A connection goes back only when its last frame was
 * read completely; anything else is destroyed, so a pooled connection never holds half a response.
 */
export class ConnectionPool {
  private readonly idle = new Map<string, FastdfsConnection[]>();
  private closed = false;

  constructor(
    private readonly timeouts: ConnectionTimeouts,
    private readonly maxIdlePerEndpoint = 8,
  ) {}

  async acquire(endpoint: Endpoint): Promise<FastdfsConnection> {
    const list = this.idle.get(key(endpoint)) ?? [];
    for (let connection = list.pop(); connection; connection = list.pop()) {
      if (connection.reusable) return connection;
      connection.destroy();
    }
    return FastdfsConnection.open(endpoint, this.timeouts);
  }

  release(connection: FastdfsConnection): void {
    const list = this.idle.get(key(connection.endpoint)) ?? [];
    if (this.closed || !connection.reusable || list.length >= this.maxIdlePerEndpoint) {
      connection.destroy();
      return;
    }
    list.push(connection);
    this.idle.set(key(connection.endpoint), list);
  }

  /** Runs work on a pooled connection and gives it back (or destroys it if the work left it unusable). */
  async use<T>(endpoint: Endpoint, work: (connection: FastdfsConnection) => Promise<T>): Promise<T> {
    const connection = await this.acquire(endpoint);
    try {
      return await work(connection);
    } catch (error) {
      if (!(error instanceof Error && error.name === 'FastdfsStatusError')) connection.reusable = false;
      throw error;
    } finally {
      this.release(connection);
    }
  }

  /** Idle connections, for tests and metrics. */
  idleCount(endpoint: Endpoint): number {
    return this.idle.get(key(endpoint))?.length ?? 0;
  }

  close(): void {
    this.closed = true;
    for (const list of this.idle.values()) for (const connection of list) connection.destroy();
    this.idle.clear();
  }
}

function key(endpoint: Endpoint): string {
  return `${endpoint.host}:${endpoint.port}`;
}
