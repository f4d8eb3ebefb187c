import { FastdfsClient, FastdfsStatusError, FastdfsUnavailableError, Status, type FastdfsClientOptions } from '@harvest/fastdfs';
import { ObjectNotFoundError, ObjectStorageUnavailableError } from './object-storage.errors';
import { ObjectStorage, type ObjectSource, type StoredObjectRead } from './object-storage.port';

/** Objects on FastDFS: ids are FastDFS file ids (`group1/M00/xx/yy/name.ext`). */
export class FastdfsObjectStorage extends ObjectStorage {
  readonly driver = 'fastdfs' as const;
  private readonly client: FastdfsClient;

  constructor(options: FastdfsClientOptions) {
    super();
    this.client = new FastdfsClient(options);
  }

  put(source: ObjectSource, extension: string): Promise<string> {
    return this.translate(() => this.client.upload(source, extension));
  }

  open(id: string): Promise<StoredObjectRead> {
    return this.translate(() => this.client.download(id), id);
  }

  async delete(id: string): Promise<void> {
    try {
      await this.translate(() => this.client.delete(id), id);
    } catch (error) {
      if (!(error instanceof ObjectNotFoundError)) throw error;
    }
  }

  override async close(): Promise<void> {
    this.client.close();
  }

  private async translate<T>(work: () => Promise<T>, id?: string): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof FastdfsUnavailableError) throw new ObjectStorageUnavailableError(`FastDFS: ${error.message}`);
      if (error instanceof FastdfsStatusError && error.status === Status.noSpace) {
        throw new ObjectStorageUnavailableError('FastDFS: the trackers know no storage server that is up (ENOSPC)');
      }
      if (error instanceof FastdfsStatusError && error.notFound && id) throw new ObjectNotFoundError(id);
      throw error;
    }
  }
}
