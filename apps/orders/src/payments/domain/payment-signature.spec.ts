import { signPaymentCallback, verifyPaymentCallback } from './payment-signature';

describe('payment callback signature', () => {
  const secret = 'a-payment-secret-that-is-long-enough';
  const rawBody = Buffer.from('{"orderId":"o-1","amountFen":1290}');
  const now = new Date('2026-11-23T12:00:00Z');
  const timestamp = String(now.getTime() / 1000);
  const check = (over: Partial<Parameters<typeof verifyPaymentCallback>[0]>) =>
    verifyPaymentCallback({
      secret,
      timestamp,
      signature: signPaymentCallback(secret, timestamp, rawBody),
      rawBody,
      now,
      maxSkewSeconds: 300,
      ...over,
    });

  it('accepts the exact bytes signed with the secret', () => {
    expect(check({})).toEqual({ ok: true });
  });

  it('refuses another body, another secret, a truncated signature, or none', () => {
    expect(check({ rawBody: Buffer.from('{"orderId":"o-1","amountFen":1}') })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(
      check({ signature: signPaymentCallback('another-secret-of-enough-length-123', timestamp, rawBody) }),
    ).toEqual({ ok: false, reason: 'mismatch' });
    expect(check({ signature: signPaymentCallback(secret, timestamp, rawBody).slice(0, 20) })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(check({ signature: undefined })).toEqual({ ok: false, reason: 'missing' });
  });

  it('refuses a stale or far-future timestamp, even when correctly signed', () => {
    for (const t of [String(now.getTime() / 1000 - 301), String(now.getTime() / 1000 + 301)]) {
      expect(check({ timestamp: t, signature: signPaymentCallback(secret, t, rawBody) })).toEqual({
        ok: false,
        reason: 'stale',
      });
    }
  });
});
