import {
  Command,
  GROUP_NAME_LENGTH,
  Status,
  encodeStorageTarget,
  encodeStoreTarget,
  readFixedField,
  type FastdfsConnection,
  type Header,
} from '@harvest/fastdfs';
import { FastdfsFrameServer, type Answer, type CommandHandler } from './fastdfs-frame-server';
import type { FastdfsStorageTestServer } from './fastdfs-storage.test-server';

/**
 * A FastDFS tracker for tests: 101 and 104 (query store), 102 (query fetch one), 103 (query update) and 111.
 * It names storages it believes up, in turn; with none, 101 answers ENOSPC and 102/103 ENOENT, as FastDFS does.
 */
export class FastdfsTrackerTestServer {
  readonly frames: FastdfsFrameServer;
  private next = 0;
  /** Storage queries answered, so a test can tell which tracker a client used. */
  queries = 0;

  constructor(private readonly storages: FastdfsStorageTestServer[]) {
    const handlers = new Map<number, CommandHandler>([
      [Command.trackerQueryStoreWithoutGroup, (h, c) => this.queryStore(h, c, false)],
      [Command.trackerQueryStoreWithGroup, (h, c) => this.queryStore(h, c, true)],
      [Command.trackerQueryFetchOne, (h, c) => this.queryFetch(h, c)],
      [Command.trackerQueryUpdate, (h, c) => this.queryFetch(h, c)],
      [Command.activeTest, async () => ({})],
    ]);
    this.frames = new FastdfsFrameServer('tracker', handlers);
  }

  get port(): number {
    return this.frames.port;
  }

  start(): Promise<void> {
    return this.frames.start();
  }

  stop(): Promise<void> {
    return this.frames.stop();
  }

  private async queryStore(
    header: Header,
    connection: FastdfsConnection,
    withGroup: boolean,
  ): Promise<Answer> {
    const body = await connection.read(Number(header.bodyLength));
    if (withGroup !== (body.length === GROUP_NAME_LENGTH)) return { status: Status.invalid };
    this.queries++;
    const group = withGroup ? readFixedField(body, 0, GROUP_NAME_LENGTH) : undefined;
    const storage = this.pick(this.storages.filter((s) => s.knownUp && (!group || s.group === group)));
    if (!storage) return { status: Status.noSpace };
    return {
      body: encodeStoreTarget({
        group: storage.group,
        host: '127.0.0.1',
        port: storage.port,
        storePathIndex: 0,
      }),
    };
  }

  private async queryFetch(header: Header, connection: FastdfsConnection): Promise<Answer> {
    const body = await connection.read(Number(header.bodyLength));
    if (body.length <= GROUP_NAME_LENGTH) return { status: Status.invalid };
    this.queries++;
    const group = readFixedField(body, 0, GROUP_NAME_LENGTH);
    const name = body.subarray(GROUP_NAME_LENGTH).toString('latin1');
    const candidates = this.storages.filter((s) => s.knownUp && s.group === group);
    const holding = [];
    for (const storage of candidates) if (await storage.has(name)) holding.push(storage);
    const storage = this.pick(holding.length > 0 ? holding : candidates);
    if (!storage) return { status: Status.notFound };
    return { body: encodeStorageTarget({ group, host: '127.0.0.1', port: storage.port }) };
  }

  private pick(storages: FastdfsStorageTestServer[]): FastdfsStorageTestServer | undefined {
    return storages.length === 0 ? undefined : storages[this.next++ % storages.length];
  }
}
