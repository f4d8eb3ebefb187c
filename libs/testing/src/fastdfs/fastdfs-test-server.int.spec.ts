import { connect, type Socket } from 'node:net';
import { crc32 } from 'node:zlib';
import { startFastdfsTestCluster, type FastdfsTestCluster } from './fastdfs-test-cluster';

// The test server checked with raw bytes written out here, not with the client's codecs, so a layout
// mistake shared by client and server would still show.

const header = (bodyLength: number, command: number) =>
  Buffer.from(
    `${bodyLength.toString(16).padStart(16, '0')}${command.toString(16).padStart(2, '0')}00`,
    'hex',
  );
const padded = (text: string, width: number) =>
  Buffer.concat([Buffer.from(text), Buffer.alloc(width - text.length)]);
const int64 = (n: number) => Buffer.from(n.toString(16).padStart(16, '0'), 'hex');

interface Reply {
  command: number;
  status: number;
  body: Buffer;
}

class RawClient {
  private data = Buffer.alloc(0);
  closed = false;
  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk) => (this.data = Buffer.concat([this.data, chunk])));
    socket.on('close', () => (this.closed = true));
  }

  static open(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port }, () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  async call(...parts: Buffer[]): Promise<Reply> {
    this.socket.write(Buffer.concat(parts));
    const deadline = Date.now() + 2000;
    while (this.data.length < 10 || this.data.length < 10 + Number(this.data.readBigInt64BE(0))) {
      if (Date.now() > deadline) throw new Error(`no complete answer; have ${this.data.length} bytes`);
      await new Promise((r) => setTimeout(r, 5));
    }
    const length = Number(this.data.readBigInt64BE(0));
    const reply = {
      command: this.data[8]!,
      status: this.data[9]!,
      body: this.data.subarray(10, 10 + length),
    };
    this.data = this.data.subarray(10 + length);
    return reply;
  }

  async waitClosed(): Promise<boolean> {
    for (let i = 0; i < 200 && !this.closed; i++) await new Promise((r) => setTimeout(r, 5));
    return this.closed;
  }

  close(): void {
    this.socket.destroy();
  }
}

describe('FastDFS test server, byte for byte', () => {
  let cluster: FastdfsTestCluster;
  let tracker: RawClient;
  const clients: RawClient[] = [];
  const open = async (port: number) => {
    const client = await RawClient.open(port);
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    cluster = await startFastdfsTestCluster();
    tracker = await open(cluster.trackers[0]!.port);
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await cluster.close();
  });

  it('tracker 101 → 40 bytes: group16 + ip15 + port int64 + store path index; 111 → empty; unknown → EINVAL and close', async () => {
    const store = await tracker.call(header(0, 101));
    expect([store.command, store.status, store.body.length]).toEqual([100, 0, 40]);
    expect(store.body.subarray(0, 16)).toEqual(padded('group1', 16));
    expect(store.body.subarray(16, 31)).toEqual(padded('127.0.0.1', 15));
    expect(cluster.storages.map((s) => s.port)).toContain(Number(store.body.readBigInt64BE(31)));
    expect(store.body[39]).toBe(0);

    expect(await tracker.call(header(0, 111))).toEqual({ command: 100, status: 0, body: Buffer.alloc(0) });
    expect(await tracker.call(header(0, 99))).toMatchObject({ status: 22 });
    expect(await tracker.waitClosed()).toBe(true);
  });

  it('storage 11 upload, 102 fetch, 22 info, 14 ranged download, 12 delete, then ENOENT; 82 quit closes', async () => {
    const storage = await open(cluster.storages[0]!.port);
    const bytes = Buffer.from('organic spinach, Shanghai');
    const uploaded = await storage.call(
      header(15 + bytes.length, 11),
      Buffer.from([0]),
      int64(bytes.length),
      padded('txt', 6),
      bytes,
    );
    expect(uploaded.status).toBe(0);
    expect(uploaded.body.subarray(0, 16)).toEqual(padded('group1', 16));
    const name = uploaded.body.subarray(16).toString();
    expect(name).toMatch(/^M00\/[0-9A-F]{2}\/[0-9A-F]{2}\/[\w-]{27}\.txt$/);
    const file = Buffer.concat([padded('group1', 16), Buffer.from(name)]);

    const fetch = await tracker.call(header(file.length, 102), file);
    expect(fetch.body.length).toBe(39);
    expect(cluster.storages.map((s) => s.port)).toContain(Number(fetch.body.readBigInt64BE(31)));

    const info = await storage.call(header(file.length, 22), file);
    expect(info.body.length).toBe(40);
    expect(Number(info.body.readBigInt64BE(0))).toBe(bytes.length);
    expect(Math.abs(Number(info.body.readBigInt64BE(8)) - Date.now() / 1000)).toBeLessThan(5);
    expect(Number(info.body.readBigInt64BE(16))).toBe(crc32(bytes));
    expect(info.body.subarray(24)).toEqual(padded('127.0.0.1', 16));

    const part = await storage.call(header(16 + file.length, 14), int64(8), int64(7), file);
    expect(part.body.toString()).toBe('spinach');
    const rest = await storage.call(header(16 + file.length, 14), int64(17), int64(0), file);
    expect(rest.body.toString()).toBe('Shanghai');

    expect((await storage.call(header(file.length, 12), file)).status).toBe(0);
    expect(await cluster.storages[1]!.has(name)).toBe(false); // the delete reached the other storage of the group
    expect(await storage.call(header(16 + file.length, 14), int64(0), int64(0), file)).toEqual({
      command: 100,
      status: 2,
      body: Buffer.alloc(0),
    });
    expect((await storage.call(header(file.length, 12), file)).status).toBe(2);

    storage.call(header(0, 82)).catch(() => undefined);
    expect(await storage.waitClosed()).toBe(true);
  });

  it('an upload whose body length disagrees with its file size is EINVAL; another group is EINVAL', async () => {
    const storage = await open(cluster.storages[0]!.port);
    const bad = await storage.call(
      header(15 + 3, 11),
      Buffer.from([0]),
      int64(5),
      padded('txt', 6),
      Buffer.from('abc'),
    );
    expect(bad.status).toBe(22);
    expect(await storage.waitClosed()).toBe(true); // the rest of that body cannot be framed
    const other = Buffer.concat([
      padded('group9', 16),
      Buffer.from('M00/00/00/AAAAAAAAAAAAAAAAAAAAAAAAAAA.txt'),
    ]);
    expect((await (await open(cluster.storages[0]!.port)).call(header(other.length, 22), other)).status).toBe(
      22,
    );
  });

  it('a stopped storage is no longer named by the trackers once known down; none left → ENOSPC', async () => {
    await cluster.storages[0]!.stop();
    for (let i = 0; i < 4; i++) {
      const store = await tracker.call(header(0, 101));
      expect(Number(store.body.readBigInt64BE(31))).toBe(cluster.storages[1]!.port);
    }
    await cluster.storages[1]!.stop();
    expect((await tracker.call(header(0, 101))).status).toBe(28);
    await cluster.storages[0]!.start();
    expect((await tracker.call(header(0, 101))).status).toBe(0);
  });
});
