import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { resolve } from 'node:path';
import { KafkaClient } from '../kafka/kafka-client.factory';

const REPO_ROOT = resolve(__dirname, '../../../../..');
export const KAFKA_BROKER = '127.0.0.1:9092';

/** A client of the single test broker, with few retries so a missing broker fails fast. */
export function testKafka(clientId = 'events-test'): KafkaClient {
  return new KafkaClient({
    clientId,
    bootstrapBrokers: [KAFKA_BROKER],
    connectTimeout: 3000,
    retries: 2,
    retryDelay: 300,
  });
}

function admin() {
  return testKafka().admin();
}

/** Fails with a message that says what is missing, instead of a client retry storm. */
export async function requireKafka(): Promise<void> {
  const client = admin();
  try {
    await client.metadata({ topics: [], forceUpdate: true });
  } catch (error) {
    throw new Error(
      `Kafka is not reachable at ${KAFKA_BROKER} (start it: bash infra/local/harness up kafka): ${(error as Error).message}`,
    );
  } finally {
    await client.close().catch(() => undefined);
  }
}

export async function createTopics(topics: string[], partitions = 3): Promise<void> {
  const client = admin();
  try {
    await client.createTopics({ topics, partitions, replicas: 1 });
  } finally {
    await client.close();
  }
  await waitForLeaders(topics);
}

/** Until every partition of the topics has a leader (a new topic has none for a moment). */
async function waitForLeaders(topics: string[]): Promise<void> {
  const client = admin();
  try {
    for (let tries = 0; ; tries++) {
      const { topics: found } = await client
        .metadata({ topics, forceUpdate: true })
        .catch(() => ({ topics: new Map() }));
      const led = topics.every((t) => {
        const partitions = (found as Map<string, { partitions: Array<{ leader: number }> }>).get(
          t,
        )?.partitions;
        return partitions !== undefined && partitions.length > 0 && partitions.every((p) => p.leader >= 0);
      });
      if (led) return;
      if (tries === 100)
        throw new Error(`topics ${topics.join(', ')} without a leader for every partition after 20 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await client.close().catch(() => undefined);
  }
}

export async function deleteTopics(topics: string[]): Promise<void> {
  const client = admin();
  try {
    await client.deleteTopics({ topics });
  } catch {
    // Best effort: topic names are unique per run, so a leftover does not disturb later runs.
  } finally {
    await client.close().catch(() => undefined);
  }
}

/**
 * Runs the local harness (stop kafka / start kafka keep the broker's data). Asynchronous, so the app under
 * test keeps running (relay retries, consumer reconnects) while the broker goes down and comes back.
 */
export async function harness(...args: string[]): Promise<void> {
  try {
    await promisify(execFile)('bash', [resolve(REPO_ROOT, 'infra/local/harness'), ...args], {
      cwd: REPO_ROOT,
      timeout: 120_000,
    });
  } catch (error) {
    const e = error as { stderr?: Buffer; stdout?: Buffer; message: string };
    throw new Error(
      `infra/local/harness ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`,
    );
  }
}
