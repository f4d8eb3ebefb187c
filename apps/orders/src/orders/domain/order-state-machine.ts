import { DomainError } from '@harvest/platform/errors';

export const ORDER_STATUSES = [
  'pending_payment',
  'paid',
  'allocated',
  'picking',
  'packed',
  'shipped',
  'delivered',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Statuses an order may be cancelled from: anything before picking starts. */
export const CANCELLABLE_STATUSES = ['pending_payment', 'paid', 'allocated'] as const;
export type CancellableStatus = (typeof CANCELLABLE_STATUSES)[number];

const NEXT: Record<OrderStatus, readonly OrderStatus[]> = {
  pending_payment: ['paid', 'cancelled'],
  paid: ['allocated', 'cancelled'],
  allocated: ['picking', 'cancelled'],
  picking: ['packed'],
  packed: ['shipped'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
};

export class IllegalTransitionError extends DomainError {
  constructor(
    readonly from: OrderStatus,
    readonly to: OrderStatus,
    detail = `An order in status ${from} cannot become ${to}`,
  ) {
    super('conflict', 'illegal-transition', detail);
  }
}

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return NEXT[from].includes(to);
}

/** Returns the new status, or throws IllegalTransitionError (the API answers 409). */
export function transition(from: OrderStatus, to: OrderStatus): OrderStatus {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to);
  return to;
}

export function isCancellable(status: OrderStatus): status is CancellableStatus {
  return (CANCELLABLE_STATUSES as readonly string[]).includes(status);
}

/** Throws IllegalTransitionError (the API answers 409) saying why, unless the order may still be cancelled. */
export function assertCancellable(status: OrderStatus): asserts status is CancellableStatus {
  if (!isCancellable(status))
    throw new IllegalTransitionError(
      status,
      'cancelled',
      `An order in status ${status} cannot be cancelled (picking has started)`,
    );
}
