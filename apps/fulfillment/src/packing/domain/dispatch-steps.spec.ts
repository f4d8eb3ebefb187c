import { assertCanBecome, InvalidOrderStateError } from './dispatch-steps';

describe('dispatch steps', () => {
  it('packs a picked or short-picked order, ships a packed one, delivers a shipped one', () => {
    expect(() => assertCanBecome({ orderId: 'o-1', status: 'picked' }, 'packed')).not.toThrow();
    expect(() => assertCanBecome({ orderId: 'o-1', status: 'short_picked' }, 'packed')).not.toThrow();
    expect(() => assertCanBecome({ orderId: 'o-1', status: 'packed' }, 'shipped')).not.toThrow();
    expect(() => assertCanBecome({ orderId: 'o-1', status: 'shipped' }, 'delivered')).not.toThrow();
  });

  it('refuses any other step as a conflict saying when it would be allowed', () => {
    expect(() => assertCanBecome({ orderId: 'o-1', status: 'packed' }, 'packed')).toThrow(
      InvalidOrderStateError,
    );
    expect(() => assertCanBecome({ orderId: 'o-1', status: 'allocated' }, 'packed')).toThrow(
      expect.objectContaining({
        kind: 'conflict',
        type: 'invalid-order-state',
        detail: 'Order o-1 is allocated; it can become packed only when picked or short_picked',
      }),
    );
    expect(() => assertCanBecome({ orderId: 'o-1', status: 'packed' }, 'delivered')).toThrow(
      InvalidOrderStateError,
    );
  });
});
