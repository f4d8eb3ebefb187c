import type { DataSource } from 'typeorm';
import { OutboxRelay, type RelayLease } from '../outbox/outbox-relay.service';
import { SqlOutboxStore } from '../outbox/outbox-store';
import { OutboxWriter } from '../outbox/outbox-writer.service';
import {
  CLUSTER_BROKERS,
  clusterKafka,
  createClusterTopic,
  fullyInSync,
  killBroker,
  partitionLeaders,
  requireKafkaCluster,
  restartKilledBrokers,
} from '../testing/kafka-cluster-support';
import { createServiceDatabase, uniqueSuffix, waitFor } from '../testing/events-test-database';
import { platformTestV1 } from '../testing/platform-test-event';
import { createKafkaClient } from './kafka-client.factory';
import { KafkaEventPublisher } from './kafka-event-publisher.adapter';
import { readTopicEvents } from './kafka-topic-reader';

/**
 * Issue 15 on the real 3-broker cluster (RF 3, min ISR 2): the leader of some partitions is SIGKILLed while the
 * relay streams large batches spread over six partitions, KILLS times, each at a different moment of its cycle.
 * Then every outbox row marked published is looked up in the topic, read from the beginning, by event id.
 * On a58ae35 (relay marking what kafkajs's resolved sendBatch covered) rows marked published were missing;
 * it guards the same for @platformatic/kafka (issue 17).
 * Touches the chaos topology's brokers: run it under `flock /tmp/harvest-mha.lock`.
 */
const KILLS = 3;
const PARTITIONS = 6;
const alwaysLeader: RelayLease = { holds: async () => true, release: async () => undefined };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('outbox relay when partition leaders die mid-batch (3-broker cluster)', () => {
  const topic = `platform-test.leader-loss.${uniqueSuffix()}`;
  const contract = platformTestV1.withTopic(topic);
  let dataSource: DataSource;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    await requireKafkaCluster();
    ({ dataSource, drop } = await createServiceDatabase('harvest_t_leader_loss'));
    await createClusterTopic(topic, PARTITIONS);
  });

  afterAll(async () => {
    await drop?.();
  });

  const countWhere = async (where: string) =>
    Number((await dataSource.query(`SELECT COUNT(*) AS n FROM outbox_event WHERE ${where}`))[0].n);

  it(`marks published only events the topic holds, through ${KILLS} leader kills`, async () => {
    const writer = new OutboxWriter();
    let writing = true;
    let written = 0;
    // A steady producer of events on 300 keys, so the batches in flight at each kill are full and span every partition.
    const writerLoop = (async () => {
      while (writing) {
        await dataSource.transaction(async (em) => {
          for (let i = 0; i < 100; i++, written++)
            await writer.append(em, contract, { key: `key-${written % 300}`, payload: { seq: written } });
        });
      }
    })();
    const kafka = createKafkaClient({
      KAFKA_BROKERS: CLUSTER_BROKERS.map((b) => ({ host: b.split(':')[0]!, port: Number(b.split(':')[1]) })),
      KAFKA_CLIENT_ID: 'leader-loss-relay',
    });
    const publisher = new KafkaEventPublisher(kafka);
    const relay = new OutboxRelay(new SqlOutboxStore(dataSource), publisher, alwaysLeader, {
      pollMs: 20,
      batchSize: 500,
      backoffMaxMs: 1000,
    });
    relay.start();
    try {
      for (let kill = 0; kill < KILLS; kill++) {
        // A different moment of the relay's cycle each time: 0.5 s, 1.2 s, 1.9 s ... after the cluster is whole.
        await sleep(500 + kill * 700);
        const victim = (await partitionLeaders(topic)).get(kill % PARTITIONS)!;
        killBroker(victim);
        // Long enough for the controller to fence the dead broker and move its partitions' leadership.
        await sleep(12_000);
        await restartKilledBrokers();
        await waitFor('every replica back in sync', () => fullyInSync(topic), 60_000);
      }
    } finally {
      writing = false;
      await writerLoop;
    }
    await waitFor('the outbox drained', async () => (await countWhere('published_at IS NULL')) === 0, 60_000);
    await relay.stop();
    await publisher.close();

    const published: Array<{ event_id: string }> = await dataSource.query(
      'SELECT event_id FROM outbox_event WHERE published_at IS NOT NULL',
    );
    const stored = new Set((await readTopicEvents(clusterKafka(), topic)).map((e) => e.eventId));
    const lost = published.filter((row) => !stored.has(row.event_id)).length;
    expect({ published: published.length, lost }).toEqual({ published: written, lost: 0 });
  }, 420_000);
});
