import { Admin } from '@platformatic/kafka';

const READY_TIMEOUT_MS = 30_000;

/**
 * Makes the topics exist with a leader for every partition before a test consumes or reads offsets.
 * Topics that already exist are left alone, and on a fresh broker a topic another client has just
 * auto-created may not have its leaders yet ("This server is not the leader for that topic-partition"), so
 * this waits until every topic answers an offsets request, which needs a leader per partition.
 */
export async function ensureKafkaTopics(
  topics: string[],
  brokers = '127.0.0.1:9092',
  partitions = 3,
): Promise<void> {
  const admin = new Admin({
    clientId: 'harvest-test-topics',
    bootstrapBrokers: brokers.split(','),
    connectTimeout: 3000,
    retries: 3,
    retryDelay: 300,
  });
  try {
    let existing: Set<string>;
    try {
      existing = new Set(await admin.listTopics());
    } catch (error) {
      throw new Error(
        `Kafka is not reachable at ${brokers} (${(error as Error).message}); start it: bash infra/local/harness up kafka`,
      );
    }
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      // Replication from the brokers' default; a topic another client created meanwhile is fine.
      await admin.createTopics({ topics: missing, partitions }).catch(async (error: Error) => {
        const now = new Set(await admin.listTopics());
        if (missing.some((topic) => !now.has(topic))) throw error;
      });
    }
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (const topic of topics) {
      for (;;) {
        try {
          const { topics: found } = await admin.metadata({ topics: [topic], forceUpdate: true });
          const count = found.get(topic)!.partitionsCount;
          await admin.listOffsets({
            topics: [
              {
                name: topic,
                partitions: [...Array(count).keys()].map((partitionIndex) => ({
                  partitionIndex,
                  timestamp: -1n,
                })),
              },
            ],
          });
          break;
        } catch (error) {
          if (Date.now() > deadline) {
            throw new Error(
              `Kafka topic ${topic} has no leader ${READY_TIMEOUT_MS / 1000} s after creation: ${(error as Error).message}`,
            );
          }
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    }
  } finally {
    await admin.close().catch(() => undefined);
  }
}
