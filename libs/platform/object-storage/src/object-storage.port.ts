import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';

/** Bytes to store: a known size and a way to read them, again if a first attempt failed part-way. */
export interface ObjectSource {
  size: number;
  open(): AsyncIterable<Buffer | Uint8Array>;
  /**
   * A local file holding exactly these bytes, when there is one: a storage on this machine copies it in the
   * kernel instead of reading megabytes through the process (and its garbage collector).
   */
  path?: string;
}

export interface StoredObjectRead {
  size: number;
  stream: Readable;
}

/**
 * Where a service keeps files (product images): FastDFS in production, a local directory on the embedded
 * default. Chosen by configuration, like a Vendure AssetStorageStrategy. Ids are opaque strings chosen
 * by the storage (a FastDFS file id, or a path under the local directory).
 */
export abstract class ObjectStorage {
  abstract readonly driver: 'local' | 'fastdfs';

  /** Stores the bytes and returns the new object's id. Throws ObjectStorageUnavailableError if storage is down. */
  abstract put(source: ObjectSource, extension: string): Promise<string>;

  /** Streams an object. Throws ObjectNotFoundError or ObjectStorageUnavailableError. */
  abstract open(id: string): Promise<StoredObjectRead>;

  /** Removes an object; removing one that is already gone succeeds (deletion is retried by GC). */
  abstract delete(id: string): Promise<void>;

  /** Whether storage answers now, with facts for operators (readiness). */
  abstract probe(): Promise<{ up: boolean; detail: Record<string, unknown> }>;

  /** Lets go of connections. */
  close(): Promise<void> {
    return Promise.resolve();
  }
}

export function bufferSource(bytes: Buffer): ObjectSource {
  return {
    size: bytes.length,
    async *open() {
      yield bytes;
    },
  };
}

export function fileSource(path: string, size: number): ObjectSource {
  return { size, path, open: () => createReadStream(path) };
}
