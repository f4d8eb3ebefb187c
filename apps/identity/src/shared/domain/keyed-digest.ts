import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HMAC-SHA256 of `parts` under the service's secret, hex: what the code and throttle tables keep instead of a
 * phone number, an address or a code. The parts are joined with a separator no part contains.
 */
export function keyedDigest(secret: string, ...parts: string[]): string {
  return createHmac('sha256', secret).update(parts.join('\u0000'), 'utf8').digest('hex');
}

/** Constant-time comparison of two hex digests. */
export function digestsMatch(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
