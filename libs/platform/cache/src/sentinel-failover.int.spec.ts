import { runHarness } from '@harvest/testing';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { DependencyCheck } from '@harvest/platform/health';
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
/**
 * Sentinels other than the failover's leader learn the new master from its hello messages (every 2 s), so
 * for a few seconds after the cache recovered one of them may still name the old master.
 */
const SENTINEL_AGREEMENT_MS = 10_000;
const PREFIX = `test:sentinel-int:${process.pid}-${Date.now()}:`;

/** The master port each sentinel names (or why it did not answer), in SENTINELS order. */
async function sentinelViews(): Promise<string[]> {
  return Promise.all(
    SENTINELS.map(async ({ host, port }) => {
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
        return reply ? reply[1] : `${port}: no master named ${MASTER_NAME}`;
      } catch (error) {
        return `${port}: ${String(error)}`;
      } finally {
        sentinel.disconnect();
      }
    }),
  );
}

/**
 * The master all sentinels name, once they agree on one that `accept`s, polled until the deadline: one
 * sentinel's first answer may be a view that has not caught up with a failover yet.
 */
async function agreedMaster(accept: (port: number) => boolean = () => true): Promise<number> {
  const deadline = Date.now() + SENTINEL_AGREEMENT_MS;
  for (;;) {
    const views = await sentinelViews();
    const port = Number(views[0]);
    if (views.every((view) => view === views[0]) && Number.isInteger(port) && accept(port)) return port;
    if (Date.now() > deadline)
      throw new Error(
        `Sentinels did not agree on a master "${MASTER_NAME}" within ${SENTINEL_AGREEMENT_MS} ms (they name: ${views.join(', ')}). Restore it with: bash infra/local/harness up sentinel`,
      );
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The health check once it reports SERVER up, or its last answer at the deadline. The client drops its
 * connection on every sentinel's +switch-master (failoverDetector), and the sentinels announce the same
 * failover up to seconds apart, so one check right after the failover may catch it reconnecting.
 */
async function settledHealth(health: CacheHealthIndicator, server: string): Promise<DependencyCheck> {
  const deadline = Date.now() + SENTINEL_AGREEMENT_MS;
  for (;;) {
    const check = await health.check();
    if ((check.up && check.detail?.server === server) || Date.now() > deadline) return check;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Whether a new client writes and reads through the master before the failure, polled until the deadline: its
 * first command waits for the sentinel lookup and the connection, and on a busy machine (load 11, 2026-12-08)
 * that took longer than the client's 1 s command timeout, so the first write answered false.
 */
async function servedBeforeFailure(cache: CacheStore): Promise<boolean> {
  const deadline = Date.now() + SENTINEL_AGREEMENT_MS;
  for (;;) {
    if ((await cache.set('before', 'failure', 60)) && (await cache.get('before')) === 'failure') return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
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

  /** The agreed master, with a replica connected: the topology a failover needs, checked, never assumed. */
  async function readyMaster(): Promise<number> {
    const master = await agreedMaster();
    if ((await connectedReplicas(master)) < 1)
      throw new Error(
        `Master 127.0.0.1:${master} has no connected replica, so no failover can happen; run: bash infra/local/harness up sentinel`,
      );
    return master;
  }

  // Each case starts from a topology the harness has seen settled (another spec or run may have left one behind).
  beforeEach(() => runHarness('up', 'sentinel'), 90_000);

  afterEach(async () => {
    await cache?.close();
    cache = undefined;
    await failureOver;
    // Brings the failed node back as a replica and checks it, so the next test (and spec) starts from a healthy topology.
    runHarness('up', 'sentinel');
    await readyMaster();
    if (failedAt !== undefined)
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, failedAt! + SENTINEL_FAILOVER_COOLDOWN_MS - Date.now())),
      );
    failedAt = undefined;
  }, 120_000);

  it.each(FAILURES)(
    'serves a write and a read through the new master within 10 s of the master being %s',
    async (how, fail) => {
      const oldMaster = await readyMaster();

      cache = createCacheStore({
        driver: 'sentinel',
        sentinels: SENTINELS,
        sentinelName: MASTER_NAME,
        keyPrefix: PREFIX,
      });
      expect(await servedBeforeFailure(cache)).toBe(true);
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
      const newMaster = await agreedMaster((port) => port !== oldMaster);
      expect(await settledHealth(health, `127.0.0.1:${newMaster}`)).toMatchObject({
        up: true,
        detail: { server: `127.0.0.1:${newMaster}` },
      });
      expect(cache.stats().errors).toBeGreaterThan(0);
    },
    60_000,
  );
});
