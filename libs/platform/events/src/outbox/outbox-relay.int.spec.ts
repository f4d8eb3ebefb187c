import { EventContractError, type EventEnvelope } from '@harvest/contracts';
import type { DataSource } from 'typeorm';
import { relayLeaseName } from '../events.module';
import { MysqlAdvisoryLease } from '../lease/mysql-advisory-lease';
import type { OutgoingEvent } from '../outgoing-event';
import { createServiceDatabase, waitFor } from '../testing/events-test-database';
import { ackAll, decodedEnvelope } from '../testing/outgoing-events';
import { platformTestV1 } from '../testing/platform-test-event';
import { OutboxRelay } from './outbox-relay.service';
import { SqlOutboxStore } from './outbox-store';
import { OutboxTransactionRequiredError, OutboxWriter } from './outbox-writer.service';

/**
 * A publisher that records what it was given: the relay's port, not a stand-in for Kafka or MySQL. Every
 * publisher of a test also appends to one shared timeline, the order in which rows reached "the broker"
 * whichever relay published them.
 */
class RecordingPublisher {
  readonly published: EventEnvelope[] = [];
  constructor(private readonly timeline: EventEnvelope[]) {}
  async publish(events: ReadonlyArray<OutgoingEvent>) {
    const envelopes = events.map(decodedEnvelope);
    this.published.push(...envelopes);
    this.timeline.push(...envelopes);
    return ackAll(events);
  }
}

describe('outbox writer and relay on MariaDB', () => {
  const contract = platformTestV1.withTopic('platform-test.relay');
  const writer = new OutboxWriter();
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  const relays: OutboxRelay[] = [];

  beforeAll(async () => {
    ({ dataSource, drop } = await createServiceDatabase());
  });

  afterAll(async () => {
    await Promise.all(relays.map((r) => r.stop()));
    await drop?.();
  });

  const append = (key: string, seq: number) =>
    dataSource.transaction((em) => writer.append(em, contract, { key, payload: { seq } }));
  const lockHolder = async (): Promise<string | null> => {
    const [row] = await dataSource.query('SELECT IS_USED_LOCK(?) AS holder', [relayLeaseName(dataSource)]);
    return row.holder === null ? null : String(row.holder);
  };

  it('refuses to append outside a transaction, and rejects an invalid payload with the transaction', async () => {
    await expect(
      writer.append(dataSource.manager, contract, { key: 'k', payload: { seq: 1 } }),
    ).rejects.toThrow(OutboxTransactionRequiredError);
    await expect(
      dataSource.transaction((em) => writer.append(em, contract, { key: 'k', payload: { seq: -1 } })),
    ).rejects.toThrow(EventContractError);
    expect(await dataSource.query('SELECT id FROM outbox_event')).toEqual([]);
  });

  it('reads the oldest unpublished rows without the ones the relay has in flight', async () => {
    const store = new SqlOutboxStore(dataSource);
    for (let seq = 0; seq < 5; seq++) await append('k-store', seq);
    const seqOf = (rows: Array<{ event: OutgoingEvent }>) =>
      rows.map((r) => (decodedEnvelope(r.event).payload as { seq: number }).seq);
    const first = await store.nextBatch(2);
    expect(seqOf(first)).toEqual([0, 1]);
    const ahead = await store.nextBatch(
      2,
      first.map((r) => r.id),
    );
    expect(seqOf(ahead)).toEqual([2, 3]);
    await store.markPublished(first.map((r) => r.id));
    expect(
      seqOf(
        await store.nextBatch(
          10,
          ahead.map((r) => r.id),
        ),
      ),
    ).toEqual([4]);
    await store.markPublished([...ahead, ...(await store.nextBatch(10))].map((r) => r.id));
    expect(await store.countUnpublished()).toBe(0);
  });

  it('lets one relay per database publish, each row once in id order, and re-acquires the lease after its connection is killed', async () => {
    const timeline: EventEnvelope[] = [];
    const publishers = [new RecordingPublisher(timeline), new RecordingPublisher(timeline)];
    for (const publisher of publishers) {
      const relay = new OutboxRelay(
        new SqlOutboxStore(dataSource),
        publisher,
        new MysqlAdvisoryLease(dataSource, relayLeaseName(dataSource)),
        {
          pollMs: 30,
          batchSize: 7,
          backoffMaxMs: 200,
        },
      );
      relays.push(relay);
      relay.start();
    }
    const first: string[] = [];
    for (let seq = 0; seq < 20; seq++) first.push((await append(`k${seq % 3}`, seq)).eventId);
    // In publishing order: after the kill the lease may go to the other relay, whose rows come after the first's.
    const all = () => timeline.map((e) => e.eventId);
    await waitFor('the first 20 events to be published', () => all().length >= 20);
    expect(relays.filter((r) => r.status().leader)).toHaveLength(1);
    const leader = publishers.find((p) => p.published.length > 0)!;
    expect(leader.published.map((e) => e.eventId)).toEqual(first);
    expect(publishers.filter((p) => p.published.length > 0)).toHaveLength(1);

    const killed = await lockHolder();
    expect(killed).not.toBeNull();
    await dataSource.query(`KILL ${Number(killed)}`);
    await waitFor('a relay to hold the lease on a new connection', async () => {
      const holder = await lockHolder();
      return holder !== null && holder !== killed;
    });

    const second: string[] = [];
    for (let seq = 20; seq < 30; seq++) second.push((await append(`k${seq % 3}`, seq)).eventId);
    await waitFor('the next 10 events to be published', () => all().length >= 30);
    await new Promise((r) => setTimeout(r, 200)); // time for a wrongly duplicated publish to show up
    expect(all()).toEqual([...first, ...second]);
    expect(relays.filter((r) => r.status().leader)).toHaveLength(1);
    const [row] = await dataSource.query('SELECT COUNT(*) AS n FROM outbox_event WHERE published_at IS NULL');
    expect(Number(row.n)).toBe(0);
  });
});
