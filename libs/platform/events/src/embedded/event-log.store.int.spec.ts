import type { DataSource } from 'typeorm';
import { outgoingEvent } from '../outgoing-event';
import { createServiceDatabase, dropDatabase, uniqueSuffix } from '../testing/events-test-database';
import { platformTestV1 } from '../testing/platform-test-event';
import { EventLogStore, type LoggedEvent } from './event-log.store';

describe('EventLogStore on MariaDB', () => {
  const eventsDb = `harvest_t_evlog_${uniqueSuffix()}`;
  const contract = platformTestV1.withTopic('platform-test.log');
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  let storeA: EventLogStore;
  let storeB: EventLogStore;

  beforeAll(async () => {
    ({ dataSource, drop } = await createServiceDatabase());
    storeA = new EventLogStore(dataSource, eventsDb);
    storeB = new EventLogStore(dataSource, eventsDb);
    // Two instances opening at once: the migration must still run once and both must come up.
    await Promise.all([storeA.open(), storeB.open()]);
  });

  afterAll(async () => {
    await storeA?.close();
    await storeB?.close();
    await drop?.();
    await dropDatabase(eventsDb);
  });

  it('creates its schema idempotently, recording the migration once', async () => {
    await storeA.close();
    await storeA.open();
    const rows = await dataSource.query(`SELECT name FROM \`${eventsDb}\`.event_log_migrations`);
    expect(rows).toHaveLength(1);
  });

  it('acks each appended event with the id of the row that holds it', async () => {
    const ackTopic = platformTestV1.withTopic('platform-test.log-acks'); // its own topic: the tests below read theirs from the start
    const events = [7, 8, 9].map((seq) =>
      outgoingEvent(ackTopic.create({ key: 'k-acks', payload: { seq } })),
    );
    const acks = await storeA.append(events);
    const rows: Array<{ id: string | number; event_id: string }> = await dataSource.query(
      `SELECT id, event_id FROM \`${eventsDb}\`.event_log WHERE event_key = 'k-acks' ORDER BY id`,
    );
    expect(acks).toEqual(
      rows.map((row) => ({
        eventId: row.event_id,
        topic: ackTopic.topic,
        partition: 0,
        offset: String(row.id),
      })),
    );
    expect(acks.map((a) => a.eventId)).toEqual(events.map((e) => e.eventId));
  });

  it('lets one instance of a group read a topic at a time; the other skips it instead of waiting', async () => {
    await storeA.append(
      [0, 1, 2].map((seq) => outgoingEvent(contract.create({ key: 'k', payload: { seq } }))),
    );
    const seenA: number[] = [];
    let releaseA!: () => void;
    const gate = new Promise<void>((r) => (releaseA = r));
    const passA = storeA.consume('group-1', contract.topic, 10, async ({ envelope }: LoggedEvent) => {
      seenA.push((envelope.payload as { seq: number }).seq);
      await gate;
    });
    while (seenA.length === 0) await new Promise((r) => setTimeout(r, 10));
    const started = Date.now();
    expect(await storeB.consume('group-1', contract.topic, 10, async () => undefined)).toEqual({
      claimed: false,
    });
    expect(Date.now() - started).toBeLessThan(1000);
    releaseA();
    expect(await passA).toEqual({ claimed: true, consumed: 3 });
    expect(seenA).toEqual([0, 1, 2]);
    // Another group reads the same rows from the start.
    const seenOther: number[] = [];
    await storeB.consume(
      'group-2',
      contract.topic,
      10,
      async ({ envelope }) => void seenOther.push((envelope.payload as { seq: number }).seq),
    );
    expect(seenOther).toEqual([0, 1, 2]);
  });

  it('keeps progress before a failing row and offers that row again', async () => {
    await storeA.append([3, 4].map((seq) => outgoingEvent(contract.create({ key: 'k', payload: { seq } }))));
    const seen: number[] = [];
    await expect(
      storeA.consume('group-1', contract.topic, 10, async ({ envelope }) => {
        const seq = (envelope.payload as { seq: number }).seq;
        if (seq === 4) throw new Error('cannot');
        seen.push(seq);
      }),
    ).rejects.toThrow('cannot');
    await storeA.consume(
      'group-1',
      contract.topic,
      10,
      async ({ envelope }) => void seen.push((envelope.payload as { seq: number }).seq),
    );
    expect(seen).toEqual([3, 4]);
  });
});
