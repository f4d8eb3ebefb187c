import { orderCancelledV1 } from '@harvest/contracts/order-cancelled';
import { FulfillmentTestKit, inDays, pieceLine, waitFor } from '@harvest/fulfillment/testing';

/** Receiving, put-away, room class switches, and FEFO allocation driven by order events over real Kafka. */
describe('stock and allocation (MariaDB + Kafka)', () => {
  let kit: FulfillmentTestKit;
  const center = 'fc-alloc-1';

  beforeAll(async () => {
    kit = await FulfillmentTestKit.start();
    await kit.createCenter(center);
  });
  afterAll(async () => {
    await kit?.close();
  });

  it('rejects a put-away into the wrong temperature zone with 409 and a clear message, and accepts the right room', async () => {
    const sku = await kit.publishSku({
      skuId: `sku-dumpling-${kit.suffix}`,
      name: '猪肉水饺',
      temperatureClass: 'frozen',
      shelfLifeDays: 180,
    });
    const received = await kit.request('POST', '/lots', kit.adminToken, {
      skuId: sku.skuId,
      fulfillmentCenterId: center,
      quantity: 10,
      receiptDate: inDays(0),
    });
    expect(received.statusCode).toBe(201);
    const lot = received.json();
    expect(lot.expiryDate).toBe(inDays(180));

    const wrong = await kit.request('POST', `/lots/${lot.id}/put-away`, kit.adminToken, {
      locationBarcode: `${center}-CHL-01`.toUpperCase(),
      quantity: 10,
    });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.json()).toMatchObject({
      type: 'urn:harvest:problem:wrong-temperature-zone',
      skuTemperatureClass: 'frozen',
      roomTemperatureClass: 'chilled',
    });
    expect(wrong.json().detail).toContain('is frozen and cannot go into');
    const [unplaced] = await kit.query<{ unplaced_quantity: number }>(
      'SELECT unplaced_quantity FROM {db}.lot WHERE id = ?',
      [lot.id],
    );
    expect(unplaced!.unplaced_quantity).toBe(10);

    const right = await kit.request('POST', `/lots/${lot.id}/put-away`, kit.adminToken, {
      locationBarcode: `${center}-FRZ-01`.toUpperCase(),
      quantity: 10,
    });
    expect(right.statusCode).toBe(201);
    expect(right.json()).toMatchObject({
      unplacedQuantity: 0,
      stock: [{ locationBarcode: `${center}-FRZ-01`.toUpperCase(), onHand: 10, allocated: 0 }],
    });
    const counted = await kit.outbox('fulfillment.stock-counted', `${sku.skuId}@${center}`);
    expect(counted.map((c) => c.payload)).toEqual([
      expect.objectContaining({ onHand: 10, sellable: 10, held: 0, version: 1 }),
    ]);
  });

  it('sets up rooms and bins over the admin API, refusing a setpoint outside the class and a taken barcode', async () => {
    const badRoom = await kit.request('POST', `/fulfillment-centers/${center}/rooms`, kit.adminToken, {
      id: 'x-room',
      name: 'x',
      temperatureClass: 'frozen',
      setpointCelsius: 2,
      segmented: false,
    });
    expect(badRoom.statusCode).toBe(422);
    expect(badRoom.json()).toMatchObject({ field: 'setpointCelsius' });
    const taken = await kit.request('POST', `/rooms/${center}-amb/locations`, kit.adminToken, {
      barcodes: ['NEW-BIN-1', `${center}-AMB-01`.toUpperCase()],
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().detail).toContain(`${center}-AMB-01`.toUpperCase());
    expect(await kit.query("SELECT id FROM {db}.location WHERE barcode = 'NEW-BIN-1'")).toEqual([]);
    const rooms = await kit.request('GET', `/fulfillment-centers/${center}/rooms`, kit.adminToken);
    expect(
      rooms
        .json()
        .map((r: { temperatureClass: string; locations: number }) => [r.temperatureClass, r.locations]),
    ).toEqual([
      ['ambient', 2],
      ['chilled', 2],
      ['cool', 2],
      ['frozen', 2],
    ]);
    const scanner = await kit.scannerToken(center);
    expect((await kit.request('GET', `/fulfillment-centers/${center}/rooms`, scanner)).statusCode).toBe(403);
  });

  it('names the field of bad input and writes nothing', async () => {
    const res = await kit.request('POST', '/lots', kit.adminToken, {
      skuId: 'x',
      fulfillmentCenterId: center,
      quantity: -1,
      receiptDate: 'yesterday',
      colour: 'red',
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('quantity');
    expect(JSON.stringify(res.json())).toContain('colour');
  });

  it('refuses to switch a segmented room while incompatible stock is inside, and switches it once empty', async () => {
    const sku = await kit.publishSku({ skuId: `sku-bokchoy-${kit.suffix}`, temperatureClass: 'chilled' });
    const lot = await kit.stockLot({
      skuId: sku.skuId,
      centerId: center,
      quantity: 4,
      expiryDate: inDays(6),
      bin: `${center}-CHL-02`.toUpperCase(),
    });
    const refused = await kit.request('POST', `/rooms/${center}-chl/switch-class`, kit.adminToken, {
      temperatureClass: 'frozen',
      setpointCelsius: -20,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ reason: 'incompatible_stock', skuIds: [sku.skuId] });
    const [room] = await kit.query<{ temperature_class: string }>(
      'SELECT temperature_class FROM {db}.room WHERE id = ?',
      [`${center}-chl`],
    );
    expect(room!.temperature_class).toBe('chilled');

    await kit.query('UPDATE {db}.lot_stock SET on_hand = 0 WHERE lot_id = ?', [lot.id]); // the bok choy was moved out
    const switched = await kit.request('POST', `/rooms/${center}-chl/switch-class`, kit.adminToken, {
      temperatureClass: 'frozen',
      setpointCelsius: -20,
    });
    expect(switched.statusCode).toBe(201);
    expect(switched.json()).toMatchObject({ temperatureClass: 'frozen', setpointCelsius: -20 });
    const back = await kit.request('POST', `/rooms/${center}-chl/switch-class`, kit.adminToken, {
      temperatureClass: 'chilled',
      setpointCelsius: 2,
    });
    expect(back.statusCode).toBe(201);
  });

  it('allocates FEFO: the earliest-expiring eligible lot, never an expired, short-dated or held one', async () => {
    const sku = await kit.publishSku({
      skuId: `sku-spinach-${kit.suffix}`,
      temperatureClass: 'chilled',
      minShelfLifeDaysAtDelivery: 2,
    });
    const bin = `${center}-CHL-01`.toUpperCase();
    const deliveryDate = inDays(1);
    const expired = await kit.stockLot({
      skuId: sku.skuId,
      centerId: center,
      quantity: 50,
      expiryDate: inDays(-1),
      bin,
      receiptDate: inDays(-8),
    });
    const shortDated = await kit.stockLot({
      skuId: sku.skuId,
      centerId: center,
      quantity: 50,
      expiryDate: inDays(2),
      bin,
    }); // 1 day left at delivery
    const held = await kit.stockLot({
      skuId: sku.skuId,
      centerId: center,
      quantity: 50,
      expiryDate: inDays(3),
      bin,
    });
    await kit.query('UPDATE {db}.lot SET qa_hold = 1 WHERE id = ?', [held.id]);
    const earliestEligible = await kit.stockLot({
      skuId: sku.skuId,
      centerId: center,
      quantity: 3,
      expiryDate: inDays(3),
      bin,
    }); // exactly 2 days left
    const later = await kit.stockLot({
      skuId: sku.skuId,
      centerId: center,
      quantity: 50,
      expiryDate: inDays(6),
      bin,
    });

    const orderId = `ord-fefo-${kit.suffix}`;
    await kit.placeAndPay({ orderId, centerId: center, deliveryDate, lines: [pieceLine(sku.skuId, 5)] });
    const tasks = await kit.query<{ lot_id: string; quantity: number; status: string; wave_id: string }>(
      'SELECT lot_id, quantity, status, wave_id FROM {db}.pick_task WHERE order_id = ? ORDER BY quantity',
      [orderId],
    );
    expect(tasks.map((t) => [t.lot_id, t.quantity, t.status])).toEqual([
      [later.id, 2, 'open'],
      [earliestEligible.id, 3, 'open'],
    ]);
    expect(tasks.map((t) => t.lot_id)).not.toEqual(
      expect.arrayContaining([expired.id, shortDated.id, held.id]),
    );
    expect(tasks[0]!.wave_id).toBe(`wave-${center}-${deliveryDate}-0900-chilled`);
    const allocated = await kit.query<{ lot_id: string; allocated: number }>(
      'SELECT lot_id, allocated FROM {db}.lot_stock WHERE allocated > 0 ORDER BY allocated',
      [],
    );
    expect(allocated).toEqual([
      { lot_id: later.id, allocated: 2 },
      { lot_id: earliestEligible.id, allocated: 3 },
    ]);
  });

  it('records what cannot be allocated as a short task, and a cancelled order’s pick tasks are withdrawn', async () => {
    const sku = await kit.publishSku({
      skuId: `sku-tofu-${kit.suffix}`,
      temperatureClass: 'chilled',
      minShelfLifeDaysAtDelivery: 1,
    });
    const lot = await kit.stockLot({
      skuId: sku.skuId,
      centerId: center,
      quantity: 2,
      expiryDate: inDays(5),
      bin: `${center}-CHL-02`.toUpperCase(),
    });
    const orderId = `ord-cancel-${kit.suffix}`;
    await kit.placeAndPay({
      orderId,
      centerId: center,
      deliveryDate: inDays(1),
      lines: [pieceLine(sku.skuId, 3)],
    });
    const before = await kit.query<{ status: string; quantity: number; short_reason: string | null }>(
      'SELECT status, quantity, short_reason FROM {db}.pick_task WHERE order_id = ? ORDER BY status',
      [orderId],
    );
    expect(before).toEqual([
      { status: 'open', quantity: 2, short_reason: null },
      { status: 'short', quantity: 1, short_reason: 'not_found' },
    ]);

    await kit.publish(orderCancelledV1, orderId, {
      orderId,
      customerId: 'cust-1',
      fulfillmentCenterId: center,
      previousStatus: 'allocated',
      reason: 'customer_request',
      note: null,
      actor: 'customer:cust-1',
      cancelledAt: new Date().toISOString(),
    });
    await waitFor(
      'the cancellation',
      async () =>
        (
          await kit.query<{ status: string }>(
            'SELECT status FROM {db}.fulfillment_order WHERE order_id = ?',
            [orderId],
          )
        )[0]?.status === 'cancelled',
    );
    const after = await kit.query<{ status: string }>(
      "SELECT status FROM {db}.pick_task WHERE order_id = ? AND status <> 'short'",
      [orderId],
    );
    expect(after).toEqual([{ status: 'withdrawn' }]);
    const [stock] = await kit.query<{ on_hand: number; allocated: number }>(
      'SELECT on_hand, allocated FROM {db}.lot_stock WHERE lot_id = ?',
      [lot.id],
    );
    expect(stock).toEqual({ on_hand: 2, allocated: 0 });
    const scanner = await kit.scannerToken(center);
    const next = await kit.request('POST', '/scanner/tasks/next', scanner);
    expect(next.json().task?.orderId).not.toBe(orderId);
  });

  it('leaves a paid order for a center it does not run awaiting: no pick tasks, no short pick to refund', async () => {
    const sku = await kit.publishSku({ skuId: `sku-leek-${kit.suffix}`, temperatureClass: 'chilled' });
    const orderId = `ord-elsewhere-${kit.suffix}`;
    await expect(
      kit.placeAndPay({
        orderId,
        centerId: `fc-elsewhere-${kit.suffix}`,
        deliveryDate: inDays(1),
        lines: [pieceLine(sku.skuId, 2)],
      }),
    ).rejects.toThrow(/allocated/);
    const [row] = await kit.query<{ status: string; placed: number; paid_at: Date | null }>(
      'SELECT status, placed, paid_at FROM {db}.fulfillment_order WHERE order_id = ?',
      [orderId],
    );
    expect(row).toMatchObject({ status: 'awaiting', placed: 1 });
    expect(row!.paid_at).not.toBeNull();
    expect(await kit.query('SELECT id FROM {db}.pick_task WHERE order_id = ?', [orderId])).toEqual([]);
    expect(await kit.outbox('fulfillment.short-picked', orderId)).toEqual([]);
  });
});
