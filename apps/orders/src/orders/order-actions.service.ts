import type { OrderCancelledV1 } from '@harvest/contracts/order-cancelled';
import { Database } from '@harvest/platform/database';
import { Injectable } from '@nestjs/common';
import type { Actor } from './actor';
import type { OrderRefund } from './entities/order-refund.entity';
import { OrderLifecycleService, type RefundRequest } from '../order-lifecycle/order-lifecycle.service';

/** A manual refund as asked for: its Idempotency-Key, amount, reason and note. */
export type ManualRefund = Pick<RefundRequest, 'amountFen' | 'note'> & {
  idempotencyKey: string;
  reason: RefundRequest['reason'];
};

/** What a manual refund came to: made (or made before under the key), or refused as data. */
export type ManualRefundOutcome =
  | { kind: 'refunded'; refund: OrderRefund }
  | { kind: 'unknown-order' }
  /** The key already refunded another amount or reason on this order. */
  | { kind: 'key-reused' };

/** The order changes asked for through the API (cancel, refund), each in its own transaction. */
@Injectable()
export class OrderActionsService {
  constructor(
    private readonly db: Database,
    private readonly lifecycle: OrderLifecycleService,
  ) {}

  /** Cancels an order the caller was shown to exist (the lifecycle refuses one that is past picking). */
  async cancel(
    orderId: string,
    reason: OrderCancelledV1['reason'],
    actor: Actor,
    note: string | null,
  ): Promise<void> {
    await this.db.transaction(async (em) => {
      const order = (await this.lifecycle.lock(em, orderId))!;
      await this.lifecycle.cancel(em, order, reason, actor, note);
    });
  }

  /** Refunds once per Idempotency-Key: the same key again gives the first refund back. */
  refund(orderId: string, request: ManualRefund, actor: Actor): Promise<ManualRefundOutcome> {
    return this.db.transaction(async (em): Promise<ManualRefundOutcome> => {
      const order = await this.lifecycle.lock(em, orderId);
      if (!order) return { kind: 'unknown-order' };
      const refund = await this.lifecycle.refund(
        em,
        order,
        {
          sourceKey: `manual:${request.idempotencyKey}`,
          amountFen: request.amountFen,
          reason: request.reason,
          lines: [],
          note: request.note,
        },
        actor,
      );
      // A refund of another amount or reason is the key's earlier one: nothing was written now.
      if (refund.amountFen !== request.amountFen || refund.reason !== request.reason)
        return { kind: 'key-reused' };
      return { kind: 'refunded', refund };
    });
  }
}
