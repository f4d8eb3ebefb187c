import { EventContractError } from './define-event';
import { productChangedV1 } from './catalog-product-changed';

describe('defineEvent', () => {
  const payload = { productId: 'p-1', skuIds: ['s-1'], changeKind: 'updated' as const, version: 3 };

  it('builds a complete envelope with a fresh id and the contract identity', () => {
    const envelope = productChangedV1.create({ key: 'p-1', payload, headers: { traceparent: 't' } });
    expect(envelope).toMatchObject({
      type: 'catalog.product-changed',
      version: 1,
      topic: 'catalog.product-changed',
      key: 'p-1',
      payload,
    });
    expect(envelope.eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(envelope.occurredAt).toISOString()).toBe(envelope.occurredAt);
    expect(productChangedV1.create({ key: 'p-1', payload }).eventId).not.toBe(envelope.eventId);
  });

  it('rejects an invalid payload or an empty key when creating', () => {
    expect(() =>
      productChangedV1.create({ key: 'p-1', payload: { ...payload, changeKind: 'deleted' as never } }),
    ).toThrow(EventContractError);
    expect(() => productChangedV1.create({ key: '', payload })).toThrow(/key/);
  });

  it('parses a JSON round trip and refuses another type, version or a bad payload', () => {
    const envelope = productChangedV1.create({ key: 'p-1', payload });
    expect(productChangedV1.parse(JSON.parse(JSON.stringify(envelope)))).toEqual(envelope);
    expect(() => productChangedV1.parse({ ...envelope, version: 2 })).toThrow(
      /got catalog.product-changed v2/,
    );
    expect(() => productChangedV1.parse({ ...envelope, payload: { productId: 'p-1' } })).toThrow(
      /invalid payload/,
    );
    expect(() => productChangedV1.parse('not json')).toThrow(/not an event envelope/);
  });

  it('moves to another topic without changing identity', () => {
    const moved = productChangedV1.withTopic('t-1');
    expect(moved.create({ key: 'k', payload }).topic).toBe('t-1');
    expect(moved.matches(productChangedV1.create({ key: 'k', payload }))).toBe(true);
  });
});
