import { EventContractError } from '@harvest/contracts';
import type { DataSource } from 'typeorm';
import { createServiceDatabase } from '../testing/events-test-database';
import { decodedEnvelope } from '../testing/outgoing-events';
import { platformTestV1 } from '../testing/platform-test-event';
import { SqlOutboxStore } from './outbox-store';
import { OutboxTransactionRequiredError, OutboxWriter } from './outbox-writer.service';

/** appendMany against append: the same rows, in one statement, with the same transaction guarantee. */
describe('OutboxWriter.appendMany on MariaDB', () => {
  const contract = platformTestV1.withTopic('platform-test.writer');
  const other = platformTestV1.withTopic('platform-test.writer-other');
  const writer = new OutboxWriter();
  let dataSource: DataSource;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ dataSource, drop } = await createServiceDatabase());
  });
  afterAll(async () => {
    await drop?.();
  });
  afterEach(async () => {
    await dataSource.query('DELETE FROM outbox_event');
  });

  /** Every column but the id, as the relay reads them. */
  const rows = async () =>
    (await new SqlOutboxStore(dataSource).nextBatch(100)).map((row) => decodedEnvelope(row.event));

  it('writes the same rows as one append per event, in the given order, with one statement', async () => {
    const envelopes = [
      writer.envelope(contract, { key: 'k-1', payload: { seq: 0 } }),
      writer.envelope(other, { key: 'k-2', payload: { seq: 0, note: 'second' } }),
      writer.envelope(contract, { key: 'k-1', payload: { seq: 1 } }),
    ];
    const statements: string[] = [];
    await dataSource.transaction(async (em) => {
      const query = em.query.bind(em);
      em.query = ((sql: string, parameters?: unknown[]) => {
        statements.push(sql);
        return query(sql, parameters);
      }) as typeof em.query;
      await writer.appendMany(em, envelopes);
    });
    expect(statements).toHaveLength(1);
    const many = await rows();
    expect(many).toEqual(envelopes);

    await dataSource.query('DELETE FROM outbox_event');
    const one = [];
    for (const [i, e] of envelopes.entries())
      one.push(
        await dataSource.transaction((em) =>
          writer.append(em, i === 1 ? other : contract, {
            key: e.key,
            payload: e.payload as { seq: number },
          }),
        ),
      );
    const appended = await rows();
    expect(appended).toEqual(one);
    // Same columns apart from the fresh event id and instant each envelope gets.
    const comparable = (list: typeof many) => list.map(({ eventId: _id, occurredAt: _at, ...rest }) => rest);
    expect(comparable(appended)).toEqual(comparable(many));
  });

  it('writes nothing for an empty list, and refuses to write outside a transaction', async () => {
    await dataSource.transaction((em) => writer.appendMany(em, []));
    const envelope = writer.envelope(contract, { key: 'k', payload: { seq: 0 } });
    await expect(writer.appendMany(dataSource.manager, [envelope])).rejects.toThrow(
      OutboxTransactionRequiredError,
    );
    expect(await rows()).toEqual([]);
  });

  it('validates each payload when the envelope is made, and a rolled-back transaction leaves no row', async () => {
    expect(() => writer.envelope(contract, { key: 'k', payload: { seq: -1 } })).toThrow(EventContractError);
    await expect(
      dataSource.transaction(async (em) => {
        await writer.appendMany(em, [
          writer.envelope(contract, { key: 'k', payload: { seq: 0 } }),
          writer.envelope(contract, { key: 'k', payload: { seq: 1 } }),
        ]);
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');
    expect(await rows()).toEqual([]);
  });
});
