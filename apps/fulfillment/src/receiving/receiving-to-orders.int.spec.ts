import { createFixture, startOrdersTestApp, type Fixture, type OrdersTestApp } from '@harvest/orders/testing';
import { FulfillmentTestKit, inDays, today, waitFor } from '@harvest/fulfillment/testing';
import { randomUUID } from 'node:crypto';

interface Receipt {
  lot: {
    id: string;
    receivedQuantity: number;
    barcode: string;
    expiryDate: string;
    harvestDate: string;
    qaHold: boolean;
    holdReason: string | null;
  };
  line: { expectedQuantity: number; receivedQuantity: number; status: string };
  putAway: { temperatureClass: string; suggestedLocations: Array<{ barcode: string }> };
}

/**
 * Issue 22's receiving acceptance: a farm's notice, received at the dock by the center's scanner with one
 * short line and one warm crate (held), put away; the units become sellable in the real orders service
 * (fulfillment.stock-counted over Kafka), the held crate's not. MariaDB + Kafka, both services in-process.
 */
describe('receiving a farm delivery against its notice, into orders (MariaDB + Kafka)', () => {
  let orders: OrdersTestApp;
  let f: Fixture;
  let kit: FulfillmentTestKit;
  let scanner: string;

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
  const count = async (table: string) =>
    Number((await kit.query<{ n: number }>(`SELECT COUNT(*) AS n FROM {db}.${table}`))[0]!.n);

  it('receives a short line and a warm crate, puts them away, and orders sells what is not held', async () => {
    const spinach = await kit.publishSku({ skuId: `sku-spinach-${kit.suffix}`, shelfLifeDays: 7 });
    const berries = await kit.publishSku({ skuId: `sku-berries-${kit.suffix}`, shelfLifeDays: 5 });
    const mushrooms = await kit.publishSku({ skuId: `sku-shiitake-${kit.suffix}`, shelfLifeDays: 10 });
    const harvested = inDays(-1);

    const created = await kit.request('POST', '/expected-deliveries', kit.adminToken, {
      fulfillmentCenterId: f.centerId,
      farmId: 'farm-hebei-1',
      reference: 'HB-2026-0412',
      expectedOn: today(),
      lines: [
        { skuId: spinach.skuId, quantity: 20, harvestDate: harvested },
        { skuId: berries.skuId, quantity: 12, harvestDate: harvested },
      ],
    });
    expect(created.statusCode).toBe(201);
    const delivery = created.json() as { id: string; lines: Array<{ status: string }> };
    expect(delivery.lines.map((l) => l.status)).toEqual(['pending', 'pending']);

    const receive = (body: object, key: string = randomUUID()) =>
      kit.request('POST', `/expected-deliveries/${delivery.id}/receipts`, scanner, body, key);

    // Spinach: 14 of 20 came (short once closed). A scanner retry under the same key is the same receipt.
    const spinachKey = randomUUID();
    const spinachReceipt = await receive(
      { skuId: spinach.skuId, quantity: 14, dockCelsius: 3.2 },
      spinachKey,
    );
    expect(spinachReceipt.statusCode).toBe(201);
    const spinachLot = spinachReceipt.json() as Receipt;
    expect(spinachLot.lot).toMatchObject({ harvestDate: harvested, expiryDate: inDays(6), qaHold: false });
    expect(spinachLot.line).toMatchObject({ expectedQuantity: 20, receivedQuantity: 14, status: 'pending' });
    expect(spinachLot.putAway.temperatureClass).toBe('chilled');
    expect(spinachLot.putAway.suggestedLocations.map((l) => l.barcode)).toEqual([
      `${f.centerId}-CHL-01`.toUpperCase(),
      `${f.centerId}-CHL-02`.toUpperCase(),
    ]);
    const retried = await receive({ skuId: spinach.skuId, quantity: 14, dockCelsius: 3.2 }, spinachKey);
    expect(retried.json()).toEqual(spinachLot);
    expect(await count('lot')).toBe(1);

    // Berries: two crates of 6; the second was 9.5 °C at the dock and goes on QA hold.
    const cool = (await receive({ skuId: berries.skuId, quantity: 6, dockCelsius: 2.5 })).json() as Receipt;
    const warmRes = await receive({ skuId: berries.skuId, quantity: 6, dockCelsius: 9.5 });
    expect(warmRes.statusCode).toBe(201);
    const warm = warmRes.json() as Receipt;
    expect(cool.lot.qaHold).toBe(false);
    expect(warm.lot).toMatchObject({
      qaHold: true,
      holdReason: 'dock temperature 9.5 °C outside chilled range 0..5 °C',
      expiryDate: inDays(4),
    });
    expect(warm.line).toMatchObject({ expectedQuantity: 12, receivedQuantity: 12, status: 'complete' });

    // Shiitake was not announced: taken in with the crate's harvest date, which it must give.
    const noDate = await receive({ skuId: mushrooms.skuId, quantity: 5, dockCelsius: 4 });
    expect(noDate.statusCode).toBe(422);
    expect(noDate.json()).toMatchObject({
      type: 'urn:harvest:problem:harvest-date-required',
      field: 'harvestDate',
    });
    const unexpected = (
      await receive({ skuId: mushrooms.skuId, quantity: 5, dockCelsius: 4, harvestDate: inDays(-2) })
    ).json() as Receipt;
    expect(unexpected.line).toMatchObject({ expectedQuantity: 0, receivedQuantity: 5, status: 'unexpected' });
    expect(unexpected.lot.expiryDate).toBe(inDays(8));

    // Another center's scanner does not see the notice.
    const stranger = await kit.scannerToken('fc-elsewhere');
    expect((await kit.request('GET', `/expected-deliveries/${delivery.id}`, stranger)).statusCode).toBe(404);

    // Closing settles the lines; nothing more is received on it.
    const closed = await kit.request('POST', `/expected-deliveries/${delivery.id}/close`, scanner, {});
    expect(closed.statusCode).toBe(200);
    expect(
      (closed.json() as { status: string; lines: Array<{ skuId: string; status: string }> }).lines,
    ).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ skuId: spinach.skuId, status: 'short' }),
        expect.objectContaining({ skuId: berries.skuId, status: 'complete' }),
        expect.objectContaining({ skuId: mushrooms.skuId, status: 'unexpected' }),
      ]),
    );
    const late = await receive({ skuId: spinach.skuId, quantity: 6, dockCelsius: 3 });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ type: 'urn:harvest:problem:delivery-closed' });

    // Nothing is sellable before put-away; then every put-away lot counts, the held crate only as held.
    for (const receipt of [spinachLot, cool, warm]) {
      const put = await kit.request('POST', `/lots/${receipt.lot.id}/put-away`, scanner, {
        locationBarcode: receipt.putAway.suggestedLocations[0]!.barcode,
        quantity: receipt.lot.receivedQuantity,
      });
      expect(put.statusCode).toBe(201);
    }
    await sellableBecomes(spinach.skuId, 14);
    await sellableBecomes(berries.skuId, 6);
    const berryCount = (await kit.outbox('fulfillment.stock-counted', `${berries.skuId}@${f.centerId}`)).at(
      -1,
    )!;
    expect(berryCount.payload).toMatchObject({ onHand: 12, sellable: 6, held: 6 });
  }, 180_000);

  it('refuses a bad notice or receipt with a problem naming the field, writing nothing', async () => {
    const sku = await kit.publishSku({ skuId: `sku-kale-${kit.suffix}` });
    const before = await count('expected_delivery');
    const badNotices: Array<[object, number, string]> = [
      [{ lines: [{ skuId: sku.skuId, quantity: 5, harvestDate: inDays(1) }] }, 422, 'lines[0].harvestDate'],
      [{ lines: [{ skuId: sku.skuId, quantity: 0, harvestDate: today() }] }, 400, 'lines[0].quantity'],
      [{ lines: [{ skuId: 'no-such-sku', quantity: 5, harvestDate: today() }] }, 409, 'lines[0].skuId'],
      [
        {
          lines: [
            { skuId: sku.skuId, quantity: 5, harvestDate: today() },
            { skuId: sku.skuId, quantity: 2, harvestDate: today() },
          ],
        },
        422,
        'lines[1].skuId',
      ],
      [{ expectedOn: '2026-02-30' }, 400, 'expectedOn'],
      [{ farmId: 'Farm Hebei' }, 400, 'farmId'],
      [{ fulfillmentCenterId: 'fc-nowhere' }, 404, 'fulfillmentCenterId'],
    ];
    for (const [over, status, field] of badNotices) {
      const res = await kit.request('POST', '/expected-deliveries', kit.adminToken, {
        fulfillmentCenterId: f.centerId,
        farmId: 'farm-beijing-1',
        expectedOn: today(),
        lines: [{ skuId: sku.skuId, quantity: 5, harvestDate: today() }],
        ...over,
      });
      expect([res.statusCode, res.headers['content-type']]).toEqual([
        status,
        expect.stringMatching(/problem\+json/),
      ]);
      const body = res.json() as { field?: string; errors?: Array<{ field: string }> };
      expect([body.field, ...(body.errors ?? []).map((e) => e.field)]).toContain(field);
    }
    expect(await count('expected_delivery')).toBe(before);

    const delivery = (
      await kit.request('POST', '/expected-deliveries', kit.adminToken, {
        fulfillmentCenterId: f.centerId,
        farmId: 'farm-beijing-1',
        expectedOn: today(),
        lines: [{ skuId: sku.skuId, quantity: 5, harvestDate: inDays(-30) }],
      })
    ).json() as { id: string };
    const lots = await count('lot');
    const badReceipts: Array<[object, number, string]> = [
      [{ dockCelsius: 'warm' }, 400, 'dockCelsius'],
      [{ dockCelsius: 1e-7 }, 400, 'dockCelsius'],
      [{ quantity: -1 }, 400, 'quantity'],
      [{}, 422, 'harvestDate'], // harvested 30 days ago, 7 days' shelf life: expired at the dock
    ];
    for (const [over, status, field] of badReceipts) {
      const res = await kit.request('POST', `/expected-deliveries/${delivery.id}/receipts`, scanner, {
        skuId: sku.skuId,
        quantity: 5,
        dockCelsius: 3,
        ...over,
      });
      expect(res.statusCode).toBe(status);
      const body = res.json() as { field?: string; errors?: Array<{ field: string }> };
      expect([body.field, ...(body.errors ?? []).map((e) => e.field)]).toContain(field);
    }
    expect(await count('lot')).toBe(lots);
    expect(
      (
        await kit.query(
          'SELECT received_quantity FROM {db}.expected_delivery_line WHERE expected_delivery_id = ?',
          [delivery.id],
        )
      )[0],
    ).toEqual({ received_quantity: 0 });
  }, 120_000);
});
