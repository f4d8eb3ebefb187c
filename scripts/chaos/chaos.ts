/**
 * npm run chaos [-- SCENARIO...] [-- --down]
 * Brings the chaos topology up (infra/local/harness: sentinel_ha kafka_cluster elasticsearch_ha haproxy, and
 * mha when it answers), starts two instances each of catalog and orders behind HAProxy and one of images on
 * the real adapters, runs every scenario (or the named ones) under continuous load, prints the table and
 * exits 1 if any bar fails. The topology stays up for the next run; `--down` stops it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFastdfsTestCluster, TestIssuer, type FastdfsTestCluster } from '@harvest/testing';
import { CHAOS_RUN_DIR, FALLBACK_DB_HOSTS } from './chaos-settings';
import { ensureContractTopics } from './chaos-topics';
import { harness, harnessQuiet } from './harness-cli';
import { waitForServersUp } from './haproxy-stats';
import { newTierSecret, prepareFixture } from './order-fixture';
import { machineLine, resultTable } from './result-table';
import { log, type Scenario, type ScenarioResult } from './scenario';
import { elasticsearchStoppedScenario } from './scenarios/elasticsearch-stopped.scenario';
import { fastdfsStorageScenario } from './scenarios/fastdfs-storage.scenario';
import { instanceKilledScenario } from './scenarios/instance-killed.scenario';
import { kafkaBrokerScenario } from './scenarios/kafka-broker.scenario';
import { mysqlPrimaryScenario } from './scenarios/mysql-primary.scenario';
import { redisMasterScenario } from './scenarios/redis-master.scenario';
import { INSTANCES, instanceEnv, ServiceInstance } from './service-instances';
import { TruthDb } from './truth-db';

const SCENARIOS: Scenario[] = [
  mysqlPrimaryScenario,
  redisMasterScenario,
  kafkaBrokerScenario,
  instanceKilledScenario,
  elasticsearchStoppedScenario,
  fastdfsStorageScenario,
];
const TOPOLOGY = ['sentinel_ha', 'kafka_cluster', 'elasticsearch_ha', 'haproxy'];

/** HA_DB_HOSTS once `harness up mha` works; else the shared MariaDB and the reason MHA is unusable. */
async function databaseHosts(): Promise<{ dbHosts: string; mhaProblem: string | null }> {
  try {
    await harness('up', 'mha');
  } catch (error) {
    return { dbHosts: FALLBACK_DB_HOSTS, mhaProblem: (error as Error).message };
  }
  const hosts = /HA_DB_HOSTS=(\S+)/.exec((await harnessQuiet('env')).output)?.[1];
  return hosts
    ? { dbHosts: hosts, mhaProblem: null }
    : { dbHosts: FALLBACK_DB_HOSTS, mhaProblem: 'harness env prints no HA_DB_HOSTS' };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--down')) {
    await harness('down', ...[...TOPOLOGY].reverse());
    return 0;
  }
  const chosen = args.length ? SCENARIOS.filter((s) => args.includes(s.name)) : SCENARIOS;
  if (chosen.length !== (args.length || SCENARIOS.length))
    throw new Error(
      `unknown scenario in "${args.join(' ')}"; use: ${SCENARIOS.map((s) => s.name).join(' ')}`,
    );
  const started = Date.now();
  log('chaos', `bringing the topology up: ${TOPOLOGY.join(' ')} (and mha)`);
  await harness('up', ...TOPOLOGY);
  const { dbHosts, mhaProblem } = await databaseHosts();
  log(
    'chaos',
    mhaProblem ? `MHA not usable (${mhaProblem}); services on ${dbHosts}` : `MySQL under MHA: ${dbHosts}`,
  );
  let fastdfs: FastdfsTestCluster | null = null;
  let issuer: TestIssuer | null = null;
  const instances = new Map<string, ServiceInstance>();
  const results: ScenarioResult[] = [];
  // Ctrl-C or a kill of the runner stops the instances it started (they would hold their ports otherwise).
  const stopOnSignal = () =>
    void Promise.all([...instances.values()].map((i) => i.stop())).then(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    log('chaos', `${await ensureContractTopics()} contract topics (and .dlq) exist with leaders, RF 3`);
    fastdfs = await startFastdfsTestCluster();
    const trackers = fastdfs.trackerEndpoints.map((e) => `${e.host}:${e.port}`).join(',');
    issuer = await new TestIssuer().start();
    const tier = { dbHosts, fastdfsTrackers: trackers, secret: newTierSecret(), issuerUrl: issuer.issuer };
    for (const spec of INSTANCES)
      instances.set(spec.name, new ServiceInstance(spec, instanceEnv(tier, spec)));
    log(
      'chaos',
      `starting ${INSTANCES.map((i) => `${i.name}:${i.port}`).join(' ')} (FastDFS test trackers ${trackers})`,
    );
    // First instances seed the demo data; second ones start after, as two seeds at once collide.
    for (const wave of [(n: string) => !n.endsWith('-2'), (n: string) => n.endsWith('-2')]) {
      const batch = [...instances.values()].filter((i) => wave(i.spec.name));
      for (const instance of batch) instance.start();
      await Promise.all(batch.map((i) => i.ready()));
    }
    await waitForServersUp();
    const db = new TruthDb(dbHosts);
    const fixture = await prepareFixture(db, issuer);
    log('chaos', `ready after ${Math.round((Date.now() - started) / 1000)}s: ${fixture.skuIds.length} SKUs`);
    const runId = Date.now().toString(36);
    for (const scenario of chosen) {
      log(scenario.name, `── ${scenario.fault}`);
      try {
        results.push(await scenario.run({ db, fixture, instances, fastdfs, runId, mhaProblem }));
      } catch (error) {
        results.push({
          fault: scenario.fault,
          figures: [['error', (error as Error).message]],
          bar: scenario.bar,
          pass: false,
          notes: [],
        });
      }
      log(scenario.name, results[results.length - 1].pass ? 'PASS' : 'FAIL');
    }
  } finally {
    await Promise.all([...instances.values()].map((i) => i.stop()));
    await fastdfs?.close();
    await issuer?.close();
  }
  const table = resultTable(results);
  const report = `${table}\n\n${results.flatMap((r) => r.notes.map((n) => `- ${r.fault}: ${n}`)).join('\n')}\n\nMachine: ${machineLine()}; run took ${Math.round((Date.now() - started) / 1000)}s\n`;
  writeFileSync(join(CHAOS_RUN_DIR, 'last-table.md'), report);
  console.log(`\n${report}`);
  console.log('The topology is still up for the next run; stop it with: npm run chaos -- --down');
  return results.every((r) => r.pass) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`chaos: ${error.message}`);
    process.exit(1);
  },
);
