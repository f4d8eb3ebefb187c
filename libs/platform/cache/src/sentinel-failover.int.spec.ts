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
    const sentinel = new Redis({
      host,
      port,
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    try {
      await sentinel.connect();
      const reply = (await sentinel.call('SENTINEL', 'get-master-addr-by-name', MASTER_NAME)) as
        [string, string] | null;
      if (reply) return Number(reply[1]);
      errors.push(`${port}: no master named ${MASTER_NAME}`);
    } catch (error) {
      errors.push(`${port}: ${String(error)}`);
    } finally {
      sentinel.disconnect();
    }
  }
  throw new Error(
    `No sentinel knows master "${MASTER_NAME}" (${errors.join('; ')}). Start it with: bash infra/local/harness up sentinel`,
  );
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

/**
 * Ways a master fails. Each resolves once the failure has taken effect, with a promise that settles when the
 * failure itself is over (the hung process wakes up).
 */
const FAILURES: Array<[string, (port: number) => Promise<{ over: Promise<unknown> }>]> = [
  // The process dies; the client's socket is closed at once.
  [
    'killed (SHUTDOWN NOSAVE)',
    async (port) => {
      await run('redis-cli', ['-p', String(port), 'shutdown', 'nosave']).catch(() => undefined); // it hangs up on us
      return { over: Promise.resolve() };
    },
  ],
  // The process stops answering but keeps its sockets open, so nothing tells the client to reconnect
  // except the sentinels' +switch-master (ioredis #1059). Sleeps past the failover and the recovery budget.
  [
    'hung (DEBUG SLEEP 12)',
    async (port) => {
      const over = run('redis-cli', ['-p', String(port), 'debug', 'sleep', '12']).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return { over };
    },
  ],
];

/**
 * A sentinel will not start another failover of the same master until twice failover-timeout (2 x 5 s)
 * after the previous one began, so each test leaves that much time behind it.
 */
const SENTINEL_FAILOVER_COOLDOWN_MS = 12_000;

describe('Sentinel cache client across a master failover', () => {
  let cache: CacheStore | undefined;
  let failureOver: Promise<unknown> = Promise.resolve();
  let failedAt: number | undefined;

  afterEach(async () => {
    await cache?.close();
    cache = undefined;
    await failureOver;
    // Brings the failed node back as a replica so the next test (and run) starts from a healthy topology.
    await run('bash', [HARNESS, 'up', 'sentinel'], { timeout: 90_000 });
    if (failedAt !== undefined)
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, failedAt! + SENTINEL_FAILOVER_COOLDOWN_MS - Date.now())),
      );
    failedAt = undefined;
  }, 120_000);

  it.each(FAILURES)(
    'serves a write and a read through the new master within 10 s of the master being %s',
    async (how, fail) => {
      const oldMaster = await masterPort();
      const replicas = await connectedReplicas(oldMaster);
      if (replicas < 1)
        throw new Error(
          `Master 127.0.0.1:${oldMaster} has no connected replica, so no failover can happen; run: bash infra/local/harness up sentinel`,
        );

      cache = createCacheStore({
        driver: 'sentinel',
        sentinels: SENTINELS,
        sentinelName: MASTER_NAME,
        keyPrefix: PREFIX,
      });
      expect(await cache.set('before', 'failure', 60)).toBe(true);
      expect(await cache.get('before')).toBe('failure');
      const health = new CacheHealthIndicator('sentinel', cache);
      expect(await health.check()).toMatchObject({ up: true, detail: { server: `127.0.0.1:${oldMaster}` } });

      ({ over: failureOver } = await fail(oldMaster));
      failedAt = Date.now();
      await expect(
        run('redis-cli', ['-p', String(oldMaster), 'ping'], { timeout: 500 }),
      ).rejects.toBeDefined();

      // Keep the client busy the way a service would: a write and a read every ~100 ms, never throwing.
      let recoveredAfterMs: number | undefined;
      let attempts = 0;
      while (Date.now() - failedAt < RECOVERY_BUDGET_MS + 5_000) {
        attempts++;
        const marker = `w${attempts}`;
        if ((await cache.set('probe', marker, 60)) && (await cache.get('probe')) === marker) {
          recoveredAfterMs = Date.now() - failedAt;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      console.log(
        `sentinel failover, master ${how}: cache served again ${recoveredAfterMs ?? 'never'} ms later (${attempts} attempts)`,
      );

      expect(recoveredAfterMs).toBeDefined();
      expect(recoveredAfterMs!).toBeLessThanOrEqual(RECOVERY_BUDGET_MS);
      const newMaster = await masterPort();
      expect(newMaster).not.toBe(oldMaster);
      expect(await health.check()).toMatchObject({ up: true, detail: { server: `127.0.0.1:${newMaster}` } });
      expect(cache.stats().errors).toBeGreaterThan(0);
    },
    60_000,
  );
});
