import { Client } from '@elastic/elasticsearch';
import Redis from 'ioredis';
import { Admin } from '@platformatic/kafka';
import { TIER } from './bench-run';

const HOW = 'start the local tier first: bash infra/local/harness up';

/** Fails with one line naming the server that is not answering (MariaDB is checked by startBenchRun). */
export async function checkTier(): Promise<void> {
  const redis = new Redis(TIER.redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`Redis at ${TIER.redisUrl} is not answering (${(error as Error).message}); ${HOW}`);
  } finally {
    redis.disconnect();
  }
  const es = new Client({ node: TIER.elasticsearchUrl, requestTimeout: 5000, maxRetries: 0 });
  try {
    await es.cluster.health({ wait_for_status: 'yellow', timeout: '5s' });
  } catch (error) {
    throw new Error(
      `Elasticsearch at ${TIER.elasticsearchUrl} is not answering (${(error as Error).message}); ${HOW}`,
    );
  } finally {
    await es.close();
  }
  const admin = new Admin({
    clientId: 'harvest-bench',
    bootstrapBrokers: TIER.kafkaBrokers.split(','),
    connectTimeout: 3000,
    retries: 1,
  });
  try {
    await admin.listTopics();
  } catch (error) {
    throw new Error(`Kafka at ${TIER.kafkaBrokers} is not answering (${(error as Error).message}); ${HOW}`);
  } finally {
    await admin.close();
  }
}
