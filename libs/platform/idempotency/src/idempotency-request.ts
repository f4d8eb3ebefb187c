import { createHash } from 'node:crypto';

/** Keys are opaque to us but bounded: printable ASCII, 1-191 characters (a UUID fits comfortably). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,191}$/;

/** JSON with object keys sorted, so the same body sent with its fields in another order hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** What makes two requests "the same": the URL (path and query) and the body. */
export function requestHash(url: string, body: unknown): string {
  return createHash('sha256').update(url).update('\n').update(canonicalJson(body)).digest('hex');
}

/**
 * Keys are per caller and per route, so two customers who happen to pick the same key never see each
 * other's responses. The scope is hashed only when it would not fit its column.
 */
export function idempotencyScope(method: string, routePath: string, caller: string): string {
  const scope = `${method} ${routePath} ${caller}`;
  return scope.length <= 191 ? scope : `sha256:${createHash('sha256').update(scope).digest('hex')}`;
}
