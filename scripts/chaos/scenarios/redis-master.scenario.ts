/**
 * Redis master killed (SIGKILL) under order load and product reads (the cached path). Figures: seconds until
 * the sentinels name a new master that answers as master; 5xx answers served meanwhile (the cache turns
 * into misses and reads fall back to MySQL, so there must be none).
 */
import { execFileSync } from 'node:child_process';
import { REDIS_NODE_PORTS, SENTINEL_PORTS } from '../chaos-settings';
import { harness, waitFor } from '../harness-cli';
import { failureSummary, underLoad } from '../load-window';
import { log, seconds, type Scenario } from '../scenario';

const redisCli = (port: number, ...args: string[]) =>
  execFileSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8', timeout: 3_000 }).trim();

function reportedMaster(): number | null {
  for (const port of SENTINEL_PORTS) {
    try {
      const answer = redisCli(port, 'sentinel', 'get-master-addr-by-name', 'harvest').split('\n');
      if (answer.length === 2) return Number(answer[1]);
    } catch {
      // this sentinel is not answering; ask the next
    }
  }
  return null;
}

function isMaster(port: number): boolean {
  try {
    return redisCli(port, 'role').split('\n')[0] === 'master';
  } catch {
    return false;
  }
}

export const redisMasterScenario: Scenario = {
  name: 'redis',
  fault: 'Redis master killed',
  bar: '5xx 0',
  async run(context) {
    await harness('up', 'sentinel_ha');
    const master = reportedMaster();
    if (master === null || !REDIS_NODE_PORTS.includes(master)) throw new Error('no sentinel names a master');
    let recoverMs = 0;
    const window = await underLoad(context, 'redis', ['product'], async (faultAt) => {
      const pid = Number(/process_id:(\d+)/.exec(redisCli(master, 'info', 'server'))![1]);
      process.kill(pid, 'SIGKILL');
      log(
        'redis',
        `killed master 127.0.0.1:${master} (pid ${pid}); waiting for Sentinel to promote the replica`,
      );
      await waitFor(
        'a new Redis master',
        async () => {
          const now = reportedMaster();
          return now !== null && now !== master && isMaster(now);
        },
        90_000,
      );
      recoverMs = Date.now() - faultAt;
      log(
        'redis',
        `sentinels promoted 127.0.0.1:${reportedMaster()} after ${seconds(recoverMs)}s; restarting the old master as replica`,
      );
      await harness('up', 'sentinel_ha');
    });
    const reads = window.reads!;
    const orders5xx = [...window.orders.failures]
      .filter(([s]) => s.startsWith('5'))
      .reduce((a, [, n]) => a + n, 0);
    const reads5xx = reads.count((r) => typeof r.status === 'number' && r.status >= 500);
    const readErrors = reads.count((r) => r.status !== 200);
    const served5xx = orders5xx + reads5xx;
    return {
      fault: this.fault,
      figures: [
        ['seconds to recover', seconds(recoverMs)],
        ['5xx served', served5xx],
      ],
      bar: this.bar,
      pass: served5xx === 0 && window.truth.lost === 0 && window.orders.problem === null,
      notes: [
        ...(window.orders.problem ? [`order load not valid: ${window.orders.problem}`] : []),
        `${reads.results.length} product reads (${readErrors} not 200), ${window.orders.attempts} order attempts ` +
          `(failed: ${failureSummary(window.orders.failures)}), acknowledged orders lost ${window.truth.lost}`,
      ],
    };
  },
};
