import { chinaLocalToInstant } from '../../delivery-slots/domain/slot-rules';
import {
  outOfStock,
  planCheckout,
  type CheckoutFacts,
  type CheckoutIntent,
  type CheckoutPlan,
  type CheckoutPlanning,
  type CheckoutRefusal,
} from './checkout-planner';
import { MAX_ORDER_TOTAL_FEN } from './order-limits';
import type { PricedSku } from './pricing';

const now = new Date('2026-11-23T10:00:00.000Z');
const orderId = '6f1c1e9e-0000-4000-8000-000000000001';
const settings = { maxLines: 3, paymentTimeoutSeconds: 900 };

const sku = (over: Partial<PricedSku> & { skuId: string }): PricedSku => ({
  name: '有机菠菜 300g',
  status: 'active',
  soldBy: 'piece',
  priceFen: 1290,
  temperatureClass: 'chilled',
  ...over,
});

const intent = (over: Partial<CheckoutIntent> = {}): CheckoutIntent => ({
  customerId: 'cust-1',
  idempotencyKey: 'key-1',
  requestHash: 'a'.repeat(64),
  address: {
    zoneId: 'bj-chaoyang',
    recipient: '王芳',
    phone: '+86 138 0000 0000',
    city: '北京',
    street: '建国路 1 号',
  },
  slotId: 'bj-chaoyang-2026-11-24-0900',
  lines: [
    { skuId: 'spinach', quantity: 3 },
    { skuId: 'pork', estimatedWeightGrams: 750 },
  ],
  agentId: null,
  callId: null,
  ...over,
});

const facts = (over: Partial<CheckoutFacts> = {}): CheckoutFacts => ({
  served: {
    zone: { id: 'bj-chaoyang' },
    center: { id: 'fc-beijing-1', name: 'Beijing 1', temperatureClasses: ['chilled', 'frozen'] },
  },
  skus: new Map([
    ['spinach', sku({ skuId: 'spinach' })],
    ['pork', sku({ skuId: 'pork', name: '有机五花肉', soldBy: 'weight', priceFen: 1999 })],
    ['ice-cream', sku({ skuId: 'ice-cream', temperatureClass: 'frozen', priceFen: 2500 })],
    ['bananas', sku({ skuId: 'bananas', temperatureClass: 'ambient', priceFen: 990 })],
  ]),
  slot: {
    id: 'bj-chaoyang-2026-11-24-0900',
    zoneId: 'bj-chaoyang',
    deliveryDate: '2026-11-24',
    windowStart: '09:00',
    windowEnd: '12:00',
    startsAt: chinaLocalToInstant('2026-11-24', '09:00'),
    cutoffAt: chinaLocalToInstant('2026-11-24', '01:00'),
    capacity: 50,
    booked: 10,
  },
  ...over,
});

const allClasses = {
  id: 'fc-beijing-1',
  name: 'Beijing 1',
  temperatureClasses: ['chilled', 'frozen', 'ambient'] as const,
};

const plan = (i = intent(), f = facts(), at = now): CheckoutPlanning =>
  planCheckout(i, f, settings, orderId, at);

function planned(planning: CheckoutPlanning): CheckoutPlan {
  if (!planning.ok) throw new Error(`refused: ${planning.refusal.kind}`);
  return planning.plan;
}

function refusal(planning: CheckoutPlanning): CheckoutRefusal {
  if (planning.ok) throw new Error('planned an order that should be refused');
  return planning.refusal;
}

describe('checkout planner', () => {
  describe('a basket checkout (issue 20)', () => {
    const zone = { id: 'bj-chaoyang', deliveryFeeFen: 800, freeDeliveryFromFen: 9900 };
    const basket = (substitutions: Record<string, 'similar-ok' | 'none'> = {}) => ({
      addressId: '0c8d8a9e-0000-4000-8000-0000000000aa',
      substitutions: new Map(Object.entries(substitutions)),
    });
    const served = (z = zone) => ({ ...facts().served!, zone: z });

    it("adds the zone's fee below the free-delivery threshold, and carries each line's substitution", () => {
      const { order, lines, orderPlaced } = planned(
        plan(intent({ basket: basket({ pork: 'similar-ok' }) }), facts({ served: served() })),
      );
      expect(order).toMatchObject({
        totalFen: 6869 + 800,
        deliveryFeeFen: 800,
        addressId: basket().addressId,
      });
      expect(lines.map((l) => l.substitution)).toEqual(['none', 'similar-ok']);
      expect(orderPlaced).toMatchObject({
        totalFen: 7669,
        deliveryFeeFen: 800,
        lines: [
          { skuId: 'spinach', substitution: 'none' },
          { skuId: 'pork', substitution: 'similar-ok' },
        ],
      });
    });

    it('waives the fee from the threshold on', () => {
      const cheap = { ...zone, freeDeliveryFromFen: 6869 };
      const { order } = planned(plan(intent({ basket: basket() }), facts({ served: served(cheap) })));
      expect(order).toMatchObject({ totalFen: 6869, deliveryFeeFen: 0 });
    });

    it('charges no fee for a line-list checkout, whatever the zone charges', () => {
      const { order } = planned(plan(intent(), facts({ served: served() })));
      expect(order).toMatchObject({ totalFen: 6869, deliveryFeeFen: 0, addressId: null });
    });
  });

  it('plans the order, its lines and order.placed: totals to the fen, payment due after the timeout', () => {
    const { order, lines, reservations, orderPlaced, transitionReason, centerName } = planned(plan());
    // 3 × 1290 = 3870; 750 g at 1999 per 500 g = 2998.5, rounded half up to 2999.
    expect(lines.map((l) => l.lineTotalFen)).toEqual([3870, 2999]);
    expect(order).toMatchObject({
      id: orderId,
      customerId: 'cust-1',
      idempotencyKey: 'key-1',
      requestHash: 'a'.repeat(64),
      status: 'pending_payment',
      fulfillmentCenterId: 'fc-beijing-1',
      zoneId: 'bj-chaoyang',
      slotId: 'bj-chaoyang-2026-11-24-0900',
      totalFen: 6869,
      paidFen: 0,
      refundedFen: 0,
      paymentId: null,
      placedByAgentId: null,
      callId: null,
      createdAt: now,
      updatedAt: now,
    });
    expect(order.paymentDueAt.toISOString()).toBe('2026-11-23T10:15:00.000Z');
    expect(order.address).toEqual(intent().address);
    expect(lines[1]).toEqual({
      orderId,
      lineNo: 2,
      skuId: 'pork',
      name: '有机五花肉',
      soldBy: 'weight',
      temperatureClass: 'chilled',
      quantity: null,
      estimatedWeightGrams: 750,
      reservedQuantity: 750,
      unitPriceFen: 1999,
      lineTotalFen: 2999,
      substitution: 'none',
      pickedQuantity: null,
      shortPickReason: null,
      actualWeightGrams: null,
    });
    expect(reservations).toEqual([
      { skuId: 'spinach', quantity: 3 },
      { skuId: 'pork', quantity: 750 },
    ]);
    expect(transitionReason).toBe('checkout');
    expect(centerName).toBe('Beijing 1');
    expect(orderPlaced).toEqual({
      orderId,
      customerId: 'cust-1',
      fulfillmentCenterId: 'fc-beijing-1',
      zoneId: 'bj-chaoyang',
      slot: {
        slotId: 'bj-chaoyang-2026-11-24-0900',
        date: '2026-11-24',
        windowStart: '09:00',
        windowEnd: '12:00',
      },
      lines: [
        {
          skuId: 'spinach',
          name: '有机菠菜 300g',
          soldBy: 'piece',
          temperatureClass: 'chilled',
          quantity: 3,
          estimatedWeightGrams: null,
          unitPriceFen: 1290,
          lineTotalFen: 3870,
          substitution: 'none',
        },
        {
          skuId: 'pork',
          name: '有机五花肉',
          soldBy: 'weight',
          temperatureClass: 'chilled',
          quantity: null,
          estimatedWeightGrams: 750,
          unitPriceFen: 1999,
          lineTotalFen: 2999,
          substitution: 'none',
        },
      ],
      totalFen: 6869,
      deliveryFeeFen: 0,
      paymentDueAt: '2026-11-23T10:15:00.000Z',
      placedByAgentId: null,
    });
  });

  it('records the agent and the call of an agent checkout', () => {
    const { order, orderPlaced, transitionReason } = planned(
      plan(intent({ agentId: 'agent-7', callId: 'call-9' })),
    );
    expect(order).toMatchObject({ placedByAgentId: 'agent-7', callId: 'call-9' });
    expect(orderPlaced.placedByAgentId).toBe('agent-7');
    expect(transitionReason).toBe('checkout by agent');
  });

  it('accepts exactly the line limit and refuses one line more', () => {
    const lines = ['spinach', 'pork', 'bananas'].map((skuId) =>
      skuId === 'pork' ? { skuId, estimatedWeightGrams: 500 } : { skuId, quantity: 1 },
    );
    expect(plan(intent({ lines }), facts({ served: { ...facts().served!, center: allClasses } })).ok).toBe(
      true,
    );
    expect(refusal(plan(intent({ lines: [...lines, { skuId: 'ice-cream', quantity: 1 }] })))).toEqual({
      kind: 'too-many-lines',
      maxLines: 3,
    });
  });

  it('refuses a zone nobody serves', () => {
    expect(refusal(plan(intent(), facts({ served: null })))).toEqual({
      kind: 'unknown-zone',
      zoneId: 'bj-chaoyang',
    });
  });

  it('refuses every bad line at once, naming each', () => {
    const lines = [
      { skuId: 'unknown-sku', quantity: 1 },
      { skuId: 'spinach', estimatedWeightGrams: 300 },
      { skuId: 'pork', quantity: 2 },
    ];
    expect(refusal(plan(intent({ lines })))).toEqual({
      kind: 'invalid-order-lines',
      problems: [
        { field: 'lines[0].skuId', message: 'unknown SKU unknown-sku' },
        { field: 'lines[1].estimatedWeightGrams', message: expect.stringContaining('sold by the piece') },
        { field: 'lines[2].quantity', message: expect.stringContaining('sold by weight') },
      ],
    });
  });

  it('refuses an order over the total bound, and plans one at it', () => {
    const dear = (priceFen: number) => facts({ skus: new Map([['gold', sku({ skuId: 'gold', priceFen })]]) });
    const atBound = intent({ lines: [{ skuId: 'gold', quantity: 100 }] });
    expect(planned(plan(atBound, dear(MAX_ORDER_TOTAL_FEN / 100))).order.totalFen).toBe(MAX_ORDER_TOTAL_FEN);
    expect(refusal(plan(atBound, dear(MAX_ORDER_TOTAL_FEN / 100 + 1)))).toEqual({
      kind: 'invalid-order-lines',
      problems: [{ field: 'lines', message: `an order may total at most ${MAX_ORDER_TOTAL_FEN} fen` }],
    });
  });

  it('refuses goods of a temperature class the center cannot hold, naming each such line', () => {
    const lines = [
      { skuId: 'bananas', quantity: 1 },
      { skuId: 'spinach', quantity: 1 },
      { skuId: 'ice-cream', quantity: 2 },
    ];
    const noFreezer = facts({
      served: {
        zone: { id: 'bj-chaoyang' },
        center: { id: 'fc-x', name: 'Small', temperatureClasses: ['chilled'] },
      },
    });
    expect(refusal(plan(intent({ lines }), noFreezer))).toEqual({
      kind: 'temperature-class-not-served',
      centerName: 'Small',
      unserved: ['ambient', 'frozen'],
      problems: [
        { field: 'lines[0].skuId', message: 'ambient not served' },
        { field: 'lines[2].skuId', message: 'frozen not served' },
      ],
    });
  });

  it('refuses a slot that does not exist', () => {
    expect(refusal(plan(intent(), facts({ slot: null })))).toEqual({
      kind: 'unknown-slot',
      slotId: 'bj-chaoyang-2026-11-24-0900',
    });
  });

  it.each([
    ['of another zone', { zoneId: 'sh-pudong' }, now, 'slot-wrong-zone'],
    ['past its cut-off', {}, new Date('2026-11-23T17:00:00.000Z'), 'slot-past-cutoff'],
    ['that has started', {}, new Date('2026-11-24T01:30:00.000Z'), 'slot-in-the-past'],
    ['that is full', { booked: 50 }, now, 'slot-full'],
  ] as const)('refuses a slot %s', (_name, slotOver, at, type) => {
    expect(refusal(plan(intent(), facts({ slot: { ...facts().slot!, ...slotOver } }), at))).toEqual({
      kind: 'slot-not-bookable',
      reason: expect.objectContaining({ type }),
    });
  });

  it('judges the rules in order: the first that fails decides', () => {
    const tooMany = intent({ lines: Array.from({ length: 4 }, (_, i) => ({ skuId: `x${i}`, quantity: 1 })) });
    expect(refusal(plan(tooMany, facts({ served: null, slot: null }))).kind).toBe('too-many-lines');
    const badLine = intent({ lines: [{ skuId: 'nope', quantity: 1 }] });
    expect(refusal(plan(badLine, facts({ served: null }))).kind).toBe('unknown-zone');
    expect(refusal(plan(badLine, facts({ slot: null }))).kind).toBe('invalid-order-lines');
  });

  it('names the lines whose stock ran out when the reservation falls short', () => {
    const p = planned(plan());
    expect(outOfStock(p, ['pork'])).toEqual({
      kind: 'out-of-stock',
      centerName: 'Beijing 1',
      skuIds: ['pork'],
      problems: [{ field: 'lines[1]', message: 'not enough stock of pork' }],
    });
  });
});
