import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { harness } from './kafka-test-support';

const REPO_ROOT = resolve(__dirname, '../../../../..');
/** The chaos topology's three KRaft brokers (infra/ansible/inventory/local/tier.yml): node N on port 9100 + N. */
export const CLUSTER_BROKERS = ['127.0.0.1:9101', '127.0.0.1:9102', '127.0.0.1:9103'];

export function clusterKafka(clientId = 'events-cluster-test'): Kafka {
  return new Kafka({
    clientId,
    brokers: CLUSTER_BROKERS,
    connectionTimeout: 3000,
    logLevel: logLevel.NOTHING,
    retry: { retries: 5 },
  });
}

/** Fails with the command that starts the cluster, instead of a kafkajs retry storm. */
export async function requireKafkaCluster(): Promise<void> {
  const admin = clusterKafka().admin();
  try {
    await admin.connect();
    const { brokers } = await admin.describeCluster();
    if (brokers.length !== 3) throw new Error(`${brokers.length} of 3 brokers registered`);
  } catch (error) {
    throw new Error(
      `the 3-broker Kafka cluster is not complete at ${CLUSTER_BROKERS.join(',')} ` +
        `(start it: bash infra/local/harness up kafka_cluster): ${(error as Error).message}`,
    );
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** SIGKILL of broker `nodeId` (a crash, as in the chaos scenario); `restartKilledBrokers` brings it back. */
export function killBroker(nodeId: number): void {
  const pidFile = resolve(REPO_ROOT, `.cache/run/chaos/kafka/chaos-kafka-${nodeId}/kafka.pid`);
  process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 'SIGKILL');
}

/** `harness up kafka_cluster` starts only the brokers that are not running and waits until all three registered. */
export function restartKilledBrokers(): Promise<void> {
  return harness('up', 'kafka_cluster');
}

/** Partition → leader node id (-1 while none). */
export async function partitionLeaders(topic: string): Promise<Map<number, number>> {
  const admin = clusterKafka().admin();
  await admin.connect();
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    return new Map(topics[0]!.partitions.map((p) => [p.partitionId, p.leader]));
  } finally {
    await admin.disconnect();
  }
}

/** Whether every partition of `topic` has all three replicas in sync again (after a restarted broker caught up). */
export async function fullyInSync(topic: string): Promise<boolean> {
  const admin = clusterKafka().admin();
  try {
    await admin.connect();
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    const partitions = topics[0]?.partitions ?? [];
    return partitions.length > 0 && partitions.every((p) => p.isr.length === 3 && p.leader >= 0);
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Creates the topic and waits until each partition has a leader and three replicas in sync. */
export async function createClusterTopic(topic: string, partitions: number): Promise<void> {
  const admin = clusterKafka().admin();
  await admin.connect();
  try {
    // Not waitForLeaders: kafkajs's own wait fails on the first broker that has not heard of the topic yet.
    await admin.createTopics({
      waitForLeaders: false,
      topics: [{ topic, numPartitions: partitions, replicationFactor: 3 }],
    });
  } finally {
    await admin.disconnect();
  }
  for (let tries = 0; !(await fullyInSync(topic)); tries++) {
    if (tries === 100) throw new Error(`${topic}: partitions without a leader or full ISR after 20 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
