import { createHmac, timingSafeEqual } from 'node:crypto';

export const SKYLINE_SIGNATURE_VERSION = 'v1';

/** Skyline signs `<timestamp>.<raw body>` with HMAC-SHA256 and sends `v1=<hex>`. */
export function signSkylinePayload(secret: string, timestamp: string, rawBody: Buffer): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
  return `${SKYLINE_SIGNATURE_VERSION}=${mac}`;
}

/**
 * True when any active secret produced the signature (several are active during a rotation). Each
 * comparison is constant-time over equal-length buffers, and every secret is tried, so timing does not
 * reveal which one matched.
 */
export function matchesAnySecret(
  secrets: readonly string[],
  timestamp: string,
  rawBody: Buffer,
  signature: string,
): boolean {
  const received = Buffer.from(signature, 'utf8');
  let matched = false;
  for (const secret of secrets) {
    const expected = Buffer.from(signSkylinePayload(secret, timestamp, rawBody), 'utf8');
    if (expected.length === received.length && timingSafeEqual(expected, received)) matched = true;
  }
  return matched;
}

/** Unix seconds only, within maxSkewSeconds either side of now (a clock ahead is as suspect as one behind). */
export function isFreshTimestamp(timestamp: string, now: Date, maxSkewSeconds: number): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(now.getTime() / 1000 - Number(timestamp)) <= maxSkewSeconds;
}
