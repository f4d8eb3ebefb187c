import { createFixture, startOrdersTestApp, type Fixture, type OrdersTestApp } from '@harvest/orders/testing';
import { FulfillmentTestKit, inDays, waitFor } from '@harvest/fulfillment/testing';
import { randomUUID } from 'node:crypto';

/**
 * Issue 22's counts acceptance, with the real orders service in-process (Kafka): a blind count within the
 * threshold is applied at once, one above it waits for the center's supervisor and, approved, changes what
 * orders sells; adjustments with reasons and moves follow the same way; a move into a room of another class
 * is refused. MariaDB + Kafka.
 */
describe('cycle counts, adjustments and moves, into orders (MariaDB + Kafka)', () => {
  let orders: OrdersTestApp;
  let f: Fixture;
  let kit: FulfillmentTestKit;
  let scanner: string;
  let supervisor: string;
  const bin = (code: string) => `${f.centerId}-${code}`.toUpperCase();

  beforeAll(async () => {
    orders = await startOrdersTestApp({
      EVENTS_TRANSPORT: 'kafka',
      KAFKA_BROKERS: '127.0.0.1:9092',
      EVENTS_MAX_ATTEMPTS: '20',
      EVENTS_RETRY_BACKOFF_MAX_MS: '1000',
    });
    f = await createFixture(orders);
    kit = await FulfillmentTestKit.start();
    await kit.createCenter(f.centerId);
    scanner = await kit.scannerToken(f.centerId);
    supervisor = await kit.issuer.tokenFor('agent', 'supervisor-1', { fulfillmentCenterId: f.centerId });
  }, 180_000);

  afterAll(async () => {
    await kit?.close();
    await orders?.close();
  });

  const sellableInOrders = async (skuId: string) => {
    const res = await orders.app.inject({
      method: 'GET',
      url: `/inventory/${f.centerId}/${skuId}`,
      headers: { authorization: `Bearer ${await orders.token('admin', 'ops-1')}` },
    });
    return res.statusCode === 200 ? (res.json() as { sellable: number }).sellable : null;
  };
  const sellableBecomes = (skuId: string, sellable: number) =>
    waitFor(
      `orders' sellable ${skuId} = ${sellable}`,
      async () => (await sellableInOrders(skuId)) === sellable,
      60_000,
    );
  const rows = async (table: string) =>
    Number((await kit.query<{ n: number }>(`SELECT COUNT(*) AS n FROM {db}.${table}`))[0]!.n);
  const fieldsOf = (res: { json: () => unknown }) => {
    const body = res.json() as { field?: string; errors?: Array<{ field: string }> };
    return [body.field, ...(body.errors ?? []).map((e) => e.field)];
  };

  it('applies a small variance at once; a large one after the supervisor approves, and orders follows', async () => {
    const sku = await kit.publishSku({ skuId: `sku-pakchoi-${kit.suffix}` });
    const lot = await kit.stockLot({
      skuId: sku.skuId,
      centerId: f.centerId,
      quantity: 50,
      expiryDate: inDays(9),
      bin: bin('CHL-01'),
    });
    await sellableBecomes(sku.skuId, 50);
    const counts = () => kit.outbox('fulfillment.stock-counted', `${sku.skuId}@${f.centerId}`);

    // 48 of 50: 4 %, within the 5 % threshold. The counter sees the status, never the expected figure.
    const small = await kit.request('POST', '/cycle-counts', scanner, {
      locationBarcode: bin('CHL-01'),
      lines: [{ lotBarcode: lot.barcode, quantity: 48 }],
    });
    expect(small.statusCode).toBe(201);
    expect(small.json()).toEqual({
      id: expect.any(String),
      locationBarcode: bin('CHL-01'),
      status: 'applied',
    });
    await sellableBecomes(sku.skuId, 48);

    // 40 of 48: waits for approval, and nothing is announced meanwhile.
    const announced = (await counts()).length;
    const large = await kit.request('POST', '/cycle-counts', scanner, {
      locationBarcode: bin('CHL-01'),
      lines: [{ lotBarcode: lot.barcode, quantity: 40 }],
    });
    expect(large.json()).toMatchObject({ status: 'pending-approval' });
    expect(large.json()).not.toHaveProperty('expectedUnits');
    const countId = (large.json() as { id: string }).id;
    expect((await counts()).length).toBe(announced);
    expect(await sellableInOrders(sku.skuId)).toBe(48);

    // Not the scanner's decision, nor another center's supervisor's.
    expect((await kit.request('POST', `/cycle-counts/${countId}/approve`, scanner, {})).statusCode).toBe(403);
    const stranger = await kit.issuer.tokenFor('agent', 'supervisor-2', {
      fulfillmentCenterId: 'fc-elsewhere',
    });
    const refused = await kit.request('POST', `/cycle-counts/${countId}/approve`, stranger, {});
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ type: 'urn:harvest:problem:not-center-supervisor' });

    const pending = await kit.request(
      'GET',
      `/cycle-counts?fulfillmentCenterId=${f.centerId}&status=pending-approval`,
      supervisor,
    );
    expect((pending.json() as { cycleCounts: Array<{ id: string }> }).cycleCounts.map((c) => c.id)).toEqual([
      countId,
    ]);
    const approved = await kit.request('POST', `/cycle-counts/${countId}/approve`, supervisor, {
      note: 'recounted twice',
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'applied',
      expectedUnits: 48,
      countedUnits: 40,
      varianceUnits: 8,
      decidedBy: 'agent:supervisor-1',
      lines: [{ lotBarcode: lot.barcode, expected: 48, counted: 40 }],
    });
    await sellableBecomes(sku.skuId, 40);
    expect(
      (await kit.request('POST', `/cycle-counts/${countId}/approve`, supervisor, {})).json(),
    ).toMatchObject({
      type: 'urn:harvest:problem:count-not-pending',
    });
    const ledger = await kit.query<{ reason: string; quantity_delta: number }>(
      'SELECT reason, quantity_delta FROM {db}.stock_adjustment WHERE lot_id = ? ORDER BY adjusted_at',
      [lot.id],
    );
    expect(ledger).toEqual([
      { reason: 'count', quantity_delta: -2 },
      { reason: 'count', quantity_delta: -8 },
    ]);
  }, 180_000);

  it('adjusts with reason codes and moves within the class; a move into a colder class is refused', async () => {
    const sku = await kit.publishSku({ skuId: `sku-lettuce-${kit.suffix}` });
    const lot = await kit.stockLot({
      skuId: sku.skuId,
      centerId: f.centerId,
      quantity: 30,
      expiryDate: inDays(6),
      bin: bin('CHL-02'),
    });
    await sellableBecomes(sku.skuId, 30);

    const adjust = (body: object, token = scanner) =>
      kit.request('POST', '/stock-adjustments', token, {
        lotBarcode: lot.barcode,
        locationBarcode: bin('CHL-02'),
        ...body,
      });
    const spoilt = await adjust({ quantity: 3, reason: 'spoilage', note: 'slimy leaves' });
    expect(spoilt.statusCode).toBe(201);
    expect(spoilt.json()).toMatchObject({ reason: 'spoilage', quantityDelta: -3, onHandAfter: 27 });
    await sellableBecomes(sku.skuId, 27);
    expect((await adjust({ quantity: 1, reason: 'found' })).json()).toMatchObject({
      quantityDelta: 1,
      onHandAfter: 28,
    });
    await sellableBecomes(sku.skuId, 28);

    // The person at the handheld is recorded by their badge (X-Picker-Id); a malformed badge writes nothing.
    const withBadge = (badge: string) =>
      kit.http.app.inject({
        method: 'POST',
        url: '/stock-adjustments',
        headers: {
          authorization: `Bearer ${scanner}`,
          'idempotency-key': randomUUID(),
          'x-picker-id': badge,
        },
        payload: { lotBarcode: lot.barcode, locationBarcode: bin('CHL-02'), quantity: 1, reason: 'damage' },
      });
    const badged = await withBadge('badge-0042');
    expect(badged.statusCode).toBe(201);
    const badBadge = await withBadge('no badge');
    expect(badBadge.statusCode).toBe(400);
    expect(fieldsOf(badBadge)).toContain('X-Picker-Id');
    expect(
      await kit.query('SELECT adjusted_by FROM {db}.stock_adjustment WHERE lot_id = ? AND reason = ?', [
        lot.id,
        'damage',
      ]),
    ).toEqual([{ adjusted_by: 'badge-0042' }]);
    expect((await adjust({ quantity: 1, reason: 'found' })).json()).toMatchObject({ onHandAfter: 28 });
    await sellableBecomes(sku.skuId, 28);

    const discard = await adjust({ quantity: 1, reason: 'qa-discard' });
    expect(discard.statusCode).toBe(403);
    expect(fieldsOf(discard)).toContain('reason');
    const tooMuch = await adjust({ quantity: 29, reason: 'damage' });
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json()).toMatchObject({ type: 'urn:harvest:problem:not-enough-in-bin' });

    const move = (to: string, quantity = 10) =>
      kit.request('POST', '/stock-moves', scanner, {
        lotBarcode: lot.barcode,
        fromLocationBarcode: bin('CHL-02'),
        toLocationBarcode: to,
        quantity,
      });
    const moved = await move(bin('CHL-01'));
    expect(moved.statusCode).toBe(201);
    expect(moved.json()).toMatchObject({ fromOnHandAfter: 18, toOnHandAfter: 10 });

    const before = await kit.query(
      'SELECT location_id, on_hand FROM {db}.lot_stock WHERE lot_id = ? ORDER BY location_id',
      [lot.id],
    );
    const frozen = await move(bin('FRZ-01'));
    expect(frozen.statusCode).toBe(409);
    expect(frozen.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(frozen.json()).toMatchObject({
      type: 'urn:harvest:problem:wrong-temperature-zone',
      skuTemperatureClass: 'chilled',
      roomTemperatureClass: 'frozen',
    });
    expect(
      await kit.query(
        'SELECT location_id, on_hand FROM {db}.lot_stock WHERE lot_id = ? ORDER BY location_id',
        [lot.id],
      ),
    ).toEqual(before);
    // The total is unchanged by a move; orders still sells 28.
    const last = (await kit.outbox('fulfillment.stock-counted', `${sku.skuId}@${f.centerId}`)).at(-1)!;
    expect(last.payload).toMatchObject({ onHand: 28, sellable: 28 });
    expect(await sellableInOrders(sku.skuId)).toBe(28);
  }, 120_000);

  it('answers bad counts, adjustments and moves with a problem naming the field, writing nothing', async () => {
    const sku = await kit.publishSku({ skuId: `sku-celery-${kit.suffix}` });
    const lot = await kit.stockLot({
      skuId: sku.skuId,
      centerId: f.centerId,
      quantity: 5,
      expiryDate: inDays(6),
      bin: bin('CHL-02'),
    });
    const before = await Promise.all(['cycle_count', 'stock_adjustment', 'stock_move'].map(rows));
    const cases: Array<[string, object, number, string]> = [
      [
        '/cycle-counts',
        {
          locationBarcode: bin('CHL-02'),
          lines: [
            { lotBarcode: lot.barcode, quantity: 5 },
            { lotBarcode: lot.barcode, quantity: 1 },
          ],
        },
        422,
        'lines[1].lotBarcode',
      ],
      [
        '/cycle-counts',
        { locationBarcode: bin('CHL-02'), lines: [{ lotBarcode: 'NO-SUCH-LOT', quantity: 5 }] },
        404,
        'lines[0].lotBarcode',
      ],
      ['/cycle-counts', { locationBarcode: 'NO-SUCH-BIN', lines: [] }, 404, 'locationBarcode'],
      [
        '/cycle-counts',
        { locationBarcode: bin('CHL-02'), lines: [{ lotBarcode: lot.barcode, quantity: -1 }] },
        400,
        'lines[0].quantity',
      ],
      [
        '/stock-adjustments',
        { lotBarcode: lot.barcode, locationBarcode: bin('CHL-02'), quantity: 1, reason: 'theft' },
        400,
        'reason',
      ],
      [
        '/stock-adjustments',
        { lotBarcode: lot.barcode, locationBarcode: bin('CHL-02'), quantity: 1.5, reason: 'damage' },
        400,
        'quantity',
      ],
      [
        '/stock-moves',
        {
          lotBarcode: lot.barcode,
          fromLocationBarcode: bin('CHL-02'),
          toLocationBarcode: bin('CHL-02'),
          quantity: 1,
        },
        422,
        'toLocationBarcode',
      ],
      [
        '/stock-moves',
        {
          lotBarcode: lot.barcode,
          fromLocationBarcode: bin('CHL-02'),
          toLocationBarcode: 'NOWHERE',
          quantity: 1,
        },
        404,
        'toLocationBarcode',
      ],
    ];
    for (const [url, body, status, field] of cases) {
      const res = await kit.request('POST', url, scanner, body);
      expect([url, res.statusCode]).toEqual([url, status]);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(fieldsOf(res)).toContain(field);
    }
    expect(await Promise.all(['cycle_count', 'stock_adjustment', 'stock_move'].map(rows))).toEqual(before);
  }, 120_000);
});
