import { Socket, connect } from 'node:net';
import { FastdfsProtocolError, FastdfsStatusError, FastdfsUnavailableError } from '../fastdfs-errors';
import { Command, HEADER_LENGTH, decodeHeader } from '../protocol/fastdfs-protocol';

export interface Endpoint {
  host: string;
  port: number;
}

export interface ConnectionTimeouts {
  connectTimeoutMs: number;
  /** Longest wait for the next bytes from the server (or for a write to drain). */
  networkTimeoutMs: number;
}

/** Stop reading from the socket once this much is buffered and unread: a slow consumer slows the server. */
const HIGH_WATER = 256 * 1024;

/**
 * One TCP connection to a tracker or storage, read as frames: exact-length reads for headers and fixed
 * bodies, chunked reads for file bodies (so a download streams). Every wait is bounded by the network timeout.
 */
export class FastdfsConnection {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private wake: (() => void) | null = null;
  private failure: Error | null = null;
  /** False once closed, broken, or left mid-frame: such a connection never goes back to the pool. */
  reusable = true;

  private constructor(
    readonly endpoint: Endpoint,
    private readonly socket: Socket,
    private readonly timeouts: ConnectionTimeouts,
  ) {
    socket.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
      if (this.buffered > HIGH_WATER) socket.pause();
      this.notify();
    });
    const fail = (error: Error) => {
      this.failure ??= error;
      this.reusable = false;
      this.notify();
    };
    socket.on('error', (error) => fail(new FastdfsUnavailableError(`${this.name}: ${error.message}`)));
    socket.on('close', () => fail(new FastdfsUnavailableError(`${this.name} closed the connection`)));
  }

  static open(endpoint: Endpoint, timeouts: ConnectionTimeouts): Promise<FastdfsConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: endpoint.host, port: endpoint.port });
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(
          new FastdfsUnavailableError(
            `${endpoint.host}:${endpoint.port}: connect timed out after ${timeouts.connectTimeoutMs} ms`,
          ),
        );
      }, timeouts.connectTimeoutMs);
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(new FastdfsUnavailableError(`${endpoint.host}:${endpoint.port}: ${error.message}`));
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new FastdfsConnection(endpoint, socket, timeouts));
      });
    });
  }

  /** Frames an accepted socket (the server side, used by the test server in libs/testing). */
  static accept(socket: Socket, timeouts: ConnectionTimeouts): FastdfsConnection {
    return new FastdfsConnection(
      { host: socket.remoteAddress ?? 'peer', port: socket.remotePort ?? 0 },
      socket,
      timeouts,
    );
  }

  get name(): string {
    return `${this.endpoint.host}:${this.endpoint.port}`;
  }

  async write(bytes: Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.socket.write(bytes)) return;
    await this.bounded(new Promise<void>((resolve) => this.socket.once('drain', resolve)), 'write');
  }

  /** Sends a request and reads the whole response body; a non-zero status becomes FastdfsStatusError. */
  async call(request: Buffer, expectedCommand: number): Promise<Buffer> {
    await this.write(request);
    const length = await this.readResponseHeader(expectedCommand);
    return this.read(length);
  }

  /** Reads a response header, checks command and status, returns the body length. */
  async readResponseHeader(expectedCommand: number): Promise<number> {
    const header = decodeHeader(await this.read(HEADER_LENGTH));
    if (header.command !== Command.response) {
      this.reusable = false;
      throw new FastdfsProtocolError(`${this.name}: expected response command 100, got ${header.command}`);
    }
    const length = Number(header.bodyLength);
    if (header.status !== 0) {
      await this.read(length); // an error answer may still carry a body; read it so the connection stays usable
      throw new FastdfsStatusError(expectedCommand, header.status);
    }
    return length;
  }

  async read(length: number): Promise<Buffer> {
    while (this.buffered < length) await this.waitForData();
    const out = Buffer.concat(this.chunks, this.buffered);
    const rest = out.subarray(length);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    this.resumeIfDrained();
    return out.subarray(0, length);
  }

  /** Yields the next `length` bytes as they arrive. Abandoning the iteration part-way spoils the connection. */
  async *readChunks(length: number): AsyncGenerator<Buffer> {
    let remaining = length;
    this.reusable = false;
    while (remaining > 0) {
      if (this.buffered === 0) await this.waitForData();
      const chunk = this.chunks.shift()!;
      const take = Math.min(chunk.length, remaining);
      if (take < chunk.length) this.chunks.unshift(chunk.subarray(take));
      this.buffered -= take;
      remaining -= take;
      this.resumeIfDrained();
      yield chunk.subarray(0, take);
    }
    this.reusable = this.failure === null;
  }

  destroy(): void {
    this.reusable = false;
    this.socket.destroy();
  }

  private resumeIfDrained(): void {
    if (this.buffered <= HIGH_WATER && this.socket.isPaused()) this.socket.resume();
  }

  private async waitForData(): Promise<void> {
    if (this.failure) throw this.failure;
    // A reader wants more than is buffered: let bytes in again even past the high-water mark.
    if (this.socket.isPaused()) this.socket.resume();
    await this.bounded(new Promise<void>((resolve) => (this.wake = resolve)), 'read');
    if (this.buffered === 0 && this.failure) throw this.failure;
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private async bounded(waiting: Promise<void>, what: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.destroy();
        reject(
          new FastdfsUnavailableError(
            `${this.name}: no ${what} progress within ${this.timeouts.networkTimeoutMs} ms`,
          ),
        );
      }, this.timeouts.networkTimeoutMs);
    });
    try {
      await Promise.race([waiting, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
