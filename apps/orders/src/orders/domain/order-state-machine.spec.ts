import {
  assertCancellable,
  canTransition,
  IllegalTransitionError,
  isCancellable,
  ORDER_STATUSES,
  transition,
  type OrderStatus,
} from './order-state-machine';

describe('order state machine', () => {
  const happyPath: OrderStatus[] = [
    'pending_payment',
    'paid',
    'allocated',
    'picking',
    'packed',
    'shipped',
    'delivered',
  ];

  it('walks the lifecycle forward one step at a time', () => {
    for (let i = 1; i < happyPath.length; i++)
      expect(transition(happyPath[i - 1]!, happyPath[i]!)).toBe(happyPath[i]);
  });

  it('refuses skipping, going back and leaving a final state', () => {
    expect(() => transition('pending_payment', 'allocated')).toThrow(IllegalTransitionError);
    expect(() => transition('packed', 'picking')).toThrow('An order in status packed cannot become picking');
    expect(() => transition('packed', 'picking')).toThrow(
      expect.objectContaining({ kind: 'conflict', type: 'illegal-transition' }),
    );
    for (const to of ORDER_STATUSES) {
      expect(canTransition('delivered', to)).toBe(false);
      expect(canTransition('cancelled', to)).toBe(false);
    }
  });

  it('allows cancel exactly before picking', () => {
    const cancellable = ORDER_STATUSES.filter((s) => canTransition(s, 'cancelled'));
    expect(cancellable).toEqual(['pending_payment', 'paid', 'allocated']);
    expect(cancellable.every(isCancellable)).toBe(true);
    expect(isCancellable('picking')).toBe(false);
  });

  it('says why a cancel is refused once picking has started, as the illegal transition it is', () => {
    expect(() => assertCancellable('allocated')).not.toThrow();
    expect(() => assertCancellable('picking')).toThrow(
      expect.objectContaining({
        kind: 'conflict',
        type: 'illegal-transition',
        detail: 'An order in status picking cannot be cancelled (picking has started)',
      }),
    );
    expect(() => assertCancellable('delivered')).toThrow(IllegalTransitionError);
  });
});
