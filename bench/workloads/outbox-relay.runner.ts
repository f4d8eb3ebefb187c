/**
 * Our side of the relay row, in its own process: COUNT committed outbox rows (order.placed, written by the real
 * OutboxWriter in transactions of 100, not timed), then the real OutboxRelay (SqlOutboxStore + KafkaEventPublisher,
 * idempotent producer, acks from all replicas) publishes them; timed until every batch is acknowledged by Kafka
 * and marked published; CPU of this process over the same span. Latency is per event, from its read to its mark;
 * the log gets each read, send and mark call's times. A warm-up of WARMUP events goes first. Writes a Measurement + peak RSS to RESULT_FILE.
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

  // Each event's time from its read to its mark (publish with acks in between), and each store and publisher call's
  // own time, timed from outside the relay: the relay reads ahead and marks in the background, so the calls
  // overlap; the log's per-call lines say which of them the relay waited on (their sums against the wall time).
  const eventMs: number[] = [];
  const calls: Record<'read' | 'send' | 'mark', number[]> = { read: [], send: [], mark: [] };
  const timed = async <T>(call: keyof typeof calls, work: () => Promise<T>): Promise<T> => {
    const started = process.hrtime.bigint();
    try {
      return await work();
    } finally {
      calls[call].push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  };
  const store = new SqlOutboxStore(db.writer);
  const readAt = new Map<string, bigint>();
  const timedStore: OutboxStore = {
    nextBatch: async (limit, exclude) => {
      const started = process.hrtime.bigint();
      const rows = await timed('read', () => store.nextBatch(limit, exclude));
      for (const row of rows) readAt.set(row.id, started);
      return rows;
    },
    markPublished: async (ids) => {
      await timed('mark', () => store.markPublished(ids));
      const now = process.hrtime.bigint();
      for (const id of ids) {
        const started = readAt.get(id);
        readAt.delete(id);
        if (started !== undefined) eventMs.push(Number(now - started) / 1e6);
      }
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
    { publish: (events) => timed('send', () => publisher.publish(events)) },
    { holds: async () => true, release: async () => undefined },
    { pollMs: 100, batchSize: RELAY_BATCH_SIZE, backoffMaxMs: 1000 },
  );
  try {
    await fill(0, warmup);
    await relay.publishPending();
    await fill(warmup, count);
    eventMs.length = 0;
    for (const times of Object.values(calls)) times.length = 0;
    const started = process.hrtime.bigint();
    const cpuBefore = process.cpuUsage();
    const published = await relay.publishPending();
    const cpu = process.cpuUsage(cpuBefore);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    for (const [call, times] of Object.entries(calls))
      console.log(
        `${call}: ${times.length} calls, p50 ${percentile(times, 50).toFixed(1)} ms, p90 ${percentile(times, 90).toFixed(1)} ms, ` +
          `${Math.round(times.reduce((a, b) => a + b, 0))} ms in all over ${Math.round(seconds * 1000)} ms`,
      );
    writeFileSync(
      env.RESULT_FILE!,
      JSON.stringify({
        throughput: published / seconds,
        p50Ms: percentile(eventMs, 50),
        p99Ms: percentile(eventMs, 99),
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
