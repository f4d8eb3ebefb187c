import {
  assertPayable,
  decideReport,
  nextQueryAt,
  outTradeNoOf,
  type PaymentStatus,
  type ReportedState,
} from './payment-rules';
import type { OrderStatus } from '../../orders/domain/order-state-machine';

describe('payment rules', () => {
  const decide = (
    paymentStatus: PaymentStatus,
    orderStatus: OrderStatus,
    reportState: ReportedState,
    reportAmountFen: number | null = 1290,
  ) =>
    decideReport({ paymentStatus, paymentAmountFen: 1290, orderStatus, reportState, reportAmountFen }).kind;

  it('pays an awaiting order once, for the exact amount only', () => {
    expect(decide('open', 'pending_payment', 'succeeded')).toBe('pay');
    expect(decide('creating', 'pending_payment', 'succeeded')).toBe('pay');
    expect(decide('paid', 'allocated', 'succeeded')).toBe('ignore');
    expect(decide('open', 'pending_payment', 'succeeded', 1289)).toBe('mismatch');
    expect(decide('open', 'pending_payment', 'succeeded', null)).toBe('mismatch');
    expect(decide('mismatch', 'pending_payment', 'succeeded')).toBe('ignore');
  });

  it('calls money for an order that no longer awaits it late, even after we closed the trade', () => {
    expect(decide('open', 'cancelled', 'succeeded')).toBe('late');
    expect(decide('closed', 'cancelled', 'succeeded')).toBe('late');
    expect(decide('open', 'allocated', 'succeeded')).toBe('late'); // paid through the other channel
    expect(decide('late', 'cancelled', 'succeeded')).toBe('ignore');
  });

  it('closes an unsettled payment the provider closed, and ignores pending, not-found and failed', () => {
    expect(decide('open', 'cancelled', 'closed')).toBe('close');
    expect(decide('paid', 'allocated', 'closed')).toBe('ignore');
    for (const state of ['pending', 'not-found', 'failed'] as const)
      expect(decide('open', 'pending_payment', state)).toBe('ignore');
  });

  it('starts a payment only for an order awaiting payment before its deadline', () => {
    const now = new Date('2026-12-08T02:00:00Z');
    const order = {
      id: 'o-1',
      status: 'pending_payment' as const,
      paymentDueAt: new Date('2026-12-08T02:15:00Z'),
    };
    expect(() => assertPayable(order, now)).not.toThrow();
    expect(() => assertPayable({ ...order, paymentDueAt: now }, now)).toThrow(/deadline/);
    expect(() => assertPayable({ ...order, status: 'cancelled' }, now)).toThrow(
      expect.objectContaining({ type: 'order-not-payable', kind: 'conflict' }),
    );
  });

  it('spells the trade number in 32 characters and backs the query off to at most 10 minutes', () => {
    expect(outTradeNoOf('0b5f6a2e-58c1-4bbf-8b0e-3d3f3c8f9a10')).toBe('0b5f6a2e58c14bbf8b0e3d3f3c8f9a10');
    const now = new Date(0);
    expect(nextQueryAt(now, 0, 30_000).getTime()).toBe(30_000);
    expect(nextQueryAt(now, 2, 30_000).getTime()).toBe(120_000);
    expect(nextQueryAt(now, 50, 30_000).getTime()).toBe(600_000);
  });
});
