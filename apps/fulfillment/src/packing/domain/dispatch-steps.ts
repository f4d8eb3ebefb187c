import { DomainError } from '@harvest/platform/errors';

/** The steps after picking, each reached only from the statuses before it. */
const REACHED_FROM = {
  packed: ['picked', 'short_picked'],
  shipped: ['packed'],
  delivered: ['shipped'],
} as const satisfies Record<string, readonly string[]>;

export type DispatchStep = keyof typeof REACHED_FROM;

export class InvalidOrderStateError extends DomainError {
  constructor(orderId: string, status: string, to: DispatchStep) {
    super(
      'conflict',
      'invalid-order-state',
      `Order ${orderId} is ${status}; it can become ${to} only when ${REACHED_FROM[to].join(' or ')}`,
      // The http library's own `status` member wins over this one: the answer keeps saying 409.
      { extensions: { status } },
    );
  }
}

/** Packing, shipping and delivery each follow the one before (InvalidOrderStateError otherwise). */
export function assertCanBecome(order: { orderId: string; status: string }, to: DispatchStep): void {
  if (!(REACHED_FROM[to] as readonly string[]).includes(order.status)) {
    throw new InvalidOrderStateError(order.orderId, order.status, to);
  }
}
