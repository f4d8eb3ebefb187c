import { SKYLINE_SIGNATURE_HEADER, SKYLINE_TIMESTAMP_HEADER, SkylineAdapter } from './skyline.adapter';
import { signSkylinePayload } from './skyline-signature';

const OLD = 'old-secret-0123456789abcdef';
const NEW = 'new-secret-0123456789abcdef';
const now = new Date('2026-11-23T12:00:00Z');
const ts = String(now.getTime() / 1000);
const body = Buffer.from(
  JSON.stringify({
    id: 'evt-1',
    event: 'call.ringing',
    occurred_at: '2026-11-23T12:00:00Z',
    data: {
      call_id: 'call-1',
      direction: 'in',
      caller: '13800138000',
      callee: '4008001234',
      agent_id: 'agent-7',
    },
  }),
);
const headers = (signature: string, timestamp = ts) => ({
  [SKYLINE_TIMESTAMP_HEADER]: timestamp,
  [SKYLINE_SIGNATURE_HEADER]: signature,
});

describe('SkylineAdapter.verifyWebhook', () => {
  const adapter = new SkylineAdapter({ secrets: [NEW, OLD], maxSkewSeconds: 300 }, null);

  it('accepts a body signed with any active secret (rotation) and translates it', () => {
    for (const secret of [NEW, OLD]) {
      const verdict = adapter.verifyWebhook(headers(signSkylinePayload(secret, ts, body)), body, now);
      expect(verdict).toEqual({
        ok: true,
        event: expect.objectContaining({
          eventId: 'evt-1',
          type: 'ringing',
          callId: 'call-1',
          direction: 'inbound',
          customerNumber: '+8613800138000',
          agentId: 'agent-7',
        }),
      });
    }
  });

  it('refuses a retired secret, a changed byte, a missing header and a stale or future timestamp', () => {
    expect(
      adapter.verifyWebhook(headers(signSkylinePayload('retired-secret-0123456789', ts, body)), body, now),
    ).toEqual({ ok: false, reason: 'signature' });
    const tampered = Buffer.from(body.toString().replace('agent-7', 'agent-8'));
    expect(adapter.verifyWebhook(headers(signSkylinePayload(NEW, ts, body)), tampered, now)).toEqual({
      ok: false,
      reason: 'signature',
    });
    expect(adapter.verifyWebhook({ [SKYLINE_TIMESTAMP_HEADER]: ts }, body, now)).toEqual({
      ok: false,
      reason: 'signature',
    });
    for (const skew of [-301, 301]) {
      const t = String(Number(ts) + skew);
      expect(adapter.verifyWebhook(headers(signSkylinePayload(NEW, t, body), t), body, now)).toEqual({
        ok: false,
        reason: 'timestamp',
      });
    }
    const edge = String(Number(ts) - 300);
    expect(adapter.verifyWebhook(headers(signSkylinePayload(NEW, edge, body), edge), body, now).ok).toBe(
      true,
    );
  });

  it('refuses everything when no secret is configured, and a signed but malformed body as malformed', () => {
    const none = new SkylineAdapter({ secrets: [], maxSkewSeconds: 300 }, null);
    expect(none.verifyWebhook(headers(signSkylinePayload(NEW, ts, body)), body, now)).toEqual({
      ok: false,
      reason: 'signature',
    });
    const bad = Buffer.from('{"id":"x"}');
    expect(adapter.verifyWebhook(headers(signSkylinePayload(NEW, ts, bad)), bad, now)).toEqual({
      ok: false,
      reason: 'malformed',
      field: 'event',
    });
  });
});
