import type { EventAck } from '../event-transport';
import { type OutgoingEvent, outgoingEvent } from '../outgoing-event';
import { ackAll, seqOf } from '../testing/outgoing-events';
import { UnacknowledgedEventsError } from '../publish-acks';
import { platformTestV1 } from '../testing/platform-test-event';
import { OutboxRelay, type RelayLease } from './outbox-relay.service';
import type { OutboxStore, PendingEvent } from './outbox-store';

class MemoryOutbox implements OutboxStore {
  readonly rows: Array<PendingEvent & { published: boolean }> = [];
  add(key: string, seq: number) {
    this.rows.push({
      id: String(this.rows.length + 1),
      event: outgoingEvent(platformTestV1.create({ key, payload: { seq } })),
      published: false,
    });
  }
  async nextBatch(limit: number, exclude: ReadonlyArray<string> = []) {
    return this.rows.filter((r) => !r.published && !exclude.includes(r.id)).slice(0, limit);
  }
  async markPublished(ids: string[]) {
    for (const row of this.rows) if (ids.includes(row.id)) row.published = true;
  }
  async countUnpublished() {
    return this.rows.filter((r) => !r.published).length;
  }
}

const alwaysLeader: RelayLease = { holds: async () => true, release: async () => undefined };
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A transport whose acks the test hands out one by one, so it can look at the relay between send and ack. */
class ManualAckPublisher {
  readonly sent: number[][] = [];
  readonly acked = new Set<number>();
  private waiting: Array<{ seqs: number[]; ack: () => void; fail: (error: Error) => void }> = [];
  inFlight = 0;
  maxInFlight = 0;

  publish = (events: ReadonlyArray<OutgoingEvent>) =>
    new Promise<EventAck[]>((resolve, reject) => {
      const batch = events.map(seqOf);
      this.sent.push(batch);
      this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
      const done = () => this.inFlight--;
      this.waiting.push({
        seqs: batch,
        ack: () => (batch.forEach((seq) => this.acked.add(seq)), done(), resolve(ackAll(events))),
        fail: (error) => (done(), reject(error)),
      });
    });

  ackNext(): void {
    this.waiting.shift()!.ack();
  }

  failNext(error: Error): void {
    this.waiting.shift()!.fail(error);
  }
}

/** Records reads and marks, and each mark's rows that the transport had not acknowledged at that moment. */
class WatchedOutbox extends MemoryOutbox {
  readonly reads: Array<{ exclude: ReadonlyArray<string> }> = [];
  readonly markedBeforeAck: number[] = [];
  failMarks = 0;

  constructor(private readonly publisher: ManualAckPublisher) {
    super();
  }

  override async nextBatch(limit: number, exclude: ReadonlyArray<string> = []) {
    this.reads.push({ exclude });
    return super.nextBatch(limit, exclude);
  }

  override async markPublished(ids: string[]) {
    for (const row of this.rows)
      if (ids.includes(row.id)) {
        const seq = seqOf(row.event);
        if (!this.publisher.acked.has(seq)) this.markedBeforeAck.push(seq);
      }
    if (this.failMarks-- > 0) throw new Error('database gone');
    return super.markPublished(ids);
  }
}

describe('OutboxRelay', () => {
  it('publishes in id order, in batches, and marks rows only after the publisher acknowledged them', async () => {
    const outbox = new MemoryOutbox();
    for (let i = 0; i < 5; i++) outbox.add(`k${i % 2}`, i);
    const batches: number[][] = [];
    let failNext = 2;
    const relay = new OutboxRelay(
      outbox,
      {
        publish: async (events) => {
          expect(outbox.rows.filter((r) => r.published).length).toBe(batches.flat().length);
          if (failNext-- > 0) throw new Error('broker down');
          batches.push(events.map(seqOf));
          return ackAll(events);
        },
      },
      alwaysLeader,
      { pollMs: 1000, batchSize: 2, backoffMaxMs: 1000 },
    );
    await expect(relay.publishPending()).rejects.toThrow('broker down');
    await expect(relay.publishPending()).rejects.toThrow('broker down');
    expect(await outbox.countUnpublished()).toBe(5);
    expect(await relay.publishPending()).toBe(5);
    expect(batches).toEqual([[0, 1], [2, 3], [4]]);
    expect(await outbox.countUnpublished()).toBe(0);
  });

  it('stops a drain at the failing batch and resumes from its first row', async () => {
    const outbox = new MemoryOutbox();
    for (let i = 0; i < 4; i++) outbox.add('k', i);
    const seen: number[] = [];
    let calls = 0;
    const relay = new OutboxRelay(
      outbox,
      {
        publish: async (events) => {
          if (++calls === 2) throw new Error('once');
          seen.push(...events.map(seqOf));
          return ackAll(events);
        },
      },
      alwaysLeader,
      { pollMs: 1000, batchSize: 2, backoffMaxMs: 1000 },
    );
    await expect(relay.publishPending()).rejects.toThrow('once');
    await relay.publishPending();
    expect(seen).toEqual([0, 1, 2, 3]);
  });

  it('reads two batches at a time, the next two while the second is in flight, marks a batch only after its ack, and never has two sends in flight', async () => {
    const publisher = new ManualAckPublisher();
    const outbox = new WatchedOutbox(publisher);
    for (let i = 0; i < 7; i++) outbox.add(`k${i % 2}`, i);
    const relay = new OutboxRelay(outbox, publisher, alwaysLeader, {
      pollMs: 1000,
      batchSize: 2,
      backoffMaxMs: 1000,
    });
    const drained = relay.publishPending();

    await settle();
    expect(publisher.sent).toEqual([[0, 1]]);
    // One read of two batches; the second waits while the first is in flight.
    expect(outbox.reads.map((r) => r.exclude)).toEqual([[]]);
    expect(await outbox.countUnpublished()).toBe(7);

    publisher.ackNext();
    await settle();
    // Batch 1 acknowledged: marked while batch 2 is in flight; the read-ahead leaves out both.
    expect(publisher.sent).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(outbox.rows.filter((r) => r.published).map((r) => r.id)).toEqual(['1', '2']);
    expect(outbox.reads.map((r) => r.exclude)).toEqual([[], ['3', '4', '1', '2']]);

    publisher.ackNext();
    await settle();
    expect(publisher.sent).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
    expect(await outbox.countUnpublished()).toBe(3);
    publisher.ackNext();
    await settle();
    // The short read (one row for two batches) drained the outbox: its row goes, nothing more is read.
    expect(publisher.sent).toEqual([[0, 1], [2, 3], [4, 5], [6]]);
    publisher.ackNext();

    expect(await drained).toBe(7);
    expect(outbox.reads).toHaveLength(2);
    expect(await outbox.countUnpublished()).toBe(0);
    expect(outbox.markedBeforeAck).toEqual([]);
    expect(publisher.maxInFlight).toBe(1);
  });

  it('sends nothing more after a failed mark, and sends the unmarked batches again on the next attempt', async () => {
    const publisher = new ManualAckPublisher();
    const outbox = new WatchedOutbox(publisher);
    for (let i = 0; i < 6; i++) outbox.add('k', i);
    const relay = new OutboxRelay(outbox, publisher, alwaysLeader, {
      pollMs: 1000,
      batchSize: 2,
      backoffMaxMs: 1000,
    });
    outbox.failMarks = 1;
    const first = relay.publishPending();
    await settle();
    publisher.ackNext(); // batch [0, 1] acknowledged, its mark fails while [2, 3] is in flight
    await settle();
    publisher.ackNext();
    await expect(first).rejects.toThrow('database gone');
    expect(publisher.sent).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(await outbox.countUnpublished()).toBe(6);

    const second = relay.publishPending();
    for (let i = 0; i < 3; i++) {
      await settle();
      publisher.ackNext();
    }
    expect(await second).toBe(6);
    expect(publisher.sent).toEqual([
      [0, 1],
      [2, 3],
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
    expect(outbox.markedBeforeAck).toEqual([]);
  });

  it('keeps sending while a mark is slow, puts the rows acknowledged meanwhile into one UPDATE, and waits past 4 unmarked batches', async () => {
    const outbox = new MemoryOutbox();
    for (let i = 0; i < 14; i++) outbox.add(`k${i % 3}`, i);
    const marks: string[][] = [];
    let releaseMark: (() => void) | undefined;
    // UPDATEs that commit only when the test says so (a busy database).
    outbox.markPublished = (ids: string[]) =>
      new Promise<void>((resolve) => {
        marks.push(ids);
        releaseMark = () => {
          for (const row of outbox.rows) if (ids.includes(row.id)) row.published = true;
          resolve();
        };
      });
    const sent: number[][] = [];
    const relay = new OutboxRelay(
      outbox,
      {
        publish: async (events) => {
          sent.push(events.map(seqOf));
          return ackAll(events);
        },
      },
      alwaysLeader,
      { pollMs: 1000, batchSize: 2, backoffMaxMs: 1000 },
    );
    const drained = relay.publishPending();
    for (let i = 0; i < 10; i++) await settle();
    // The first mark never committed: sends went on until 4 batches beyond it waited (bound 4 × 2 rows).
    expect(marks).toEqual([['1', '2']]);
    expect(sent).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
      [6, 7],
      [8, 9],
    ]);
    releaseMark!();
    for (let i = 0; i < 10; i++) await settle();
    // Everything acknowledged meanwhile went into one UPDATE, and sending went on after it.
    expect(marks[1]).toEqual(['3', '4', '5', '6', '7', '8', '9', '10']);
    for (let i = 0; i < 20 && (await outbox.countUnpublished()) > 0; i++) {
      releaseMark!();
      await settle();
    }
    expect(await drained).toBe(14);
    // Each row sent once, in order: the read-ahead left out the rows waiting for their mark.
    expect(sent.flat()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });

  it('on a refused send marks nothing of it, and on stop lets the batch in flight be acknowledged and marked', async () => {
    const publisher = new ManualAckPublisher();
    const outbox = new WatchedOutbox(publisher);
    for (let i = 0; i < 6; i++) outbox.add('k', i);
    const relay = new OutboxRelay(outbox, publisher, alwaysLeader, {
      pollMs: 1000,
      batchSize: 2,
      backoffMaxMs: 1000,
    });
    const refused = relay.publishPending();
    await settle();
    publisher.ackNext();
    await settle();
    publisher.failNext(new Error('broker down'));
    await expect(refused).rejects.toThrow('broker down');
    expect(outbox.rows.filter((r) => r.published).map((r) => r.id)).toEqual(['1', '2']);

    relay.start();
    await settle();
    expect(publisher.sent.at(-1)).toEqual([2, 3]);
    const stopped = relay.stop();
    publisher.ackNext();
    await stopped;
    expect(publisher.sent).toEqual([
      [0, 1],
      [2, 3],
      [2, 3],
    ]);
    expect(outbox.rows.filter((r) => r.published).map((r) => r.id)).toEqual(['1', '2', '3', '4']);
    expect(outbox.markedBeforeAck).toEqual([]);
  });

  describe('with a partial or unclear answer from the publisher', () => {
    /** A publisher that acks only the events `acks` picks, and keeps what each ack claims was stored. */
    function partialPublisher(acks: (events: ReadonlyArray<OutgoingEvent>, call: number) => EventAck[]) {
      const sent: number[][] = [];
      const stored: number[] = [];
      const publish = async (events: ReadonlyArray<OutgoingEvent>) => {
        sent.push(events.map(seqOf));
        const answer = acks(events, sent.length);
        stored.push(...events.filter((e) => answer.some((a) => a.eventId === e.eventId)).map(seqOf));
        return answer;
      };
      return { sent, stored, publish };
    }
    const only = (keep: (event: OutgoingEvent) => boolean) => (events: ReadonlyArray<OutgoingEvent>) =>
      ackAll(events.filter(keep));
    const published = (outbox: MemoryOutbox) =>
      outbox.rows.filter((r) => r.published).map((r) => seqOf(r.event));

    it('marks only the acknowledged rows, sends nothing more, and sends the rest again first (a partition left out, kafkajs #1303)', async () => {
      const outbox = new MemoryOutbox();
      for (let i = 0; i < 8; i++) outbox.add(i % 2 === 0 ? 'even' : 'odd', i);
      // The first answer leaves out the partition of key "odd", as kafkajs 2.2.4 does after a leader change.
      const publisher = partialPublisher((events, call) =>
        call === 1 ? only((e) => e.key === 'even')(events) : ackAll(events),
      );
      const relay = new OutboxRelay(outbox, publisher, alwaysLeader, {
        pollMs: 1000,
        batchSize: 4,
        backoffMaxMs: 1000,
      });

      await expect(relay.publishPending()).rejects.toThrow(UnacknowledgedEventsError);
      expect(published(outbox)).toEqual([0, 2]);
      expect(publisher.sent).toEqual([[0, 1, 2, 3]]); // the batch read ahead was not sent

      expect(await relay.publishPending()).toBe(6);
      expect(publisher.sent).toEqual([
        [0, 1, 2, 3],
        [1, 3, 4, 5],
        [6, 7],
      ]);
      expect(await outbox.countUnpublished()).toBe(0);
      // Every row marked published was acknowledged, and each key reached the topic in order.
      const perKey = (parity: number) => publisher.stored.filter((seq) => seq % 2 === parity);
      expect(perKey(0)).toEqual([0, 2, 4, 6]);
      expect(perKey(1)).toEqual([1, 3, 5, 7]);
    });

    it('after an unacknowledged row marks no later row of its key, even an acknowledged one', async () => {
      const outbox = new MemoryOutbox();
      for (let i = 0; i < 4; i++) outbox.add(i === 3 ? 'other' : 'k', i);
      const publisher = partialPublisher(only((e) => seqOf(e) !== 1));
      const relay = new OutboxRelay(outbox, publisher, alwaysLeader, {
        pollMs: 1000,
        batchSize: 4,
        backoffMaxMs: 1000,
      });
      await expect(relay.publishPending()).rejects.toThrow('acknowledged 2 of 4 events');
      expect(published(outbox)).toEqual([0, 3]);
    });

    it.each([
      ['an empty answer', () => []],
      [
        'acks for events it was not given',
        () => [{ eventId: 'someone-else', topic: 'platform.test', partition: 0, offset: '7' }],
      ],
      [
        'acks naming another topic',
        (events: ReadonlyArray<OutgoingEvent>) => ackAll(events).map((a) => ({ ...a, topic: 'elsewhere' })),
      ],
    ])(
      'marks nothing for %s and fails the batch',
      async (_, answer: (events: ReadonlyArray<OutgoingEvent>) => EventAck[]) => {
        const outbox = new MemoryOutbox();
        for (let i = 0; i < 3; i++) outbox.add('k', i);
        const relay = new OutboxRelay(outbox, partialPublisher(answer), alwaysLeader, {
          pollMs: 1000,
          batchSize: 2,
          backoffMaxMs: 1000,
        });
        await expect(relay.publishPending()).rejects.toThrow(UnacknowledgedEventsError);
        expect(await outbox.countUnpublished()).toBe(3);
      },
    );
  });

  it('publishes nothing without the lease, and keeps retrying with backoff when it runs', async () => {
    const outbox = new MemoryOutbox();
    outbox.add('k', 0);
    const publish = jest.fn(async () => []);
    const follower = new OutboxRelay(
      outbox,
      { publish },
      { holds: async () => false, release: async () => undefined },
      {
        pollMs: 10,
        batchSize: 10,
        backoffMaxMs: 50,
      },
    );
    follower.start();
    await new Promise((r) => setTimeout(r, 60));
    await follower.stop();
    expect(publish).not.toHaveBeenCalled();

    let attempts = 0;
    const leader = new OutboxRelay(
      outbox,
      {
        publish: async (events) => {
          if (++attempts < 3) throw new Error('down');
          return ackAll(events);
        },
      },
      alwaysLeader,
      { pollMs: 10, batchSize: 10, backoffMaxMs: 50 },
    );
    leader.start();
    for (let i = 0; i < 100 && (await outbox.countUnpublished()) > 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    await leader.stop();
    expect(attempts).toBe(3);
    expect(await outbox.countUnpublished()).toBe(0);
    expect(leader.status()).toMatchObject({ running: false, consecutiveFailures: 0 });
  });
});
