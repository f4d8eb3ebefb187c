/**
 * Creates every contract's topic (and its .dlq) on the chaos cluster before the services start: on a fresh
 * cluster a consumer that subscribes to a topic being auto-created fails its first metadata request and the
 * service stops. One folder per topic in libs/contracts/src ("order-placed" is order.placed).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureKafkaTopics } from '@harvest/testing';
import { KAFKA_BROKERS, ROOT } from './chaos-settings';

const NOT_TOPICS = new Set(['produce', 'platform-test']);

export async function ensureContractTopics(): Promise<number> {
  const topics = readdirSync(join(ROOT, 'libs/contracts/src'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !NOT_TOPICS.has(entry.name))
    .map((entry) => entry.name.replace('-', '.'));
  // Partitions as production's num.partitions; replication from the brokers' default (3).
  await ensureKafkaTopics([...topics, ...topics.map((t) => `${t}.dlq`)], KAFKA_BROKERS.join(','), 6);
  return topics.length;
}
