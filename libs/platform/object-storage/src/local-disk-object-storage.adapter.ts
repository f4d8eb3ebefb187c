import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, constants, copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ObjectNotFoundError, ObjectStorageUnavailableError } from './object-storage.errors';
import { ObjectStorage, type ObjectSource, type StoredObjectRead } from './object-storage.port';

const ID_PATTERN = /^local\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{32}(\.[a-z0-9]{1,6})?$/;

/**
 * The embedded default: objects as files under one directory, ids shaped like FastDFS's
 * (`local/ab/cd/<32 hex>.ext`). Files are written to a temporary name and renamed, so a reader never sees half a file.
 */
export class LocalDiskObjectStorage extends ObjectStorage {
  readonly driver = 'local' as const;
  private readonly root: string;

  constructor(directory: string) {
    super();
    this.root = resolve(directory);
  }

  async put(source: ObjectSource, extension: string): Promise<string> {
    const name = randomBytes(16).toString('hex');
    const id = `local/${name.slice(0, 2)}/${name.slice(2, 4)}/${name}${extension ? `.${extension}` : ''}`;
    const path = this.path(id);
    try {
      await mkdir(dirname(path), { recursive: true });
      if (source.path) await copyFile(source.path, `${path}.part`);
      else await pipeline(Readable.from(source.open()), createWriteStream(`${path}.part`));
      await rename(`${path}.part`, path);
    } catch (error) {
      await rm(`${path}.part`, { force: true });
      throw new ObjectStorageUnavailableError(`local storage ${this.root}: ${(error as Error).message}`);
    }
    return id;
  }

  async open(id: string): Promise<StoredObjectRead> {
    const path = this.path(id);
    const size = await stat(path).then(
      (s) => s.size,
      () => {
        throw new ObjectNotFoundError(id);
      },
    );
    return { size, stream: createReadStream(path) };
  }

  async delete(id: string): Promise<void> {
    await rm(this.path(id), { force: true });
  }

  async probe(): Promise<{ up: boolean; detail: Record<string, unknown> }> {
    try {
      await mkdir(this.root, { recursive: true });
      await access(this.root, constants.W_OK);
      return { up: true, detail: { driver: this.driver, directory: this.root } };
    } catch (error) {
      return {
        up: false,
        detail: { driver: this.driver, directory: this.root, error: (error as Error).message },
      };
    }
  }

  private path(id: string): string {
    // Ids come back from the database, but a malformed one must never reach outside the root.
    if (!ID_PATTERN.test(id)) throw new ObjectNotFoundError(id);
    return join(this.root, id.slice('local/'.length));
  }
}
