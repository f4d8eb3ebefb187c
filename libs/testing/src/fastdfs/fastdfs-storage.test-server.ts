import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import {
  Command,
  EXTENSION_LENGTH,
  GROUP_NAME_LENGTH,
  Status,
  encodeFileInfo,
  fixedField,
  readFixedField,
  type FastdfsConnection,
  type Header,
} from '@harvest/fastdfs';
import { FastdfsFrameServer, type Answer, type CommandHandler } from './fastdfs-frame-server';

/**
 * A FastDFS storage server for tests: commands 11 (upload), 12 (delete), 14 (download), 22 (file info)
 * and 111 (active test), with their exact byte layouts, files kept under a directory. Storages of one
 * group copy uploads and deletes to each other at once (FastDFS syncs them in the background).
 */
export class FastdfsStorageTestServer {
  readonly frames: FastdfsFrameServer;
  /** What the trackers believe; a silent stop leaves it true, as before FastDFS notices the missing heartbeat. */
  knownUp = false;
  private readonly peers: FastdfsStorageTestServer[] = [];
  private readonly created = new Map<string, number>();

  constructor(
    readonly group: string,
    private readonly dir: string,
  ) {
    const handlers = new Map<number, CommandHandler>([
      [Command.storageUpload, (h, c) => this.upload(h, c)],
      [Command.storageDelete, (h, c) => this.withFile(h, c, 0, (name) => this.delete(name))],
      [Command.storageDownload, (h, c) => this.download(h, c)],
      [Command.storageQueryFileInfo, (h, c) => this.withFile(h, c, 0, (name) => this.info(name))],
      [Command.activeTest, async () => ({})],
    ]);
    this.frames = new FastdfsFrameServer(`storage ${group}`, handlers);
  }

  get port(): number {
    return this.frames.port;
  }

  get running(): boolean {
    return this.frames.running;
  }

  replicatesTo(peer: FastdfsStorageTestServer): void {
    this.peers.push(peer);
  }

  async start(): Promise<void> {
    await this.frames.start();
    this.knownUp = true;
  }

  /** Stops answering. `silently`: the trackers keep naming it, so the client has to notice by itself. */
  async stop(options: { silently?: boolean } = {}): Promise<void> {
    if (!options.silently) this.knownUp = false;
    await this.frames.stop();
  }

  async has(remoteFilename: string): Promise<boolean> {
    return stat(this.path(remoteFilename)).then(
      () => true,
      () => false,
    );
  }

  private async upload(header: Header, connection: FastdfsConnection): Promise<Answer> {
    const fields = await connection.read(1 + 8 + EXTENSION_LENGTH);
    const size = Number(fields.readBigInt64BE(1));
    const extension = readFixedField(fields, 9, EXTENSION_LENGTH);
    if (Number(header.bodyLength) !== fields.length + size) return { status: Status.invalid, close: true };
    const bytes = await connection.read(size);
    const remoteFilename = this.newFilename(size, extension);
    await this.store(remoteFilename, bytes);
    for (const peer of this.peers) await peer.store(remoteFilename, bytes);
    return {
      body: Buffer.concat([fixedField(this.group, GROUP_NAME_LENGTH), Buffer.from(remoteFilename, 'latin1')]),
    };
  }

  private async download(header: Header, connection: FastdfsConnection): Promise<Answer> {
    const range = await connection.read(16);
    const offset = Number(range.readBigInt64BE(0));
    const length = Number(range.readBigInt64BE(8));
    return this.withFile(header, connection, 16, async (name) => {
      const bytes = await readFile(this.path(name));
      if (offset > bytes.length) return { status: Status.invalid };
      return { body: bytes.subarray(offset, length === 0 ? undefined : offset + length) };
    });
  }

  /** Reads group16 + filename (after `consumed` bytes of the body), checks the group and that the file exists. */
  private async withFile(
    header: Header,
    connection: FastdfsConnection,
    consumed: number,
    work: (remoteFilename: string) => Promise<Answer>,
  ): Promise<Answer> {
    const body = await connection.read(Number(header.bodyLength) - consumed);
    if (body.length <= GROUP_NAME_LENGTH) return { status: Status.invalid };
    if (readFixedField(body, 0, GROUP_NAME_LENGTH) !== this.group) return { status: Status.invalid };
    const name = body.subarray(GROUP_NAME_LENGTH).toString('latin1');
    if (!/^M00\/[0-9A-F]{2}\/[0-9A-F]{2}\/[\w-]{27}(\.\w{1,6})?$/.test(name) || !(await this.has(name))) {
      return { status: Status.notFound };
    }
    return work(name);
  }

  private async delete(remoteFilename: string): Promise<Answer> {
    await this.remove(remoteFilename);
    for (const peer of this.peers) await peer.remove(remoteFilename);
    return {};
  }

  private async info(remoteFilename: string): Promise<Answer> {
    const bytes = await readFile(this.path(remoteFilename));
    const createdAt = new Date(this.created.get(remoteFilename) ?? Date.now());
    return {
      body: encodeFileInfo({
        size: BigInt(bytes.length),
        createdAt,
        crc32: crc32(bytes),
        sourceIp: '127.0.0.1',
      }),
    };
  }

  private async store(remoteFilename: string, bytes: Buffer): Promise<void> {
    await mkdir(dirname(this.path(remoteFilename)), { recursive: true });
    await writeFile(this.path(remoteFilename), bytes);
    this.created.set(remoteFilename, Date.now());
  }

  private async remove(remoteFilename: string): Promise<void> {
    await rm(this.path(remoteFilename), { force: true });
    this.created.delete(remoteFilename);
  }

  /** `M00/XX/YY/<27 chars>.ext`: two hex directory levels, then 20 bytes (ip, time, size, random) in base64url. */
  private newFilename(size: number, extension: string): string {
    const key = Buffer.alloc(20);
    key.writeUInt32BE(0x7f000001, 0);
    key.writeUInt32BE(Math.floor(Date.now() / 1000), 4);
    key.writeBigInt64BE(BigInt(size), 8);
    randomBytes(4).copy(key, 16);
    const hex = () => randomBytes(1).toString('hex').toUpperCase();
    return `M00/${hex()}/${hex()}/${key.toString('base64url')}${extension ? `.${extension}` : ''}`;
  }

  private path(remoteFilename: string): string {
    return join(this.dir, 'data', remoteFilename.slice('M00/'.length));
  }
}
