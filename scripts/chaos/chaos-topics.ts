/**
 * Creates every contract's topic (and its .dlq) on the chaos cluster before the services start: on a fresh
 * cluster a consumer that subscribes to a topic being auto-created fails its first metadata request and the
 * service stops. One folder per topic in libs/contracts/src ("order-placed" is order.placed).
 *
 * On a cluster formatted and started seconds ago the brokers learn of new topics from the controller's
 * metadata log one after the other, so a broker may still answer "This server does not host this
 * topic-partition" for a topic another broker has just created. The topics are ready for the services only
 * when every broker, asked on its own, knows every partition with a leader and its full ISR.
 */
import { FindCoordinatorKeyTypes } from '@platformatic/kafka';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureKafkaTopics } from '@harvest/testing';
import { KafkaClient } from '../../libs/platform/events/src/kafka/kafka-client.factory';
import { KAFKA_BROKERS, ROOT } from './chaos-settings';
import { harness, sleep } from './harness-cli';
import { log } from './scenario';

const NOT_TOPICS = new Set(['produce']);
/** How long a fresh cluster gets to create the topics and agree on their metadata. */
const SETTLE_DEADLINE_MS = 90_000;
/** Rounds in a row in which every broker must report the topics settled (a broker may lag another). */
const SETTLED_ROUNDS = 2;

export async function ensureContractTopics(): Promise<number> {
  const contracts = readdirSync(join(ROOT, 'libs/contracts/src'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !NOT_TOPICS.has(entry.name))
    .map((entry) => entry.name.replace('-', '.'));
  const topics = [...contracts, ...contracts.map((t) => `${t}.dlq`)];
  const deadline = Date.now() + SETTLE_DEADLINE_MS;
  for (;;) {
    try {
      // Partitions as production's num.partitions; replication from the brokers' default (3).
      await ensureKafkaTopics(topics, KAFKA_BROKERS.join(','), 6);
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      log(
        'chaos',
        `topics not created yet (${(error as Error).message}); retrying while the cluster settles`,
      );
      await sleep(1_000);
    }
  }
  await waitForSettledMetadata(topics, deadline);
  await ensureGroupCoordinator();
  return contracts.length;
}

/**
 * Kafka creates `__consumer_offsets` (50 partitions, RF 3) only when a client first asks for a group
 * coordinator, and answers JoinGroup with an error until those partitions have leaders. On the first run from a
 * fresh cluster (2026-12-07, load average 23-27) that was the services' start: catalog-1's consumer group gave up
 * after 6 JoinGroup errors and the service stopped. So the coordinator is asked for here, until it answers, and
 * harness waits for the offsets topic's partitions (with every other one) to have leaders and their full ISR.
 */
async function ensureGroupCoordinator(): Promise<void> {
  const deadline = Date.now() + SETTLE_DEADLINE_MS;
  for (;;) {
    const admin = new KafkaClient({
      clientId: 'chaos-topics',
      bootstrapBrokers: KAFKA_BROKERS,
      connectTimeout: 3_000,
      retries: 0,
    }).admin();
    try {
      await admin.findCoordinator({ keyType: FindCoordinatorKeyTypes.GROUP, keys: ['chaos-probe'] });
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      log('chaos', `no group coordinator yet (${(error as Error).message}); retrying while it loads`);
      await sleep(1_000);
    } finally {
      await admin.close().catch(() => undefined);
    }
  }
  // Not through waitForSettledMetadata: @platformatic/kafka leaves internal topics out of its metadata answer.
  await harness('settled', 'kafka_cluster');
}

async function waitForSettledMetadata(topics: string[], deadline: number): Promise<void> {
  let rounds = 0;
  for (;;) {
    const problems = (
      await Promise.all(KAFKA_BROKERS.map((broker) => unsettledPartition(broker, topics)))
    ).filter((problem): problem is string => problem !== null);
    rounds = problems.length === 0 ? rounds + 1 : 0;
    if (rounds >= SETTLED_ROUNDS) return;
    if (Date.now() > deadline)
      throw new Error(
        `Kafka cluster metadata not settled ${SETTLE_DEADLINE_MS / 1000}s after start-up: ${problems.join('; ')}`,
      );
    await sleep(500);
  }
}

/** The first partition BROKER (bootstrapped alone, so it answers the metadata request) has not settled. */
async function unsettledPartition(broker: string, topics: string[]): Promise<string | null> {
  const admin = new KafkaClient({
    clientId: 'chaos-topics',
    bootstrapBrokers: [broker],
    connectTimeout: 3_000,
    retries: 0,
  }).admin();
  try {
    const { topics: metadata } = await admin.metadata({ topics, forceUpdate: true });
    for (const [name, topic] of metadata)
      for (const [partition, p] of topic.partitions.entries())
        if (p.leader < 0 || p.isr.length < p.replicas.length)
          return `${broker} sees ${name}[${partition}] with leader ${p.leader}, ISR ${p.isr.length}/${p.replicas.length}`;
    return metadata.size === topics.length
      ? null
      : `${broker} knows ${metadata.size} of ${topics.length} topics`;
  } catch (error) {
    return `${broker}: ${(error as Error).message}`;
  } finally {
    await admin.close().catch(() => undefined);
  }
}
