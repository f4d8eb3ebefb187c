import type { estypes } from '@elastic/elasticsearch';
import { BulkTracker, refusedDocuments, versionedIndexName } from './bulk-tracker';

describe('BulkTracker', () => {
  it('reports totals and the average rate since the start', () => {
    let now = 1_000;
    const tracker = new BulkTracker(() => now);
    now += 500;
    tracker.record(100, []);
    now += 500;
    tracker.record(100, [{ id: 'x', status: 400, type: 'mapper_parsing_exception' }]);
    expect(tracker.progress()).toEqual({
      processed: 200,
      indexed: 199,
      failed: 1,
      elapsedMs: 1_000,
      docsPerSecond: 200,
    });
    expect(tracker.result().errors).toEqual([{ id: 'x', status: 400, type: 'mapper_parsing_exception' }]);
  });

  it('keeps the first 100 errors but counts them all', () => {
    const tracker = new BulkTracker();
    const refused = Array.from({ length: 150 }, (_, i) => ({ id: String(i), status: 429 }));
    tracker.record(150, refused);
    expect(tracker.result()).toMatchObject({ failed: 150, indexed: 0 });
    expect(tracker.result().errors).toHaveLength(100);
    expect(tracker.result().errors[0]!.id).toBe('0');
  });
});

describe('refusedDocuments', () => {
  it('lists only the items that carry an error', () => {
    const response = {
      took: 3,
      errors: true,
      items: [
        { index: { _index: 'p_v1', _id: 'ok', status: 201 } },
        {
          index: {
            _index: 'p_v1',
            _id: 'bad',
            status: 400,
            error: { type: 'mapper_parsing_exception', reason: 'failed to parse field [price]' },
          },
        },
      ],
    } as estypes.BulkResponse;
    expect(refusedDocuments(response)).toEqual([
      { id: 'bad', status: 400, type: 'mapper_parsing_exception', reason: 'failed to parse field [price]' },
    ]);
    expect(refusedDocuments({ ...response, errors: false })).toEqual([]);
  });
});

describe('versionedIndexName', () => {
  it('appends the creation time to the alias', () => {
    expect(versionedIndexName('products', 1_763_900_000_000)).toBe('products_v1763900000000');
  });

  it('rejects names Elasticsearch would refuse', () => {
    expect(() => versionedIndexName('Products')).toThrow(/lowercase/);
    expect(() => versionedIndexName('_products')).toThrow();
    expect(() => versionedIndexName('a b')).toThrow();
  });
});
