import {
  FastdfsClient,
  FastdfsStatusError,
  FastdfsUnavailableError,
  Status,
  type FastdfsClientOptions,
} from '@harvest/fastdfs';
import { ObjectNotFoundError, ObjectStorageUnavailableError } from './object-storage.errors';
import { ObjectStorage, type ObjectSource, type StoredObjectRead } from './object-storage.port';

/** Objects on FastDFS: ids are FastDFS file ids (`group1/M00/xx/yy/name.ext`). */
export class FastdfsObjectStorage extends ObjectStorage {
  readonly driver = 'fastdfs' as const;
  private readonly client: FastdfsClient;

  constructor(private readonly options: FastdfsClientOptions) {
    super();
    this.client = new FastdfsClient(options);
  }

  /**
   * Up when a tracker answers the active test (111) and the storage it names for the next upload (101)
   * answers too; each tracker's state and that storage are listed.
   */
  async probe(): Promise<{ up: boolean; detail: Record<string, unknown> }> {
    const trackers = await Promise.all(
      this.options.trackers.map(
        async (t) => [`${t.host}:${t.port}`, (await this.client.activeTest(t)) ? 'up' : 'down'] as const,
      ),
    );
    const detail: Record<string, unknown> = { driver: this.driver, trackers: Object.fromEntries(trackers) };
    try {
      const target = await this.client.queryStore();
      const up = await this.client.activeTest(target);
      return {
        up,
        detail: { ...detail, uploadStorage: `${target.host}:${target.port} ${up ? 'up' : 'down'}` },
      };
    } catch (error) {
      return { up: false, detail: { ...detail, uploadStorage: (error as Error).message } };
    }
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
      if (error instanceof FastdfsUnavailableError)
        throw new ObjectStorageUnavailableError(`FastDFS: ${error.message}`);
      if (error instanceof FastdfsStatusError && error.status === Status.noSpace) {
        throw new ObjectStorageUnavailableError(
          'FastDFS: the trackers know no storage server that is up (ENOSPC)',
        );
      }
      if (error instanceof FastdfsStatusError && error.notFound && id) throw new ObjectNotFoundError(id);
      throw error;
    }
  }
}
