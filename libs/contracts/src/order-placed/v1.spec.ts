import { orderPlacedV1 } from './v1';

const line = {
  skuId: 'sku-1',
  name: '草莓 500g',
  soldBy: 'piece' as const,
  temperatureClass: 'chilled' as const,
  quantity: 2,
  estimatedWeightGrams: null,
  unitPriceFen: 3990,
  lineTotalFen: 7980,
};
const before = {
  orderId: 'o-1',
  customerId: 'c-1',
  fulfillmentCenterId: 'fc-1',
  zoneId: 'z-1',
  slot: { slotId: 's-1', date: '2026-12-09', windowStart: '09:00', windowEnd: '12:00' },
  lines: [line],
  totalFen: 7980,
  paymentDueAt: '2026-12-08T10:00:00.000Z',
  placedByAgentId: null,
};

describe('order.placed v1 with delivery fee and substitutions (added, not bumped)', () => {
  it('reads an event published before the fields existed: no fee, no substitute', () => {
    const envelope = orderPlacedV1.create({ key: 'o-1', payload: before });
    const parsed = orderPlacedV1.parse(JSON.parse(JSON.stringify(envelope)));
    expect(parsed.payload.deliveryFeeFen).toBe(0);
    expect(parsed.payload.lines[0]!.substitution).toBe('none');
  });

  it('carries them when given, and refuses a substitution it does not know', () => {
    const payload = {
      ...before,
      totalFen: 8780,
      deliveryFeeFen: 800,
      lines: [{ ...line, substitution: 'similar-ok' as const }],
    };
    const parsed = orderPlacedV1.parse(
      JSON.parse(JSON.stringify(orderPlacedV1.create({ key: 'o-1', payload }))),
    );
    expect(parsed.payload).toMatchObject({ deliveryFeeFen: 800, lines: [{ substitution: 'similar-ok' }] });
    expect(() =>
      orderPlacedV1.create({
        key: 'o-1',
        payload: { ...payload, lines: [{ ...line, substitution: 'any' }] } as never,
      }),
    ).toThrow(/substitution/);
  });
});
