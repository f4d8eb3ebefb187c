import type { OrderLine } from './entities/order-line.entity';
import type { OrderRefund } from './entities/order-refund.entity';
import type { OrderTransition } from './entities/order-transition.entity';
import type { Order } from './entities/order.entity';

export interface OrderDetails {
  order: Order;
  lines: OrderLine[];
  refunds: OrderRefund[];
  transitions: OrderTransition[];
}

/** What a customer sees of their own order: no audit trail, no internal ids of staff. */
export function customerOrderView({ order, lines, refunds }: OrderDetails) {
  return {
    id: order.id,
    status: order.status,
    createdAt: order.createdAt.toISOString(),
    paymentDueAt: order.status === 'pending_payment' ? order.paymentDueAt.toISOString() : null,
    address: order.address,
    addressId: order.addressId,
    zoneId: order.zoneId,
    slotId: order.slotId,
    totalFen: order.totalFen,
    deliveryFeeFen: order.deliveryFeeFen,
    paidFen: order.paidFen,
    refundedFen: order.refundedFen,
    lines: lines.map((l) => ({
      skuId: l.skuId,
      name: l.name,
      soldBy: l.soldBy,
      quantity: l.quantity,
      estimatedWeightGrams: l.estimatedWeightGrams,
      actualWeightGrams: l.actualWeightGrams,
      pickedQuantity: l.pickedQuantity,
      unitPriceFen: l.unitPriceFen,
      lineTotalFen: l.lineTotalFen,
      substitution: l.substitution,
    })),
    refunds: refunds.map((r) => ({
      id: r.id,
      amountFen: r.amountFen,
      reason: r.reason,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

/** Agents and admins also see where it ships from, who placed it and every transition with its actor. */
export function staffOrderView(details: OrderDetails) {
  const { order, refunds, transitions } = details;
  return {
    ...customerOrderView(details),
    customerId: order.customerId,
    fulfillmentCenterId: order.fulfillmentCenterId,
    paymentId: order.paymentId,
    placedByAgentId: order.placedByAgentId,
    callId: order.callId,
    refunds: refunds.map((r) => ({
      id: r.id,
      amountFen: r.amountFen,
      reason: r.reason,
      note: r.note,
      lines: r.lines,
      actor: r.actor,
      callId: r.callId,
      createdAt: r.createdAt.toISOString(),
    })),
    transitions: transitions.map((t) => ({
      from: t.fromStatus,
      to: t.toStatus,
      actor: t.actor,
      reason: t.reason,
      callId: t.callId,
      at: t.at.toISOString(),
    })),
  };
}

/** One row of a list. */
export function orderSummary(order: Order) {
  return {
    id: order.id,
    customerId: order.customerId,
    status: order.status,
    fulfillmentCenterId: order.fulfillmentCenterId,
    totalFen: order.totalFen,
    refundedFen: order.refundedFen,
    createdAt: order.createdAt.toISOString(),
  };
}
