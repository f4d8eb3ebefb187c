import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFastdfsTestCluster, type FastdfsTestCluster } from '@harvest/testing';
import { ConfigError, loadConfig } from '@harvest/platform/config';
import { createObjectStorage, objectStorageEnvShape } from './object-storage.config';
import { ObjectNotFoundError, ObjectStorageUnavailableError } from './object-storage.errors';
import { bufferSource, fileSource, type ObjectStorage } from './object-storage.port';

async function readAll(storage: ObjectStorage, id: string): Promise<Buffer> {
  const { stream } = await storage.open(id);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe.each(['local', 'fastdfs'] as const)('ObjectStorage, %s driver', (driver) => {
  let storage: ObjectStorage;
  let cluster: FastdfsTestCluster | undefined;
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'harvest-objects-'));
    cluster = driver === 'fastdfs' ? await startFastdfsTestCluster() : undefined;
    storage = createObjectStorage(
      loadConfig(objectStorageEnvShape, {
        OBJECT_STORAGE_DRIVER: driver,
        OBJECT_STORAGE_LOCAL_DIR: dir,
        FASTDFS_TRACKERS: cluster?.trackerEndpoints.map((t) => `${t.host}:${t.port}`).join(','),
        FASTDFS_NETWORK_TIMEOUT_MS: '1000',
      }),
    );
  });

  afterEach(async () => {
    await storage.close();
    await cluster?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores, reads back the same bytes, deletes (twice is fine), then reports not found', async () => {
    const bytes = Buffer.from('fresh strawberries from Hebei');
    const id = await storage.put(bufferSource(bytes), 'webp');
    expect(id).toMatch(/\.webp$/);
    expect((await readAll(storage, id)).equals(bytes)).toBe(true);
    await storage.delete(id);
    await storage.delete(id);
    await expect(storage.open(id)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('stores a file source byte for byte, whether it copies the file or reads it', async () => {
    const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 31) % 256));
    const path = join(dir, 'upload.original');
    await writeFile(path, bytes);
    const id = await storage.put(fileSource(path, bytes.length), 'jpg');
    expect((await readAll(storage, id)).equals(bytes)).toBe(true);
    expect((await readFile(path)).equals(bytes)).toBe(true); // the source file is left as it was
  });

  it('an id that is not one of its own is not found', async () => {
    const foreign =
      driver === 'local' ? 'local/../../etc/passwd' : 'group1/M00/00/00/nosuchfilenosuchfilenosuchfi.jpg';
    await expect(storage.open(foreign)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('probes as up while storage answers', async () => {
    expect(await storage.probe()).toMatchObject({ up: true, detail: { driver } });
  });

  if (driver === 'fastdfs') {
    it('probes each tracker: up while one answers, down when none does', async () => {
      await cluster!.trackers[0].stop();
      const one = await storage.probe();
      expect(one.up).toBe(true);
      expect(Object.values(one.detail.trackers as object).sort()).toEqual(['down', 'up']);
      await cluster!.trackers[1].stop();
      expect((await storage.probe()).up).toBe(false);
    });

    it('probes as down when the trackers know no storage that is up', async () => {
      await Promise.all(cluster!.storages.map((s) => s.stop()));
      expect(await storage.probe()).toMatchObject({
        up: false,
        detail: { uploadStorage: expect.stringMatching(/status 28/) },
      });
    });

    it('with every storage down, says the storage is unavailable', async () => {
      await Promise.all(cluster!.storages.map((s) => s.stop()));
      await expect(storage.put(bufferSource(Buffer.from('x')), 'jpg')).rejects.toBeInstanceOf(
        ObjectStorageUnavailableError,
      );
    });
  }
});

it('the fastdfs driver without trackers is a config error naming FASTDFS_TRACKERS', () => {
  expect(() =>
    createObjectStorage(loadConfig(objectStorageEnvShape, { OBJECT_STORAGE_DRIVER: 'fastdfs' })),
  ).toThrow(ConfigError);
  expect(() =>
    createObjectStorage(loadConfig(objectStorageEnvShape, { OBJECT_STORAGE_DRIVER: 'fastdfs' })),
  ).toThrow(/FASTDFS_TRACKERS/);
});
