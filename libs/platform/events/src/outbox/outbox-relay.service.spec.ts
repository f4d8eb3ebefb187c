import type { EventEnvelope } from '@harvest/contracts';
import { platformTestV1 } from '@harvest/contracts/platform-test';
import { OutboxRelay, type RelayLease } from './outbox-relay.service';
import type { OutboxStore, PendingEvent } from './outbox-store';

class MemoryOutbox implements OutboxStore {
  readonly rows: Array<PendingEvent & { published: boolean }> = [];
  add(key: string, seq: number) {
    this.rows.push({ id: String(this.rows.length + 1), envelope: platformTestV1.create({ key, payload: { seq } }), published: false });
  }
  async nextBatch(limit: number) {
    return this.rows.filter((r) => !r.published).slice(0, limit);
  }
  async markPublished(ids: string[]) {
    for (const row of this.rows) if (ids.includes(row.id)) row.published = true;
  }
  async countUnpublished() {
    return this.rows.filter((r) => !r.published).length;
  }
}

const alwaysLeader: RelayLease = { holds: async () => true, release: async () => undefined };

describe('OutboxRelay', () => {
  it('publishes in id order, in batches, and marks rows only after the publisher acknowledged them', async () => {
    const outbox = new MemoryOutbox();
    for (let i = 0; i < 5; i++) outbox.add(`k${i % 2}`, i);
    const batches: number[][] = [];
    let failNext = 2;
    const relay = new OutboxRelay(
      outbox,
      {
        publish: async (envelopes: ReadonlyArray<EventEnvelope>) => {
          expect(outbox.rows.filter((r) => r.published).length).toBe(batches.flat().length);
          if (failNext-- > 0) throw new Error('broker down');
          batches.push(envelopes.map((e) => (e.payload as { seq: number }).seq));
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
        publish: async (envelopes) => {
          if (++calls === 2) throw new Error('once');
          seen.push(...envelopes.map((e) => (e.payload as { seq: number }).seq));
        },
      },
      alwaysLeader,
      { pollMs: 1000, batchSize: 2, backoffMaxMs: 1000 },
    );
    await expect(relay.publishPending()).rejects.toThrow('once');
    await relay.publishPending();
    expect(seen).toEqual([0, 1, 2, 3]);
  });

  it('publishes nothing without the lease, and keeps retrying with backoff when it runs', async () => {
    const outbox = new MemoryOutbox();
    outbox.add('k', 0);
    const publish = jest.fn(async () => undefined);
    const follower = new OutboxRelay(outbox, { publish }, { holds: async () => false, release: async () => undefined }, {
      pollMs: 10,
      batchSize: 10,
      backoffMaxMs: 50,
    });
    follower.start();
    await new Promise((r) => setTimeout(r, 60));
    await follower.stop();
    expect(publish).not.toHaveBeenCalled();

    let attempts = 0;
    const leader = new OutboxRelay(
      outbox,
      {
        publish: async () => {
          if (++attempts < 3) throw new Error('down');
        },
      },
      alwaysLeader,
      { pollMs: 10, batchSize: 10, backoffMaxMs: 50 },
    );
    leader.start();
    for (let i = 0; i < 100 && (await outbox.countUnpublished()) > 0; i++) await new Promise((r) => setTimeout(r, 10));
    await leader.stop();
    expect(attempts).toBe(3);
    expect(await outbox.countUnpublished()).toBe(0);
    expect(leader.status()).toMatchObject({ running: false, consecutiveFailures: 0 });
  });
});
