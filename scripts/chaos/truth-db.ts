/** The database as the judge: queries run on whichever node is writable now (the MHA primary after a failover). */
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';

export class TruthDb {
  constructor(readonly hosts: string) {}

  /** Runs SQL on the writable node; tries every listed host, so it works right after a failover. */
  async query<T extends RowDataPacket>(sql: string, params: unknown[] = []): Promise<T[]> {
    const connection = await this.writer();
    try {
      const [rows] = await connection.query<T[]>(sql, params);
      return rows;
    } finally {
      await connection.end();
    }
  }

  /** host and port of the writable node now. */
  async writerAddress(): Promise<[string, number]> {
    const connection = await this.writer();
    await connection.end();
    return [connection.config.host!, connection.config.port!];
  }

  private async writer(): Promise<Connection> {
    const problems: string[] = [];
    for (const hostPort of this.hosts.split(',')) {
      const [host, port] = hostPort.split(':');
      try {
        const connection = await createConnection({
          host,
          port: Number(port),
          user: 'root',
          password: '',
          connectTimeout: 2_000,
        });
        const [rows] = await connection.query<RowDataPacket[]>('SELECT @@read_only AS ro');
        if (Number(rows[0].ro) === 0) return connection;
        await connection.end();
        problems.push(`${hostPort} read-only`);
      } catch (error) {
        problems.push(`${hostPort} ${(error as Error).message}`);
      }
    }
    throw new Error(`no writable MySQL among ${this.hosts} (${problems.join('; ')})`);
  }
}
