import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-payment-signature';
export const TIMESTAMP_HEADER = 'x-payment-timestamp';

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' };

/** `sha256=<hex>` of HMAC-SHA256(secret, "<unix seconds>.<raw body bytes>"), as the provider sends it. */
export function signPaymentCallback(secret: string, timestamp: string, rawBody: Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex')}`;
}

/**
 * Checks a callback's signature over the exact bytes received, in constant time, and refuses a timestamp
 * outside the allowed skew (a captured request replayed later).
 */
export function verifyPaymentCallback(input: {
  secret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: Buffer;
  now: Date;
  maxSkewSeconds: number;
}): SignatureCheck {
  const { timestamp, signature } = input;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing' };
  if (Math.abs(input.now.getTime() / 1000 - Number(timestamp)) > input.maxSkewSeconds)
    return { ok: false, reason: 'stale' };
  const expected = Buffer.from(signPaymentCallback(input.secret, timestamp, input.rawBody));
  const given = Buffer.from(signature);
  // timingSafeEqual needs equal lengths; comparing the expected value with itself keeps the time the same.
  const equal =
    given.length === expected.length
      ? timingSafeEqual(given, expected)
      : !timingSafeEqual(expected, expected);
  return equal ? { ok: true } : { ok: false, reason: 'mismatch' };
}
