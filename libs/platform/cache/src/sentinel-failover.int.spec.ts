import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { CacheHealthIndicator } from './cache-health.indicator';
import { createCacheStore } from './cache-store.factory';
import type { CacheStore } from './cache-store.port';

/**
 * Kills the Sentinel-managed master for real and measures how long the cache client takes to write and read
 * again through the new master. Topology from infra/local/harness: nodes 6390/6391, sentinels 26390-26392.
 */
const run = promisify(execFile);
const SENTINELS = [26390, 26391, 26392].map((port) => ({ host: '127.0.0.1', port }));
const MASTER_NAME = 'harvest';
const RECOVERY_BUDGET_MS = 10_000;
const PREFIX = `test:sentinel-int:${process.pid}-${Date.now()}:`;
const HARNESS = `${__dirname}/../../../../infra/local/harness`;

async function masterPort(): Promise<number> {
  const errors: string[] = [];
  for (const { host, port } of SENTINELS) {
    const sentinel = new Redis({ host, port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await sentinel.connect();
      const reply = (await sentinel.call('SENTINEL', 'get-master-addr-by-name', MASTER_NAME)) as [string, string] | null;
      if (reply) return Number(reply[1]);
      errors.push(`${port}: no master named ${MASTER_NAME}`);
    } catch (error) {
      errors.push(`${port}: ${String(error)}`);
    } finally {
      sentinel.disconnect();
    }
  }
  throw new Error(`No sentinel knows master "${MASTER_NAME}" (${errors.join('; ')}). Start it with: bash infra/local/harness up sentinel`);
}

async function connectedReplicas(port: number): Promise<number> {
  const node = new Redis({ port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await node.connect();
    const info = await node.info('replication');
    return Number(/connected_slaves:(\d+)/.exec(info)?.[1] ?? 0);
  } finally {
    node.disconnect();
  }
}

describe('Sentinel cache client across a master failover', () => {
  let cache: CacheStore | undefined;

  afterAll(async () => {
    await cache?.close();
    // Brings the killed node back as a replica so the next run starts from a healthy topology.
    await run('bash', [HARNESS, 'up', 'sentinel'], { timeout: 90_000 });
  }, 120_000);

  it('serves a write and a read through the new master within 10 s of killing the old one', async () => {
    const oldMaster = await masterPort();
    const replicas = await connectedReplicas(oldMaster);
    if (replicas < 1) throw new Error(`Master 127.0.0.1:${oldMaster} has no connected replica, so no failover can happen; run: bash infra/local/harness up sentinel`);

    cache = createCacheStore({ driver: 'sentinel', sentinels: SENTINELS, sentinelName: MASTER_NAME, keyPrefix: PREFIX });
    expect(await cache.set('before', 'kill', 60)).toBe(true);
    expect(await cache.get('before')).toBe('kill');
    const health = new CacheHealthIndicator('sentinel', cache);
    expect(await health.check()).toMatchObject({ up: true, detail: { server: `127.0.0.1:${oldMaster}` } });

    await run('redis-cli', ['-p', String(oldMaster), 'shutdown', 'nosave']).catch(() => undefined); // the server hangs up on us
    const killedAt = Date.now();
    await expect(run('redis-cli', ['-p', String(oldMaster), 'ping'])).rejects.toBeDefined();

    // Keep the client busy the way a service would: a write and a read every ~100 ms, never throwing.
    let recoveredAfterMs: number | undefined;
    let attempts = 0;
    while (Date.now() - killedAt < RECOVERY_BUDGET_MS + 5_000) {
      attempts++;
      const marker = `w${attempts}`;
      if ((await cache.set('probe', marker, 60)) && (await cache.get('probe')) === marker) {
        recoveredAfterMs = Date.now() - killedAt;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    console.log(`sentinel failover: cache served again ${recoveredAfterMs ?? 'never'} ms after the master kill (${attempts} attempts)`);

    expect(recoveredAfterMs).toBeDefined();
    expect(recoveredAfterMs!).toBeLessThanOrEqual(RECOVERY_BUDGET_MS);
    const newMaster = await masterPort();
    expect(newMaster).not.toBe(oldMaster);
    expect(await health.check()).toMatchObject({ up: true, detail: { server: `127.0.0.1:${newMaster}` } });
    expect(cache.stats().errors).toBeGreaterThan(0);
  }, 60_000);
});
