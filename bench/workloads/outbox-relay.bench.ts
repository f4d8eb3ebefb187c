import { ensureKafkaTopics } from '@harvest/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { TIER, type BenchRun } from '../support/bench-run';
import { startTsProcess } from '../support/child-process';
import type { Measurement } from '../support/load';
import type { RatioRow } from '../support/ratio-table';

type RunnerResult = Measurement & { peakRssMiB: number };

/** Kafka topics of this row, deleted at the end of the run. */
export const relayTopics = (run: BenchRun) => [`bench-${run.id}-relay-ours`, `bench-${run.id}-relay-raw`];

/**
 * Outbox relay to Kafka: COUNT committed outbox rows published by our relay, against the same payloads sent
 * by a batched kafkajs producer; events/s until Kafka acknowledged all, latency per batch of 100. Each side
 * is its own process, one after the other, on its own topic (same partition count).
 */
export async function outboxRelayRow(run: BenchRun, count: number): Promise<RatioRow> {
  const [oursTopic, rawTopic] = relayTopics(run);
  await ensureKafkaTopics([oursTopic!, rawTopic!], TIER.kafkaBrokers);
  mkdirSync(run.workDir, { recursive: true });
  const warmup = Math.min(2000, count);
  const side = async (name: string, entry: string, env: NodeJS.ProcessEnv): Promise<RunnerResult> => {
    const resultFile = join(run.workDir, `${name}.json`);
    const child = startTsProcess(name, entry, {
      ...env,
      KAFKA_BROKERS: TIER.kafkaBrokers,
      COUNT: String(count),
      WARMUP: String(warmup),
      RESULT_FILE: resultFile,
    });
    const code = await child.exited();
    if (code !== 0) throw new Error(`${name} exited ${code}; see ${child.logFile}`);
    return JSON.parse(readFileSync(resultFile, 'utf8')) as RunnerResult;
  };
  const ours = await side('relay-ours', 'bench/workloads/outbox-relay.runner.ts', {
    DB_NAME: `${run.database.prefix}relay`,
    TOPIC: oursTopic,
  });
  const raw = await side('relay-raw', 'bench/baselines/kafka-producer.baseline.ts', { TOPIC: rawTopic });
  return {
    workload: `outbox relay to Kafka, ${count} events`,
    unit: 'events/s',
    target: 0.5,
    ours,
    raw,
    oursRss: { 'outbox relay': ours.peakRssMiB },
    rawRss: { kafkajs: raw.peakRssMiB },
  };
}
