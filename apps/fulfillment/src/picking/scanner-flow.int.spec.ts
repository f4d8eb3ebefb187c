import { fulfillmentShortPickedV1 } from '@harvest/contracts/fulfillment-short-picked';
import { randomUUID } from 'node:crypto';
import { FulfillmentTestKit, inDays, pieceLine, waitFor, weighedLine } from '@harvest/fulfillment/testing';

/** The handheld scanner end to end, then packing and dispatch, on real MariaDB and Kafka. */
describe('scanner flow, packing and dispatch (MariaDB + Kafka)', () => {
  let kit: FulfillmentTestKit;
  let scanner: string;
  let shortPicked: Awaited<ReturnType<FulfillmentTestKit['watchTopic']>>;
  const center = 'fc-scan-1';
  const other = 'fc-other-1';
  const bin = (code: string) => `${center}-${code}`.toUpperCase();

  beforeAll(async () => {
    kit = await FulfillmentTestKit.start();
    await kit.createCenter(center);
    await kit.createCenter(other);
    scanner = await kit.scannerToken(center, 'picker-1');
    shortPicked = await kit.watchTopic(fulfillmentShortPickedV1.topic);
  });
  afterAll(async () => {
    await shortPicked?.stop();
    await kit?.close();
  });

  const step = (taskId: string, action: string, body: object, key: string = randomUUID(), token = scanner) =>
    kit.request('POST', `/scanner/tasks/${taskId}/${action}`, token, body, key);

  it('picks chilled before frozen, answers wrong scans with what was expected, treats repeats as harmless, and packs with dry ice', async () => {
    const spinach = await kit.publishSku({ skuId: `sku-spinach-${kit.suffix}`, temperatureClass: 'chilled' });
    const beef = await kit.publishSku({
      skuId: `sku-beef-${kit.suffix}`,
      temperatureClass: 'frozen',
      soldBy: 'weight',
      shelfLifeDays: 90,
      minShelfLifeDaysAtDelivery: 10,
    });
    const spinachLot = await kit.stockLot({
      skuId: spinach.skuId,
      centerId: center,
      quantity: 10,
      expiryDate: inDays(6),
      bin: bin('CHL-01'),
    });
    const beefLot = await kit.stockLot({
      skuId: beef.skuId,
      centerId: center,
      quantity: 5000,
      expiryDate: inDays(60),
      bin: bin('FRZ-02'),
    });
    const orderId = `ord-scan-${kit.suffix}`;
    await kit.placeAndPay({
      orderId,
      centerId: center,
      deliveryDate: inDays(1),
      lines: [weighedLine(beef.skuId, 1000, 'frozen'), pieceLine(spinach.skuId, 2, 'chilled')],
    });

    const waves = await kit.request(
      'GET',
      `/waves?fulfillmentCenterId=${center}&date=${inDays(1)}`,
      kit.adminToken,
    );
    expect(
      waves
        .json()
        .map((w: { temperatureZone: string; tasks: { open: number } }) => [w.temperatureZone, w.tasks.open]),
    ).toEqual([
      ['chilled', 1],
      ['frozen', 1],
    ]);

    // 1. next task: chilled first, frozen picked last.
    const next = await kit.request('POST', '/scanner/tasks/next', scanner);
    expect(next.statusCode).toBe(200);
    const chilled = next.json().task;
    expect(chilled).toMatchObject({
      orderId,
      skuId: spinach.skuId,
      temperatureZone: 'chilled',
      quantity: 2,
      unit: 'pieces',
      locationBarcode: bin('CHL-01'),
      lotBarcode: spinachLot.barcode,
      nextStep: 'scan_location',
    });

    // A device of another center does not see the task at all.
    const stranger = await kit.scannerToken(other);
    expect(
      (await step(chilled.taskId, 'scan-location', { barcode: bin('CHL-01') }, randomUUID(), stranger))
        .statusCode,
    ).toBe(404);

    // 2. a wrong location says what was expected.
    const wrongBin = await step(chilled.taskId, 'scan-location', { barcode: bin('CHL-02') });
    expect(wrongBin.statusCode).toBe(409);
    expect(wrongBin.json()).toMatchObject({
      type: 'urn:harvest:problem:wrong-location',
      expected: bin('CHL-01'),
    });
    expect(wrongBin.json().detail).toContain(`expected ${bin('CHL-01')}`);

    const key = randomUUID();
    const atBin = await step(chilled.taskId, 'scan-location', { barcode: bin('CHL-01') }, key);
    expect(atBin.statusCode).toBe(200);
    expect(atBin.json()).toMatchObject({ status: 'at_location', nextStep: 'scan_lot' });
    // The same request again (lost answer): replayed. A retry under a new key: the state machine sees a repeat.
    const replay = await step(chilled.taskId, 'scan-location', { barcode: bin('CHL-01') }, key);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(atBin.json());
    expect((await step(chilled.taskId, 'scan-location', { barcode: bin('CHL-01') })).json()).toMatchObject({
      status: 'at_location',
    });

    // 3. lot: the wrong one says what was expected.
    const wrongLot = await step(chilled.taskId, 'scan-lot', { barcode: beefLot.barcode });
    expect(wrongLot.statusCode).toBe(409);
    expect(wrongLot.json()).toMatchObject({
      type: 'urn:harvest:problem:wrong-lot',
      expected: spinachLot.barcode,
    });
    expect((await step(chilled.taskId, 'scan-lot', { barcode: spinachLot.barcode })).json()).toMatchObject({
      status: 'lot_scanned',
      nextStep: 'confirm',
    });

    // 4. confirm, twice (the second under a new key): one effect on stock.
    expect((await step(chilled.taskId, 'confirm', { quantity: 1 })).statusCode).toBe(422);
    const confirmed = await step(chilled.taskId, 'confirm', { quantity: 2 });
    expect(confirmed.json()).toMatchObject({ status: 'picked', pickedQuantity: 2, nextStep: null });
    expect((await step(chilled.taskId, 'confirm', { quantity: 2 })).statusCode).toBe(200);
    const [spinachStock] = await kit.query('SELECT on_hand, allocated FROM {db}.lot_stock WHERE lot_id = ?', [
      spinachLot.id,
    ]);
    expect(spinachStock).toEqual({ on_hand: 8, allocated: 0 });
    const counts = await kit.outbox('fulfillment.stock-counted', `${spinach.skuId}@${center}`);
    expect(counts.map((c) => [c.payload.version, c.payload.onHand])).toEqual([
      [1, 10],
      [2, 8],
    ]);

    // Then the frozen task, weighed on the scale.
    const frozen = (await kit.request('POST', '/scanner/tasks/next', scanner)).json().task;
    expect(frozen).toMatchObject({
      skuId: beef.skuId,
      temperatureZone: 'frozen',
      unit: 'grams',
      quantity: 1000,
      locationBarcode: bin('FRZ-02'),
    });
    await step(frozen.taskId, 'scan-location', { barcode: bin('FRZ-02') });
    await step(frozen.taskId, 'scan-lot', { barcode: beefLot.barcode });
    const weighed = await step(frozen.taskId, 'confirm', { quantity: 1040 });
    expect(weighed.json()).toMatchObject({ status: 'picked', pickedQuantity: 1040, orderPicking: 'picked' });
    expect((await kit.request('POST', '/scanner/tasks/next', scanner)).json()).toEqual({ task: null });

    const picked = await kit.outbox('fulfillment.picked', orderId);
    expect(picked).toHaveLength(1);
    expect(picked[0]!.payload).toMatchObject({
      orderId,
      pickedBy: 'scanner:picker-1',
      lines: [
        { skuId: beef.skuId, quantity: 1000, lotIds: [beefLot.id] },
        { skuId: spinach.skuId, quantity: 2, lotIds: [spinachLot.id] },
      ],
      // The count after the pick, one version past the last stock-counted of each SKU (5000 - 1040 g of beef).
      stockAfter: [
        { skuId: beef.skuId, onHand: 3960, sellable: 3960, held: 0, version: 3 },
        { skuId: spinach.skuId, onHand: 8, sellable: 8, held: 0, version: 3 },
      ],
    });

    // Packing: frozen in an insulated box with dry ice, chilled with gel packs; actual weights settle the weighed line.
    const packKey = randomUUID();
    const packBody = {
      lines: [
        { skuId: beef.skuId, actualWeightGrams: 1040 },
        { skuId: spinach.skuId, actualWeightGrams: 520 },
      ],
      transitHours: 24,
    };
    const packed = await kit.request(
      'POST',
      `/fulfillment-orders/${orderId}/pack`,
      scanner,
      packBody,
      packKey,
    );
    expect(packed.statusCode).toBe(200);
    expect(packed.json().parcels).toEqual([
      expect.objectContaining({
        packaging: 'insulated_box',
        coolant: 'dry_ice',
        productGrams: 1040,
        skuIds: [beef.skuId],
      }),
      expect.objectContaining({
        packaging: 'insulated_box',
        coolant: 'gel_pack',
        productGrams: 520,
        skuIds: [spinach.skuId],
      }),
    ]);
    expect(
      (await kit.request('POST', `/fulfillment-orders/${orderId}/pack`, scanner, packBody, packKey)).headers[
        'idempotent-replayed'
      ],
    ).toBe('true');
    expect(
      (await kit.request('POST', `/fulfillment-orders/${orderId}/pack`, scanner, packBody)).statusCode,
    ).toBe(409);
    const packedEvents = await kit.outbox('fulfillment.packed', orderId);
    expect(packedEvents).toHaveLength(1);
    expect(packedEvents[0]!.payload).toMatchObject({
      weighedLines: [{ skuId: beef.skuId, actualWeightGrams: 1040 }],
    });
    expect((packedEvents[0]!.payload.parcels as Array<{ coolant: string }>).map((p) => p.coolant)).toEqual([
      'dry_ice',
      'gel_pack',
    ]);

    // Dispatch and delivery.
    const shipped = await kit.request('POST', `/fulfillment-orders/${orderId}/ship`, kit.serviceToken, {
      carrier: 'SF Express',
      trackingNumber: 'SF123',
    });
    expect(shipped.statusCode).toBe(200);
    const delivered = await kit.request('POST', `/fulfillment-orders/${orderId}/deliver`, kit.serviceToken, {
      receivedBy: 'doorstep',
    });
    expect(delivered.statusCode).toBe(200);
    expect(await kit.outbox('fulfillment.shipped', orderId)).toHaveLength(1);
    expect(await kit.outbox('fulfillment.delivered', orderId)).toHaveLength(1);
  });

  it('records a short pick with its reason and emits fulfillment.short-picked once, on Kafka too', async () => {
    const eggs = await kit.publishSku({
      skuId: `sku-eggs-${kit.suffix}`,
      temperatureClass: 'chilled',
      minShelfLifeDaysAtDelivery: 3,
    });
    const eggLot = await kit.stockLot({
      skuId: eggs.skuId,
      centerId: center,
      quantity: 6,
      expiryDate: inDays(20),
      bin: bin('CHL-02'),
    });
    const orderId = `ord-short-${kit.suffix}`;
    await kit.placeAndPay({
      orderId,
      centerId: center,
      deliveryDate: inDays(1),
      lines: [pieceLine(eggs.skuId, 3)],
    });
    const task = (await kit.request('POST', '/scanner/tasks/next', scanner)).json().task;
    expect(task).toMatchObject({ orderId, quantity: 3 });
    await step(task.taskId, 'scan-location', { barcode: bin('CHL-02') });

    const short = await step(task.taskId, 'short', { reason: 'damaged', pickedQuantity: 1 });
    expect(short.statusCode).toBe(200);
    expect(short.json()).toMatchObject({
      status: 'short',
      shortReason: 'damaged',
      pickedQuantity: 1,
      orderPicking: 'short_picked',
    });
    // The scanner retries under a new key (the answer was lost): same outcome, no second event.
    expect((await step(task.taskId, 'short', { reason: 'damaged', pickedQuantity: 1 })).statusCode).toBe(200);
    expect((await step(task.taskId, 'short', { reason: 'not_found' })).statusCode).toBe(409);
    // One egg left in the tote, the two damaged ones written off: 3 of 6 stay in the bin.
    expect(
      await kit.query('SELECT on_hand, allocated FROM {db}.lot_stock WHERE lot_id = ?', [eggLot.id]),
    ).toEqual([{ on_hand: 3, allocated: 0 }]);

    const events = await kit.outbox(fulfillmentShortPickedV1.topic, orderId);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({
      orderId,
      lines: [{ skuId: eggs.skuId, orderedQuantity: 3, pickedQuantity: 1, reason: 'damaged' }],
    });
    await waitFor('short-picked on Kafka', async () => shortPicked.received.some((m) => m.key === orderId));
    await new Promise((r) => setTimeout(r, 1000));
    expect(shortPicked.received.filter((m) => m.key === orderId)).toHaveLength(1);
    expect(
      fulfillmentShortPickedV1.schema.safeParse(shortPicked.received.find((m) => m.key === orderId)!.payload)
        .success,
    ).toBe(true);
  });

  it('gives concurrent duplicates of a confirm one effect, under the same key or different keys', async () => {
    const kale = await kit.publishSku({
      skuId: `sku-kale-${kit.suffix}`,
      temperatureClass: 'chilled',
      minShelfLifeDaysAtDelivery: 1,
    });
    const lot = await kit.stockLot({
      skuId: kale.skuId,
      centerId: center,
      quantity: 10,
      expiryDate: inDays(9),
      bin: bin('CHL-01'),
    });
    const orderId = `ord-dup-${kit.suffix}`;
    await kit.placeAndPay({
      orderId,
      centerId: center,
      deliveryDate: inDays(2),
      lines: [pieceLine(kale.skuId, 4)],
    });
    const task = (await kit.request('POST', '/scanner/tasks/next', scanner)).json().task;
    expect(task).toMatchObject({ orderId });
    await step(task.taskId, 'scan-location', { barcode: bin('CHL-01') });
    await step(task.taskId, 'scan-lot', { barcode: lot.barcode });

    const key = randomUUID();
    const answers = await Promise.all([
      step(task.taskId, 'confirm', { quantity: 4 }, key),
      step(task.taskId, 'confirm', { quantity: 4 }, key),
      step(task.taskId, 'confirm', { quantity: 4 }),
      step(task.taskId, 'confirm', { quantity: 4 }),
    ]);
    // The same key while the first is in flight may get 409; everything else is a success.
    expect(answers.filter((a) => a.statusCode === 200).length).toBeGreaterThanOrEqual(3);
    expect(answers.every((a) => a.statusCode === 200 || a.statusCode === 409)).toBe(true);
    expect(
      await kit.query('SELECT on_hand, allocated FROM {db}.lot_stock WHERE lot_id = ?', [lot.id]),
    ).toEqual([{ on_hand: 6, allocated: 0 }]);
    expect(await kit.outbox('fulfillment.picked', orderId)).toHaveLength(1);
  });
});
