import { Kafka, logLevel } from 'kafkajs';
import { productChangedV1 } from '@harvest/contracts/catalog-product-changed';
import { skuChangedV1 } from '@harvest/contracts/catalog-sku-changed';
import { stockChangedV1 } from '@harvest/contracts/inventory-stock-changed';

/**
 * The catalog's topics (and their dead-letter topics) exist before its consumer subscribes; creating an
 * existing topic is a no-op. Topic names come from the contracts, so runs share them; each run has its own
 * consumer group and ignores events about products it does not hold.
 */
export async function ensureCatalogTopics(brokers: string): Promise<void> {
  const admin = new Kafka({
    clientId: 'catalog-test',
    brokers: brokers.split(','),
    connectionTimeout: 3000,
    logLevel: logLevel.NOTHING,
  }).admin();
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `Kafka is not reachable at ${brokers} (${(error as Error).message}); start it: bash infra/local/harness up kafka`,
    );
  }
  try {
    const topics = [productChangedV1.topic, skuChangedV1.topic, stockChangedV1.topic].flatMap((topic) => [
      topic,
      `${topic}.dlq`,
    ]);
    await admin.createTopics({
      waitForLeaders: true,
      topics: topics.map((topic) => ({ topic, numPartitions: 3 })),
    });
  } finally {
    await admin.disconnect();
  }
}
