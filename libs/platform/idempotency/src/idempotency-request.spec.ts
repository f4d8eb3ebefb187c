import { canonicalJson, idempotencyScope, requestHash } from './idempotency-request';

describe('idempotency request identity', () => {
  it('hashes bodies by content, not field order', () => {
    expect(canonicalJson({ b: 1, a: [{ y: 2, x: 1 }] })).toBe('{"a":[{"x":1,"y":2}],"b":1}');
    expect(requestHash('/orders', { sku: 'a', quantity: 1 })).toBe(
      requestHash('/orders', { quantity: 1, sku: 'a' }),
    );
  });

  it('tells apart another body, another URL, and a missing field', () => {
    const base = requestHash('/orders', { sku: 'a', quantity: 1 });
    expect(requestHash('/orders', { sku: 'a', quantity: 2 })).not.toBe(base);
    expect(requestHash('/orders?dryRun=true', { sku: 'a', quantity: 1 })).not.toBe(base);
    expect(requestHash('/orders', { sku: 'a' })).not.toBe(base);
  });

  it('scopes keys per method, route and caller, hashing a scope too long for its column', () => {
    expect(idempotencyScope('POST', '/orders', 'customer:alice')).toBe('POST /orders customer:alice');
    const long = idempotencyScope('POST', '/orders', 'x'.repeat(300));
    expect(long).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(long.length).toBeLessThanOrEqual(191);
  });
});
