import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';

const REPO_ROOT = resolve(__dirname, '../../../../..');
export const KAFKA_BROKER = '127.0.0.1:9092';

function admin() {
  return new Kafka({ clientId: 'events-test', brokers: [KAFKA_BROKER], connectionTimeout: 3000, logLevel: logLevel.NOTHING, retry: { retries: 2 } }).admin();
}

/** Fails with a message that says what is missing, instead of a kafkajs retry storm. */
export async function requireKafka(): Promise<void> {
  const client = admin();
  try {
    await client.connect();
    await client.describeCluster();
  } catch (error) {
    throw new Error(`Kafka is not reachable at ${KAFKA_BROKER} (start it: bash infra/local/harness up kafka): ${(error as Error).message}`);
  } finally {
    await client.disconnect().catch(() => undefined);
  }
}

export async function createTopics(topics: string[], partitions = 3): Promise<void> {
  const client = admin();
  await client.connect();
  try {
    await client.createTopics({ waitForLeaders: true, topics: topics.map((topic) => ({ topic, numPartitions: partitions })) });
  } finally {
    await client.disconnect();
  }
}

export async function deleteTopics(topics: string[]): Promise<void> {
  const client = admin();
  try {
    await client.connect();
    await client.deleteTopics({ topics, timeout: 5000 });
  } catch {
    // Best effort: topic names are unique per run, so a leftover does not disturb later runs.
  } finally {
    await client.disconnect().catch(() => undefined);
  }
}

/**
 * Runs the local harness (stop kafka / start kafka keep the broker's data). Asynchronous, so the app under
 * test keeps running (relay retries, consumer reconnects) while the broker goes down and comes back.
 */
export async function harness(...args: string[]): Promise<void> {
  try {
    await promisify(execFile)('bash', [resolve(REPO_ROOT, 'infra/local/harness'), ...args], { cwd: REPO_ROOT, timeout: 120_000 });
  } catch (error) {
    const e = error as { stderr?: Buffer; stdout?: Buffer; message: string };
    throw new Error(`infra/local/harness ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}
