import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { KafkaClient } from '../kafka/kafka-client.factory';
import { harness } from './kafka-test-support';

const REPO_ROOT = resolve(__dirname, '../../../../..');
/** The chaos topology's three KRaft brokers (infra/ansible/inventory/local/tier.yml): node N on port 9100 + N. */
export const CLUSTER_BROKERS = ['127.0.0.1:9101', '127.0.0.1:9102', '127.0.0.1:9103'];

export function clusterKafka(clientId = 'events-cluster-test'): KafkaClient {
  return new KafkaClient({
    clientId,
    bootstrapBrokers: CLUSTER_BROKERS,
    connectTimeout: 3000,
    retries: 5,
    retryDelay: 300,
  });
}

/** Each partition's leader and in-sync replicas, from a fresh metadata request. */
async function partitionsOf(topic: string): Promise<Array<{ leader: number; isr: number[] }>> {
  const admin = clusterKafka().admin();
  try {
    const metadata = await admin.metadata({ topics: [topic], forceUpdate: true });
    return metadata.topics.get(topic)?.partitions ?? [];
  } finally {
    await admin.close().catch(() => undefined);
  }
}

/** Fails with the command that starts the cluster, instead of a client retry storm. */
export async function requireKafkaCluster(): Promise<void> {
  const admin = clusterKafka().admin();
  try {
    const { brokers } = await admin.metadata({ topics: [], forceUpdate: true });
    if (brokers.size !== 3) throw new Error(`${brokers.size} of 3 brokers registered`);
  } catch (error) {
    throw new Error(
      `the 3-broker Kafka cluster is not complete at ${CLUSTER_BROKERS.join(',')} ` +
        `(start it: bash infra/local/harness up kafka_cluster): ${(error as Error).message}`,
    );
  } finally {
    await admin.close().catch(() => undefined);
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
  return new Map((await partitionsOf(topic)).map((p, partition) => [partition, p.leader]));
}

/** Whether every partition of `topic` has all three replicas in sync again (after a restarted broker caught up). */
export async function fullyInSync(topic: string): Promise<boolean> {
  try {
    const partitions = await partitionsOf(topic);
    return partitions.length > 0 && partitions.every((p) => p.isr.length === 3 && p.leader >= 0);
  } catch {
    return false;
  }
}

/** Creates the topic and waits until each partition has a leader and three replicas in sync. */
export async function createClusterTopic(topic: string, partitions: number): Promise<void> {
  const admin = clusterKafka().admin();
  try {
    // Then our own wait for leaders and full ISR: a broker may not have heard of the new topic yet.
    await admin.createTopics({ topics: [topic], partitions, replicas: 3 });
  } finally {
    await admin.close();
  }
  for (let tries = 0; !(await fullyInSync(topic)); tries++) {
    if (tries === 100) throw new Error(`${topic}: partitions without a leader or full ISR after 20 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
