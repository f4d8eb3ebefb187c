import { ensureKafkaTopics } from '@harvest/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { TIER, type BenchRun } from '../support/bench-run';
import { startTsProcess } from '../support/child-process';
import { measureAlternating, type Measurement } from '../support/load';
import type { RatioRow } from '../support/ratio-table';

type RunnerResult = Measurement & { peakRssMiB: number };

const RELAY_ROUNDS = 2;

/** Kafka topics of this row, deleted at the end of the run. */
export const relayTopics = (run: BenchRun) => [`bench-${run.id}-relay-ours`, `bench-${run.id}-relay-raw`];

/**
 * Outbox relay to Kafka: COUNT committed outbox rows published by our relay, against the same payloads sent
 * by a bare batched @platformatic/kafka producer (the relay's client); events/s until Kafka acknowledged all, latency per batch of 100. Each side
 * is its own process, one after the other, on its own topic (same partition count). CPU ms/op is each process's
 * own CPU over its timed span; with --cpu-prof our side is profiled like the services.
 */
export async function outboxRelayRow(run: BenchRun, count: number): Promise<RatioRow> {
  const [oursTopic, rawTopic] = relayTopics(run);
  await ensureKafkaTopics([oursTopic!, rawTopic!], TIER.kafkaBrokers);
  mkdirSync(run.workDir, { recursive: true });
  const warmup = Math.min(2000, count);
  const peaks = new Map<string, number>();
  const side = async (
    name: string,
    entry: string,
    events: number,
    env: NodeJS.ProcessEnv,
    nodeArgs: string[] = [],
  ): Promise<Measurement> => {
    const resultFile = join(run.workDir, `${name}.json`);
    const child = startTsProcess(
      name,
      entry,
      {
        ...env,
        KAFKA_BROKERS: TIER.kafkaBrokers,
        COUNT: String(events),
        WARMUP: String(warmup),
        RESULT_FILE: resultFile,
      },
      [],
      nodeArgs,
    );
    const code = await child.exited();
    if (code !== 0) throw new Error(`${name} exited ${code}; see ${child.logFile}`);
    const { peakRssMiB, ...measured } = JSON.parse(readFileSync(resultFile, 'utf8')) as RunnerResult;
    peaks.set(name, peakRssMiB);
    return measured;
  };
  // Alternating rounds of half the events each (ours, raw, ours, raw), like the HTTP rows.
  const perRound = Math.ceil(count / RELAY_ROUNDS);
  const [ours, raw] = await measureAlternating(
    RELAY_ROUNDS,
    (round) =>
      side(
        `relay-ours-${round}`,
        'bench/workloads/outbox-relay.runner.ts',
        perRound,
        {
          DB_NAME: `${run.database.prefix}relay_${round}`,
          TOPIC: oursTopic,
        },
        run.serviceNodeArgs,
      ),
    (round) =>
      side(`relay-raw-${round}`, 'bench/baselines/kafka-producer.baseline.ts', perRound, { TOPIC: rawTopic }),
  );
  const peak = (name: string) =>
    Math.max(...[...peaks].filter(([n]) => n.startsWith(name)).map(([, mib]) => mib));
  return {
    workload: `outbox relay to Kafka, ${count} events`,
    unit: 'events/s',
    target: 0.7,
    ours,
    raw,
    oursRss: { 'outbox relay': peak('relay-ours') },
    rawRss: { '@platformatic/kafka': peak('relay-raw') },
  };
}
