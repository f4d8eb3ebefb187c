import type { DataSource } from 'typeorm';
import { SqlOutboxStore } from './outbox-store';

describe('SqlOutboxStore statements', () => {
  const recording = () => {
    const statements: Array<{ sql: string; params: unknown }> = [];
    const dataSource = {
      query: async (sql: string, params?: unknown) => (statements.push({ sql, params }), []),
    };
    return { store: new SqlOutboxStore(dataSource as unknown as DataSource), statements };
  };

  it('writes row ids into the statement, without parameters', async () => {
    const { store, statements } = recording();
    await store.nextBatch(100, ['7', '8', '12']);
    await store.markPublished(['7', '8']);
    expect(statements[0]!.sql).toMatch(
      /WHERE published_at IS NULL AND id NOT IN \(7, 8, 12\) ORDER BY id LIMIT 100$/,
    );
    expect(statements[1]!.sql).toMatch(/WHERE id IN \(7, 8\)$/);
    expect(statements.map((s) => s.params)).toEqual([undefined, undefined]);
  });

  it('refuses anything but an unsigned integer id, so nothing else reaches the SQL text', async () => {
    const { store, statements } = recording();
    await expect(store.markPublished(['1', '2) OR (1=1'])).rejects.toThrow('not an outbox row id');
    await expect(store.nextBatch(10, ['-1'])).rejects.toThrow('not an outbox row id');
    expect(statements).toEqual([]);
  });
});
