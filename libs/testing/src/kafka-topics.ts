import { Kafka, logLevel } from 'kafkajs';

const READY_TIMEOUT_MS = 30_000;

/**
 * Makes the topics exist with a leader for every partition before a test consumes or reads offsets.
 * `createTopics` skips a topic that already exists, and on a fresh broker a topic another client has just
 * auto-created may not have its leaders yet ("This server is not the leader for that topic-partition"), so
 * this waits until every topic answers an offsets request, which needs a leader per partition.
 */
export async function ensureKafkaTopics(topics: string[], brokers = '127.0.0.1:9092', partitions = 3): Promise<void> {
  const admin = new Kafka({
    clientId: 'harvest-test-topics',
    brokers: brokers.split(','),
    connectionTimeout: 3000,
    logLevel: logLevel.NOTHING,
  }).admin();
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`Kafka is not reachable at ${brokers} (${(error as Error).message}); start it: bash infra/local/harness up kafka`);
  }
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: partitions })) });
    }
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (const topic of topics) {
      for (;;) {
        try {
          await admin.fetchTopicOffsets(topic);
          break;
        } catch (error) {
          if (Date.now() > deadline) {
            throw new Error(`Kafka topic ${topic} has no leader ${READY_TIMEOUT_MS / 1000} s after creation: ${(error as Error).message}`);
          }
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    }
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
