/**
 * Raw baseline of the relay row, in its own process: the same COUNT order.placed payloads as plain envelopes
 * through one bare @platformatic/kafka producer in batches of 100 (idempotent, acks from all replicas, as the relay's
 * producer; kafkajs until issue 17),
 * timed (with this process's CPU) until Kafka acknowledged the last batch. A warm-up of WARMUP events goes first. Writes a Measurement +
 * peak RSS to RESULT_FILE.  Env: KAFKA_BROKERS, TOPIC, COUNT, WARMUP, RESULT_FILE.
 */
import { compatibilityPartitioner, ProduceAcks, Producer, stringSerializers } from '@platformatic/kafka';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { percentile } from '../support/load';
import { peakRssMiB } from '../support/proc-memory';
import { RELAY_BATCH_SIZE, relayPayload } from '../support/relay-events';

async function main(): Promise<void> {
  const env = process.env;
  const topic = env.TOPIC!;
  const count = Number(env.COUNT);
  const warmup = Number(env.WARMUP);
  const producer = new Producer({
    clientId: 'harvest-bench-raw',
    bootstrapBrokers: env.KAFKA_BROKERS!.split(','),
    serializers: stringSerializers,
    partitioner: compatibilityPartitioner,
    idempotent: true,
    acks: ProduceAcks.ALL,
    // The relay's client settings (libs/platform/events kafkaClientConfig). Without `retries` an idempotent
    // @platformatic/kafka producer retries forever (it raises an unset or ≤ 1 value to MAX_SAFE_INTEGER), so a
    // broker problem would hang this side instead of failing the row.
    connectTimeout: 3000,
    requestTimeout: 10000,
    timeout: 10000,
    retries: 5,
    retryDelay: 300,
  });
  const batchMs: number[] = [];
  const send = async (from: number, n: number) => {
    for (let first = from; first < from + n; first += RELAY_BATCH_SIZE) {
      const started = process.hrtime.bigint();
      const messages = [];
      for (let i = first; i < Math.min(first + RELAY_BATCH_SIZE, from + n); i++) {
        const key = `bench-order-${i}`;
        const envelope = {
          eventId: randomUUID(),
          type: 'order.placed',
          version: 1,
          topic,
          key,
          occurredAt: new Date().toISOString(),
          payload: relayPayload(i),
          headers: {},
        };
        messages.push({ topic, key, value: JSON.stringify(envelope) });
      }
      await producer.send({ messages });
      batchMs.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  };
  try {
    await send(0, warmup);
    batchMs.length = 0;
    const started = process.hrtime.bigint();
    const cpuBefore = process.cpuUsage();
    await send(warmup, count);
    const cpu = process.cpuUsage(cpuBefore);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    writeFileSync(
      env.RESULT_FILE!,
      JSON.stringify({
        throughput: count / seconds,
        p50Ms: percentile(batchMs, 50),
        p99Ms: percentile(batchMs, 99),
        ok: count,
        failed: 0,
        cpuMs: (cpu.user + cpu.system) / 1000,
        peakRssMiB: peakRssMiB(process.pid),
      }),
    );
  } finally {
    await producer.close();
  }
}

main().catch((error: Error) => {
  console.error(`kafka producer baseline: ${error.stack ?? error.message}`);
  process.exit(1);
});
