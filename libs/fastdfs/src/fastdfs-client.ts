import { Readable } from 'node:stream';
import { ConnectionPool } from './connection/connection-pool';
import type { Endpoint } from './connection/fastdfs-connection';
import { FastdfsProtocolError, FastdfsStatusError, FastdfsUnavailableError } from './fastdfs-errors';
import { formatFileId, parseFileId } from './file-id';
import {
  Command,
  decodeFileInfo,
  decodeStorageTarget,
  decodeStoreTarget,
  decodeUploadResponse,
  downloadRequest,
  fileRequestBody,
  frame,
  uploadPreamble,
  type FileInfo,
  type StorageTarget,
  type StoreTarget,
} from './protocol/fastdfs-protocol';

export interface FastdfsClientOptions {
  trackers: Endpoint[];
  connectTimeoutMs?: number;
  networkTimeoutMs?: number;
  /** How long a server that failed is tried only after the others. */
  downCooldownMs?: number;
  /** Storages tried per upload or download when the one a tracker names does not answer. */
  storageAttempts?: number;
  maxIdlePerEndpoint?: number;
}

/** The bytes to upload: a known size, and a way to read them (again, when a storage fails part-way). */
export interface UploadSource {
  size: number;
  open(): AsyncIterable<Buffer | Uint8Array>;
}

export interface Download {
  size: number;
  stream: Readable;
}

/**
 * A typed FastDFS client: asks a tracker where to store or fetch, then talks to that storage. Connections
 * are pooled per server; every connect and read is bounded by a timeout. A tracker or storage that does not
 * answer is marked down for a while and the next one is used; file ids are `group/M00/xx/yy/name.ext`.
 */
export class FastdfsClient {
  private readonly pool: ConnectionPool;
  private readonly downUntil = new Map<string, number>();
  private nextTracker = 0;
  private readonly cooldownMs: number;
  private readonly storageAttempts: number;

  constructor(private readonly options: FastdfsClientOptions) {
    if (options.trackers.length === 0) throw new RangeError('FastdfsClient needs at least one tracker');
    this.pool = new ConnectionPool(
      {
        connectTimeoutMs: options.connectTimeoutMs ?? 2000,
        networkTimeoutMs: options.networkTimeoutMs ?? 10_000,
      },
      options.maxIdlePerEndpoint,
    );
    this.cooldownMs = options.downCooldownMs ?? 10_000;
    this.storageAttempts = options.storageAttempts ?? 3;
  }

  async upload(source: UploadSource, extension: string): Promise<string> {
    return this.onStorage(
      () => this.queryStore(),
      (target) => this.uploadTo(target, source, extension),
    );
  }

  /** 101 on a tracker: the storage the next upload would go to. */
  queryStore(): Promise<StoreTarget> {
    return this.askTracker(
      frame(Command.trackerQueryStoreWithoutGroup),
      Command.trackerQueryStoreWithoutGroup,
      decodeStoreTarget,
    );
  }

  async download(fileId: string, offset = 0, length = 0): Promise<Download> {
    const { group, remoteFilename } = parseFileId(fileId);
    return this.onStorage(
      () => this.fetchTarget(Command.trackerQueryFetchOne, fileId),
      async (target) => {
        const connection = await this.pool.acquire(target);
        try {
          await connection.write(downloadRequest(group, remoteFilename, offset, length));
          const size = await connection.readResponseHeader(Command.storageDownload);
          const pool = this.pool;
          async function* body() {
            try {
              yield* connection.readChunks(size);
            } finally {
              pool.release(connection);
            }
          }
          return { size, stream: Readable.from(body(), { objectMode: false }) };
        } catch (error) {
          if (!(error instanceof FastdfsStatusError)) connection.reusable = false;
          this.pool.release(connection);
          throw error;
        }
      },
    );
  }

  /** Reads a whole file into memory: for small files (tests, variants already bounded in size). */
  async downloadBuffer(fileId: string): Promise<Buffer> {
    const { stream } = await this.download(fileId);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async delete(fileId: string): Promise<void> {
    const { group, remoteFilename } = parseFileId(fileId);
    await this.onStorage(
      () => this.fetchTarget(Command.trackerQueryUpdate, fileId),
      (target) =>
        this.pool.use(target, (c) =>
          c.call(frame(Command.storageDelete, fileRequestBody(group, remoteFilename)), Command.storageDelete),
        ),
    );
  }

  async fileInfo(fileId: string): Promise<FileInfo> {
    const { group, remoteFilename } = parseFileId(fileId);
    return this.onStorage(
      () => this.fetchTarget(Command.trackerQueryFetchOne, fileId),
      async (target) =>
        decodeFileInfo(
          await this.pool.use(target, (c) =>
            c.call(
              frame(Command.storageQueryFileInfo, fileRequestBody(group, remoteFilename)),
              Command.storageQueryFileInfo,
            ),
          ),
        ),
    );
  }

  /** 111 on one server: true when it answers. */
  async activeTest(endpoint: Endpoint): Promise<boolean> {
    try {
      await this.pool.use(endpoint, (c) => c.call(frame(Command.activeTest), Command.activeTest));
      return true;
    } catch {
      return false;
    }
  }

  close(): void {
    this.pool.close();
  }

  private fetchTarget(command: number, fileId: string): Promise<StorageTarget> {
    const { group, remoteFilename } = parseFileId(fileId);
    return this.askTracker(
      frame(command, fileRequestBody(group, remoteFilename)),
      command,
      decodeStorageTarget,
    );
  }

  private async uploadTo(target: StoreTarget, source: UploadSource, extension: string): Promise<string> {
    return this.pool.use(target, async (connection) => {
      await connection.write(uploadPreamble(target.storePathIndex, source.size, extension));
      let sent = 0;
      for await (const chunk of source.open()) {
        sent += chunk.length;
        if (sent > source.size) break;
        await connection.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
      }
      if (sent !== source.size) {
        connection.reusable = false;
        throw new RangeError(`upload source gave ${sent} bytes, announced ${source.size}`);
      }
      const length = await connection.readResponseHeader(Command.storageUpload);
      return formatFileId(decodeUploadResponse(await connection.read(length)));
    });
  }

  /** Asks the trackers in turn, those not recently down first, until one answers. */
  private async askTracker<T>(request: Buffer, command: number, decode: (body: Buffer) => T): Promise<T> {
    const start = this.nextTracker++ % this.options.trackers.length;
    const rotated = [...this.options.trackers.slice(start), ...this.options.trackers.slice(0, start)];
    const failures: string[] = [];
    for (const tracker of this.upFirst(rotated)) {
      try {
        const body = await this.pool.use(tracker, (c) => c.call(request, command));
        try {
          return decode(body);
        } catch (error) {
          throw new FastdfsProtocolError(`${tracker.host}:${tracker.port}: ${(error as Error).message}`);
        }
      } catch (error) {
        // A tracker that cannot be reached, or talks nonsense, is passed over; an errno answer is final.
        if (!(error instanceof FastdfsUnavailableError || error instanceof FastdfsProtocolError)) throw error;
        this.markDown(tracker);
        failures.push(error.message);
      }
    }
    throw new FastdfsUnavailableError(`no FastDFS tracker answered: ${failures.join('; ')}`);
  }

  /** Runs work on the storage a tracker names; if that storage does not answer, asks again (up to N times). */
  private async onStorage<S extends StorageTarget, T>(
    locate: () => Promise<S>,
    work: (target: S) => Promise<T>,
  ): Promise<T> {
    const failures: string[] = [];
    for (let attempt = 0; attempt < this.storageAttempts; attempt++) {
      const target = await locate();
      try {
        return await work(target);
      } catch (error) {
        if (!(error instanceof FastdfsUnavailableError)) throw error;
        this.markDown(target);
        failures.push(error.message);
      }
    }
    throw new FastdfsUnavailableError(`no FastDFS storage answered: ${failures.join('; ')}`);
  }

  private upFirst(endpoints: Endpoint[]): Endpoint[] {
    const now = Date.now();
    const isDown = (e: Endpoint) => (this.downUntil.get(`${e.host}:${e.port}`) ?? 0) > now;
    return [...endpoints.filter((e) => !isDown(e)), ...endpoints.filter(isDown)];
  }

  private markDown(endpoint: Endpoint): void {
    this.downUntil.set(`${endpoint.host}:${endpoint.port}`, Date.now() + this.cooldownMs);
  }
}
