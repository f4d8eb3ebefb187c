import { ensureKafkaTopics } from '@harvest/testing';
import { productChangedV1 } from '@harvest/contracts/catalog-product-changed';
import { skuChangedV1 } from '@harvest/contracts/catalog-sku-changed';
import { stockChangedV1 } from '@harvest/contracts/inventory-stock-changed';

/**
 * The catalog's topics (and their dead-letter topics) exist before its consumer subscribes; creating an
 * existing topic is a no-op. Topic names come from the contracts, so runs share them; each run has its own
 * consumer group and ignores events about products it does not hold.
 */
export async function ensureCatalogTopics(brokers: string): Promise<void> {
  const topics = [productChangedV1.topic, skuChangedV1.topic, stockChangedV1.topic].flatMap((topic) => [
    topic,
    `${topic}.dlq`,
  ]);
  await ensureKafkaTopics(topics, brokers);
}
