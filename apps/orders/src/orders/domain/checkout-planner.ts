import type { OrderPlacedV1 } from '@harvest/contracts/order-placed';
import type { Substitution, TemperatureClass } from '@harvest/contracts/produce';
import { deliveryFeeFor, type ZoneDeliveryFee } from '../../delivery-coverage/domain/delivery-fee';
import { MAX_ORDER_TOTAL_FEN } from './order-limits';
import { slotRefusal, type SlotRefusal } from '../../delivery-slots/domain/slot-rules';
import type { OrderLine } from '../entities/order-line.entity';
import type { DeliveryAddress, Order } from '../entities/order.entity';
import { priceLines, type LineProblem, type PricedLine, type PricedSku, type RequestedLine } from './pricing';

/** What the customer (or the agent for them) asked for. */
export interface CheckoutIntent {
  customerId: string;
  idempotencyKey: string;
  requestHash: string;
  address: DeliveryAddress;
  slotId: string;
  lines: RequestedLine[];
  /** Set when an agent checks out on the customer's behalf. */
  agentId: string | null;
  callId: string | null;
  /**
   * A basket checkout (issue 20): the zone's delivery fee is charged, each line carries the customer's
   * substitution choice, and the order names the address-book entry. A line-list checkout has none of these.
   */
  basket?: { addressId: string; substitutions: ReadonlyMap<string, Substitution> };
}

/** What checkout read before planning: null where the row does not exist. */
export interface CheckoutFacts {
  /** The address's zone and the center that serves it. */
  served: {
    zone: { id: string } & Partial<ZoneDeliveryFee>;
    center: { id: string; name: string; temperatureClasses: readonly TemperatureClass[] };
  } | null;
  /** The local SKU snapshot, by requested SKU id. */
  skus: ReadonlyMap<string, PricedSku>;
  slot: {
    id: string;
    zoneId: string;
    deliveryDate: string;
    windowStart: string;
    windowEnd: string;
    startsAt: Date;
    cutoffAt: Date;
    capacity: number;
    booked: number;
  } | null;
}

export interface CheckoutSettings {
  maxLines: number;
  paymentTimeoutSeconds: number;
}

/** Why an order cannot be placed, as data; the first rule that fails decides (nothing is written). */
export type CheckoutRefusal =
  | { kind: 'too-many-lines'; maxLines: number }
  | { kind: 'unknown-zone'; zoneId: string }
  | { kind: 'invalid-order-lines'; problems: LineProblem[] }
  | {
      kind: 'temperature-class-not-served';
      centerName: string;
      unserved: TemperatureClass[];
      problems: LineProblem[];
    }
  | { kind: 'unknown-slot'; slotId: string }
  | { kind: 'slot-not-bookable'; reason: SlotRefusal }
  | { kind: 'out-of-stock'; centerName: string; skuIds: string[]; problems: LineProblem[] };

/** The order as checkout will write it: its row, its lines, what to reserve and its order.placed payload. */
export interface CheckoutPlan {
  order: Order;
  lines: OrderLine[];
  centerName: string;
  /** Stock units per SKU at the order's center: pieces, or grams for a weighed SKU. */
  reservations: Array<{ skuId: string; quantity: number }>;
  transitionReason: string;
  orderPlaced: OrderPlacedV1;
}

export type CheckoutPlanning = { ok: true; plan: CheckoutPlan } | { ok: false; refusal: CheckoutRefusal };

/**
 * Checkout's rules, from what it read to the order it writes: the line limit, the zone, pricing (every line
 * problem at once, and the order-total bound), the center's temperature classes, the slot, then the order
 * row, its lines, the payment due date and the order.placed payload. Stock is not judged here: the
 * reservation's conditional UPDATE decides it (see outOfStock). Pure: the clock and the order id come in.
 */
export function planCheckout(
  intent: CheckoutIntent,
  facts: CheckoutFacts,
  settings: CheckoutSettings,
  orderId: string,
  now: Date,
): CheckoutPlanning {
  const refuse = (refusal: CheckoutRefusal): CheckoutPlanning => ({ ok: false, refusal });
  if (intent.lines.length > settings.maxLines)
    return refuse({ kind: 'too-many-lines', maxLines: settings.maxLines });
  if (!facts.served) return refuse({ kind: 'unknown-zone', zoneId: intent.address.zoneId });
  const { zone, center } = facts.served;
  const { lines, problems } = priceLines(intent.lines, facts.skus);
  if (problems.length > 0) return refuse({ kind: 'invalid-order-lines', problems });
  const unserved = [...new Set(lines.map((l) => l.temperatureClass))].filter(
    (c) => !center.temperatureClasses.includes(c),
  );
  if (unserved.length > 0) {
    const problems = lines
      .filter((l) => unserved.includes(l.temperatureClass))
      .map((l) => ({ field: `lines[${l.lineNo - 1}].skuId`, message: `${l.temperatureClass} not served` }));
    return refuse({ kind: 'temperature-class-not-served', centerName: center.name, unserved, problems });
  }
  const { slot } = facts;
  if (!slot) return refuse({ kind: 'unknown-slot', slotId: intent.slotId });
  const notBookable = slotRefusal(slot, zone.id, now);
  if (notBookable) return refuse({ kind: 'slot-not-bookable', reason: notBookable });

  const goodsFen = lines.reduce((sum, l) => sum + l.lineTotalFen, 0);
  const deliveryFeeFen = intent.basket ? deliveryFeeFor(zoneFee(zone), goodsFen) : 0;
  const totalFen = goodsFen + deliveryFeeFen;
  if (totalFen > MAX_ORDER_TOTAL_FEN)
    return refuse({
      kind: 'invalid-order-lines',
      problems: [{ field: 'lines', message: `an order may total at most ${MAX_ORDER_TOTAL_FEN} fen` }],
    });
  const substitutionOf = (skuId: string): Substitution => intent.basket?.substitutions.get(skuId) ?? 'none';
  const paymentDueAt = new Date(now.getTime() + settings.paymentTimeoutSeconds * 1000);
  const order: Order = {
    id: orderId,
    customerId: intent.customerId,
    idempotencyKey: intent.idempotencyKey,
    requestHash: intent.requestHash,
    status: 'pending_payment',
    fulfillmentCenterId: center.id,
    zoneId: zone.id,
    slotId: slot.id,
    // As it reads back from its JSON column.
    address: JSON.parse(JSON.stringify(intent.address)) as DeliveryAddress,
    totalFen,
    deliveryFeeFen,
    addressId: intent.basket?.addressId ?? null,
    paidFen: 0,
    refundedFen: 0,
    paymentId: null,
    paymentDueAt,
    placedByAgentId: intent.agentId,
    callId: intent.callId,
    createdAt: now,
    updatedAt: now,
  };
  return {
    ok: true,
    plan: {
      order,
      // A priced line is the order line as stored, before anything is picked.
      lines: lines.map((l) => ({
        orderId,
        ...l,
        substitution: substitutionOf(l.skuId),
        pickedQuantity: null,
        shortPickReason: null,
        actualWeightGrams: null,
      })),
      centerName: center.name,
      reservations: lines.map((l) => ({ skuId: l.skuId, quantity: l.reservedQuantity })),
      transitionReason: intent.agentId ? 'checkout by agent' : 'checkout',
      orderPlaced: {
        orderId,
        customerId: intent.customerId,
        fulfillmentCenterId: center.id,
        zoneId: zone.id,
        slot: {
          slotId: slot.id,
          date: slot.deliveryDate,
          windowStart: slot.windowStart,
          windowEnd: slot.windowEnd,
        },
        lines: lines.map((l) => ({ ...placedLine(l), substitution: substitutionOf(l.skuId) })),
        totalFen,
        deliveryFeeFen,
        paymentDueAt: paymentDueAt.toISOString(),
        placedByAgentId: intent.agentId,
      },
    },
  };
}

/** The refusal for the SKUs whose reservation found too little available stock at the order's center. */
export function outOfStock(plan: CheckoutPlan, shortSkuIds: string[]): CheckoutRefusal {
  return {
    kind: 'out-of-stock',
    centerName: plan.centerName,
    skuIds: shortSkuIds,
    problems: plan.lines
      .filter((l) => shortSkuIds.includes(l.skuId))
      .map((l) => ({ field: `lines[${l.lineNo - 1}]`, message: `not enough stock of ${l.skuId}` })),
  };
}

/** The event's line is the priced line without what only orders uses (line number, stock units). */
function placedLine({ lineNo: _lineNo, reservedQuantity: _reserved, ...placed }: PricedLine) {
  return placed;
}

/** The zone's fee as read with it; a zone read without its fee columns charges nothing. */
function zoneFee(zone: Partial<ZoneDeliveryFee>): ZoneDeliveryFee {
  return { deliveryFeeFen: zone.deliveryFeeFen ?? 0, freeDeliveryFromFen: zone.freeDeliveryFromFen ?? null };
}
