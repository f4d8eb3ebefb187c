import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Endpoint } from '@harvest/fastdfs';
import { FastdfsStorageTestServer } from './fastdfs-storage.test-server';
import { FastdfsTrackerTestServer } from './fastdfs-tracker.test-server';

export interface FastdfsTestCluster {
  trackers: FastdfsTrackerTestServer[];
  storages: FastdfsStorageTestServer[];
  /** The trackers' addresses, for a client or FASTDFS_TRACKERS. */
  trackerEndpoints: Endpoint[];
  /** Stops every server and removes the files. */
  close(): Promise<void>;
}

/**
 * Trackers and storages on 127.0.0.1 (ephemeral ports), every tracker knowing every storage, all storages in
 * one group replicating to each other. Defaults to two of each, so failover of either can be tested.
 */
export async function startFastdfsTestCluster(
  options: { trackers?: number; storages?: number; group?: string } = {},
): Promise<FastdfsTestCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'harvest-fastdfs-'));
  const storages = Array.from(
    { length: options.storages ?? 2 },
    (_, i) => new FastdfsStorageTestServer(options.group ?? 'group1', join(dir, `storage${i}`)),
  );
  for (const storage of storages)
    for (const peer of storages) if (peer !== storage) storage.replicatesTo(peer);
  const trackers = Array.from(
    { length: options.trackers ?? 2 },
    () => new FastdfsTrackerTestServer(storages),
  );
  await Promise.all([...storages, ...trackers].map((server) => server.start()));
  return {
    trackers,
    storages,
    trackerEndpoints: trackers.map((t) => ({ host: '127.0.0.1', port: t.port })),
    async close() {
      await Promise.all([...storages.map((s) => s.stop()), ...trackers.map((t) => t.stop())]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
