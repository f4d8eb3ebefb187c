import { Client } from '@elastic/elasticsearch';
import Redis from 'ioredis';
import { Admin } from '@platformatic/kafka';
import { rmSync } from 'node:fs';
import { TIER, type BenchRun } from './bench-run';

/** Leaves the shared tier as it was: this run's schemas, indices, Redis keys, Kafka topics and files go. */
export async function cleanUpRun(run: BenchRun, kafkaTopics: string[] = []): Promise<void> {
  const steps: Array<[string, () => Promise<unknown>]> = [
    ['schemas', () => run.database.dropDatabases()],
    [
      'Elasticsearch indices',
      async () => {
        const es = new Client({ node: TIER.elasticsearchUrl });
        try {
          // Wildcard deletes are refused (action.destructive_requires_name): resolve the names first.
          const { indices } = await es.indices.resolveIndex({ name: `bench-${run.id}-*` });
          if (indices.length > 0) await es.indices.delete({ index: indices.map((i) => i.name) });
        } finally {
          await es.close();
        }
      },
    ],
    [
      'Redis keys',
      async () => {
        const redis = new Redis(TIER.redisUrl);
        try {
          const stream = redis.scanStream({ match: `bench-${run.id}:*`, count: 500 });
          for await (const keys of stream as AsyncIterable<string[]>)
            if (keys.length > 0) await redis.del(...keys);
        } finally {
          redis.disconnect();
        }
      },
    ],
    [
      'Kafka topics',
      async () => {
        if (kafkaTopics.length === 0) return;
        const admin = new Admin({
          clientId: 'harvest-bench',
          bootstrapBrokers: TIER.kafkaBrokers.split(','),
        });
        try {
          await admin.deleteTopics({ topics: kafkaTopics });
        } finally {
          await admin.close();
        }
      },
    ],
    ['files', async () => rmSync(run.workDir, { recursive: true, force: true })],
  ];
  for (const [what, step] of steps) {
    try {
      await step();
    } catch (error) {
      console.warn(`bench: could not remove this run's ${what}: ${(error as Error).message}`);
    }
  }
}
