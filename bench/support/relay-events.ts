import { orderPlacedV1, type OrderPlacedV1 } from '@harvest/contracts/order-placed';

/** The relay row's events: order.placed envelopes (3 lines, about 1 KB) on this run's own topic. */
export const relayContract = (topic: string) => orderPlacedV1.withTopic(topic);

export const RELAY_BATCH_SIZE = 100;

/** The i-th payload; both sides of the relay row send exactly these. */
export function relayPayload(i: number): OrderPlacedV1 {
  const orderId = `bench-order-${String(i).padStart(8, '0')}`;
  return {
    orderId,
    customerId: `bench-customer-${i % 1000}`,
    fulfillmentCenterId: 'fc-beijing-1',
    zoneId: 'bj-chaoyang',
    slot: {
      slotId: 'bj-chaoyang-2026-11-25-0900',
      date: '2026-11-25',
      windowStart: '09:00',
      windowEnd: '12:00',
    },
    lines: [1, 2, 3].map((n) => ({
      skuId: `demo-sku-${String(((i + n * 37) % 240) + 1).padStart(4, '0')}`,
      name: '红富士苹果 约500g',
      soldBy: 'piece' as const,
      temperatureClass: 'cool' as const,
      quantity: n,
      estimatedWeightGrams: null,
      unitPriceFen: 690,
      lineTotalFen: 690 * n,
    })),
    totalFen: 690 * 6,
    paymentDueAt: '2026-11-25T01:15:00.000Z',
    placedByAgentId: null,
  };
}
