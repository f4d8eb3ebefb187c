import {
  InvalidResolutionError,
  TicketResolvedError,
  checkResolution,
  isOverdue,
  refundReasonOf,
  requireOpen,
  requireValidResolution,
  slaDueAt,
} from './ticket-rules';

describe('ticket rules', () => {
  const policy = { qualityComplaintSeconds: 4 * 3600, otherSeconds: 24 * 3600 };
  const opened = new Date('2026-11-23T08:00:00Z');

  it('gives quality complaints the short SLA', () => {
    expect(slaDueAt('quality_complaint', opened, policy)).toEqual(new Date('2026-11-23T12:00:00Z'));
    expect(slaDueAt('delivery', opened, policy)).toEqual(new Date('2026-11-24T08:00:00Z'));
  });

  it('an open ticket past its due time is overdue; a resolved one never is', () => {
    const due = new Date('2026-11-23T12:00:00Z');
    expect(isOverdue({ status: 'open', slaDueAt: due }, new Date('2026-11-23T12:00:01Z'))).toBe(true);
    expect(isOverdue({ status: 'open', slaDueAt: due }, new Date('2026-11-23T11:59:59Z'))).toBe(false);
    expect(isOverdue({ status: 'resolved', slaDueAt: due }, new Date('2026-11-24T00:00:00Z'))).toBe(false);
  });

  it('money resolutions need an amount, the others refuse one', () => {
    const about = { orderId: null };
    expect(checkResolution({ resolution: 'store_credit', amountFen: 500 }, about)).toBeNull();
    expect(checkResolution({ resolution: 'store_credit' }, about)).toEqual({
      field: 'amountFen',
      detail: 'a store_credit resolution needs amountFen',
    });
    expect(checkResolution({ resolution: 'reshipment', amountFen: 100 }, about)).toEqual({
      field: 'amountFen',
      detail: 'a reshipment resolution has no amount',
    });
    expect(checkResolution({ resolution: 'no_action' }, about)).toBeNull();
  });

  it("a refund needs the ticket's order and the call it is made in", () => {
    expect(
      checkResolution({ resolution: 'refund', amountFen: 500, callId: 'c1' }, { orderId: 'o1' }),
    ).toBeNull();
    expect(
      checkResolution({ resolution: 'refund', amountFen: 500, callId: 'c1' }, { orderId: null })?.field,
    ).toBe('resolution');
    expect(checkResolution({ resolution: 'refund', amountFen: 500 }, { orderId: 'o1' })?.field).toBe(
      'callId',
    );
    expect(refundReasonOf('quality_complaint')).toBe('damaged_on_delivery');
    expect(refundReasonOf('delivery')).toBe('goodwill');
  });

  it('refuses to resolve a resolved ticket, and refuses a resolution checkResolution refuses, naming the field', () => {
    expect(() => requireOpen({ id: 't1', status: 'open' })).not.toThrow();
    expect(() => requireOpen({ id: 't1', status: 'resolved' })).toThrow(TicketResolvedError);
    expect(() => requireOpen({ id: 't1', status: 'resolved' })).toThrow(
      expect.objectContaining({
        kind: 'conflict',
        type: 'ticket-resolved',
        detail: 'ticket t1 is already resolved',
      }),
    );
    expect(() => requireValidResolution({ resolution: 'no_action' }, { orderId: null })).not.toThrow();
    expect(() => requireValidResolution({ resolution: 'store_credit' }, { orderId: null })).toThrow(
      InvalidResolutionError,
    );
    expect(() => requireValidResolution({ resolution: 'refund', amountFen: 500 }, { orderId: 'o1' })).toThrow(
      expect.objectContaining({
        kind: 'invalid',
        type: 'invalid-resolution',
        detail: 'a refund is made within a call: send the callId',
        extensions: { field: 'callId' },
      }),
    );
  });
});
