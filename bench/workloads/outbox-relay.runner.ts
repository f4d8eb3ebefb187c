/**
 * Our side of the relay row, in its own process: COUNT committed outbox rows (order.placed, written by the real
 * OutboxWriter in transactions of 100, not timed), then the real OutboxRelay (SqlOutboxStore + KafkaEventPublisher,
 * idempotent producer, acks from all replicas) publishes them; timed until every batch is acknowledged by Kafka
 * and marked published; CPU of this process over the same span. A warm-up of WARMUP events goes first. Writes a Measurement + peak RSS to RESULT_FILE.
 * Env: DB_NAME, KAFKA_BROKERS, TOPIC, COUNT, WARMUP, RESULT_FILE.
 */
import { loadConfig } from '@harvest/platform/config';
import { Database, databaseConfigShape } from '@harvest/platform/database';
import { eventsMigrations, OutboxRelay, OutboxWriter } from '@harvest/platform/events';
import { writeFileSync } from 'node:fs';
import { createKafkaClient } from '../../libs/platform/events/src/kafka/kafka-client.factory';
import { KafkaEventPublisher } from '../../libs/platform/events/src/kafka/kafka-event-publisher.adapter';
import { SqlOutboxStore, type OutboxStore } from '../../libs/platform/events/src/outbox/outbox-store';
import { percentile } from '../support/load';
import { peakRssMiB } from '../support/proc-memory';
import { RELAY_BATCH_SIZE, relayContract, relayPayload } from '../support/relay-events';

async function main(): Promise<void> {
  const env = process.env;
  const count = Number(env.COUNT);
  const warmup = Number(env.WARMUP);
  const contract = relayContract(env.TOPIC!);
  const db = await Database.connect(
    loadConfig(databaseConfigShape, {
      DB_HOSTS: '127.0.0.1:3306',
      DB_USER: 'root',
      DB_PASSWORD: '',
      DB_PRIMARY_CHECK_MS: '0',
      DB_NAME: env.DB_NAME,
    }),
    { entities: [], migrations: eventsMigrations },
  );
  const writer = new OutboxWriter();
  const fill = async (from: number, n: number) => {
    for (let first = from; first < from + n; first += RELAY_BATCH_SIZE)
      await db.transaction(async (em) => {
        for (let i = first; i < Math.min(first + RELAY_BATCH_SIZE, from + n); i++)
          await writer.append(em, contract, { key: `bench-order-${i}`, payload: relayPayload(i) });
      });
  };

  // Batch round trips (read, publish with acks, mark) timed from the store's side, without touching the relay.
  // Keyed by the batch's first row: the relay reads the next batch before it marks the current one.
  const batchMs: number[] = [];
  const store = new SqlOutboxStore(db.writer);
  const readAt = new Map<string, bigint>();
  const timedStore: OutboxStore = {
    nextBatch: async (limit, exclude) => {
      const started = process.hrtime.bigint();
      const rows = await store.nextBatch(limit, exclude);
      if (rows[0]) readAt.set(rows[0].id, started);
      return rows;
    },
    markPublished: async (ids) => {
      await store.markPublished(ids);
      const started = readAt.get(ids[0]!);
      readAt.delete(ids[0]!);
      if (started !== undefined) batchMs.push(Number(process.hrtime.bigint() - started) / 1e6);
    },
    countUnpublished: () => store.countUnpublished(),
  };
  const publisher = new KafkaEventPublisher(
    createKafkaClient({
      KAFKA_BROKERS: env.KAFKA_BROKERS!.split(',').map(hostPort),
      KAFKA_CLIENT_ID: 'harvest-bench',
    }),
  );
  const relay = new OutboxRelay(
    timedStore,
    publisher,
    { holds: async () => true, release: async () => undefined },
    { pollMs: 100, batchSize: RELAY_BATCH_SIZE, backoffMaxMs: 1000 },
  );
  try {
    await fill(0, warmup);
    await relay.publishPending();
    await fill(warmup, count);
    batchMs.length = 0;
    const started = process.hrtime.bigint();
    const cpuBefore = process.cpuUsage();
    const published = await relay.publishPending();
    const cpu = process.cpuUsage(cpuBefore);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    writeFileSync(
      env.RESULT_FILE!,
      JSON.stringify({
        throughput: published / seconds,
        p50Ms: percentile(batchMs, 50),
        p99Ms: percentile(batchMs, 99),
        ok: published,
        failed: count - published,
        cpuMs: (cpu.user + cpu.system) / 1000,
        peakRssMiB: peakRssMiB(process.pid),
      }),
    );
  } finally {
    await publisher.close();
    await db.close();
  }
}

function hostPort(text: string): { host: string; port: number } {
  const [host, port] = text.split(':');
  return { host: host!, port: Number(port) };
}

main().catch((error: Error) => {
  console.error(`outbox relay runner: ${error.stack ?? error.message}`);
  process.exit(1);
});
