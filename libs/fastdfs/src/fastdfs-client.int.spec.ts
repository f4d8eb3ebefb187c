import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { startFastdfsTestCluster, type FastdfsTestCluster } from '@harvest/testing';
import { FastdfsClient, type UploadSource } from './fastdfs-client';
import { FastdfsStatusError, FastdfsUnavailableError } from './fastdfs-errors';

const bytesSource = (bytes: Buffer, chunk = 64 * 1024): UploadSource => ({
  size: bytes.length,
  async *open() {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  },
});

describe('FastdfsClient against the FastDFS test server', () => {
  let cluster: FastdfsTestCluster;
  let client: FastdfsClient;

  beforeEach(async () => {
    cluster = await startFastdfsTestCluster();
    client = new FastdfsClient({
      trackers: cluster.trackerEndpoints,
      connectTimeoutMs: 500,
      networkTimeoutMs: 2000,
    });
  });

  afterEach(async () => {
    client.close();
    await cluster.close();
  });

  it('uploads, streams the bytes back, reports file info, deletes', async () => {
    const bytes = randomBytes(1_500_000);
    const fileId = await client.upload(bytesSource(bytes), 'jpg');
    expect(fileId).toMatch(/^group1\/M00\/[0-9A-F]{2}\/[0-9A-F]{2}\/[\w-]{27}\.jpg$/);

    const download = await client.download(fileId);
    expect(download.size).toBe(bytes.length);
    const chunks: Buffer[] = [];
    for await (const chunk of download.stream) chunks.push(chunk as Buffer);
    expect(chunks.length).toBeGreaterThan(1); // arrived as a stream, not one buffer
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);

    expect((await client.download(fileId, 10, 5)).size).toBe(5);
    const info = await client.fileInfo(fileId);
    expect(info.size).toBe(BigInt(bytes.length));
    expect(info.sourceIp).toBe('127.0.0.1');

    await client.delete(fileId);
    await expect(client.downloadBuffer(fileId)).rejects.toMatchObject({
      name: 'FastdfsStatusError',
      status: 2,
    });
    await expect(client.delete(fileId)).rejects.toBeInstanceOf(FastdfsStatusError);
  });

  it('reuses pooled connections between calls', async () => {
    const fileId = await client.upload(bytesSource(Buffer.from('pooled')), 'txt');
    for (let i = 0; i < 10; i++) expect((await client.downloadBuffer(fileId)).toString()).toBe('pooled');
    const accepted = (servers: Array<{ frames: { accepted: number } }>) =>
      servers.reduce((n, s) => n + s.frames.accepted, 0);
    // 11 tracker queries and 11 storage calls, one after another: one connection per server at most.
    expect(accepted(cluster.trackers)).toBeLessThanOrEqual(2);
    expect(accepted(cluster.storages)).toBeLessThanOrEqual(2);
  });

  it('a download abandoned part-way does not leave half a response in the pool', async () => {
    const big = randomBytes(2_000_000);
    const bigId = await client.upload(bytesSource(big), 'bin');
    const smallId = await client.upload(bytesSource(Buffer.from('small')), 'txt');
    const { stream } = await client.download(bigId);
    for await (const chunk of stream) {
      expect((chunk as Buffer).length).toBeGreaterThan(0);
      break; // leaves the rest of the 2 MB unread
    }
    for (let i = 0; i < 4; i++) expect((await client.downloadBuffer(smallId)).toString()).toBe('small');
  });

  it('with one tracker down, uses the other', async () => {
    await cluster.trackers[0].stop();
    const before = cluster.trackers[1].queries;
    for (let i = 0; i < 4; i++) {
      const fileId = await client.upload(bytesSource(Buffer.from(`file ${i}`)), 'txt');
      expect((await client.downloadBuffer(fileId)).toString()).toBe(`file ${i}`);
    }
    expect(cluster.trackers[1].queries - before).toBe(8);
  });

  it('with a storage stopped silently (trackers still name it), goes to the other storage', async () => {
    const fileId = await client.upload(bytesSource(Buffer.from('replicated')), 'txt');
    await cluster.storages[0].stop({ silently: true });
    for (let i = 0; i < 4; i++) {
      expect((await client.downloadBuffer(fileId)).toString()).toBe('replicated');
      await client.upload(bytesSource(Buffer.from(`more ${i}`)), 'txt');
    }
  });

  it('with every storage down, fails with FastdfsUnavailableError naming the cause', async () => {
    await Promise.all(cluster.storages.map((s) => s.stop()));
    await expect(client.upload(bytesSource(Buffer.from('x')), 'txt')).rejects.toMatchObject({ status: 28 });
    await Promise.all(cluster.storages.map((s) => s.start()));
    await Promise.all(cluster.storages.map((s) => s.stop({ silently: true })));
    await expect(client.upload(bytesSource(Buffer.from('x')), 'txt')).rejects.toThrow(
      FastdfsUnavailableError,
    );
  });

  it('a tracker that answers with the wrong layout is passed over for the next', async () => {
    // Answers every request with a 10-byte body where 101 needs 40.
    const liar: Server = createServer((socket) =>
      socket.on('data', () =>
        socket.write(Buffer.concat([Buffer.from('000000000000000a6400', 'hex'), Buffer.alloc(10)])),
      ),
    );
    await new Promise<void>((resolve) => liar.listen(0, '127.0.0.1', resolve));
    const port = (liar.address() as { port: number }).port;
    const mixed = new FastdfsClient({
      trackers: [{ host: '127.0.0.1', port }, cluster.trackerEndpoints[0]!],
    });
    try {
      const fileId = await mixed.upload(bytesSource(Buffer.from('via the honest tracker')), 'txt');
      expect((await mixed.downloadBuffer(fileId)).toString()).toBe('via the honest tracker');
    } finally {
      mixed.close();
      liar.close();
    }
  });

  it('with every tracker down, says no tracker answered', async () => {
    await Promise.all(cluster.trackers.map((t) => t.stop()));
    await expect(client.upload(bytesSource(Buffer.from('x')), 'txt')).rejects.toThrow(
      /no FastDFS tracker answered/,
    );
  });

  it('a server that accepts but never answers times out instead of hanging', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const stuck = new FastdfsClient({ trackers: [{ host: '127.0.0.1', port }], networkTimeoutMs: 300 });
    const started = Date.now();
    await expect(stuck.upload(bytesSource(Buffer.from('x')), 'txt')).rejects.toThrow(
      /no read progress within 300 ms/,
    );
    expect(Date.now() - started).toBeLessThan(5000);
    stuck.close();
    silent.close();
  });
});
