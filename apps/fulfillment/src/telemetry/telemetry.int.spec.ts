import { temperatureReadingV1 } from '@harvest/contracts/fulfillment-temperature-reading';
import { FulfillmentTestKit, inDays, pieceLine, waitFor } from '@harvest/fulfillment/testing';

const MINUTE = 60_000;

/** Room telemetry over HTTP and Kafka: a spike raises nothing, a long run raises one excursion and holds the lots. */
describe('temperature telemetry and excursions (MariaDB + Kafka)', () => {
  let kit: FulfillmentTestKit;
  const center = 'fc-telemetry-1';
  const chiller = `${center}-chl`;
  const freezer = `${center}-frz`;
  const t0 = Date.now() - 3 * 60 * MINUTE;
  const at = (minutes: number) => new Date(t0 + minutes * MINUTE).toISOString();
  const reading = (roomId: string, minutes: number, celsius: number) => ({
    roomId,
    sensorId: 'probe-1',
    celsius,
    recordedAt: at(minutes),
  });
  const post = (readings: object[]) =>
    kit.request('POST', '/telemetry/readings', kit.serviceToken, { readings }, null);
  const heldLots = () => kit.query<{ id: string }>('SELECT id FROM {db}.lot WHERE qa_hold = 1 ORDER BY id');

  beforeAll(async () => {
    kit = await FulfillmentTestKit.start({ FULFILLMENT_EXCURSION_SECONDS: String(30 * 60) });
    await kit.createCenter(center);
  });
  afterAll(async () => {
    await kit?.close();
  });

  it('stores a single spike in the time series but raises nothing and holds nothing', async () => {
    const sku = await kit.publishSku({ skuId: `sku-lettuce-${kit.suffix}`, temperatureClass: 'chilled' });
    await kit.stockLot({
      skuId: sku.skuId,
      centerId: center,
      quantity: 10,
      expiryDate: inDays(6),
      bin: `${center}-CHL-01`.toUpperCase(),
    });
    const res = await post([reading(chiller, 0, 2), reading(chiller, 5, 9.5), reading(chiller, 10, 3)]);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ stored: 3, excursionIds: [] });
    expect(
      await kit.query('SELECT celsius FROM {db}.temperature_reading WHERE room_id = ? ORDER BY recorded_at', [
        chiller,
      ]),
    ).toEqual([{ celsius: '2.00' }, { celsius: '9.50' }, { celsius: '3.00' }]);
    expect(await heldLots()).toEqual([]);
    expect((await kit.request('GET', '/excursions', kit.adminToken)).json()).toEqual([]);
  });

  it('raises exactly one excursion for a run longer than the window, holds the room’s lots, and stops allocating them', async () => {
    const [lot] = await kit.query<{ id: string; sku_id: string }>('SELECT id, sku_id FROM {db}.lot');
    const allocatedBefore = `ord-before-hold-${kit.suffix}`;
    await kit.placeAndPay({
      orderId: allocatedBefore,
      centerId: center,
      deliveryDate: inDays(1),
      lines: [pieceLine(lot!.sku_id, 2)],
    });
    expect(
      await kit.query('SELECT lot_id, status FROM {db}.pick_task WHERE order_id = ?', [allocatedBefore]),
    ).toEqual([{ lot_id: lot!.id, status: 'open' }]);
    const first = await post([reading(chiller, 20, 8.5), reading(chiller, 35, 9)]);
    expect(first.json().excursionIds).toEqual([]);
    const crossing = await post([
      reading(chiller, 51, 9.5),
      reading(chiller, 60, 10),
      reading(chiller, 75, 9),
    ]);
    expect(crossing.json().excursionIds).toHaveLength(1);
    // A redelivered batch is neither stored nor counted again.
    expect((await post([reading(chiller, 60, 10)])).json()).toEqual({ stored: 0, excursionIds: [] });

    expect(await heldLots()).toEqual([{ id: lot!.id }]);
    const counts = await kit.outbox('fulfillment.stock-counted', `${lot!.sku_id}@${center}`);
    expect(counts.at(-1)!.payload).toMatchObject({ onHand: 10, sellable: 0, held: 10 });
    // The unstarted task on the held lot is withdrawn; with no other eligible lot the line is short.
    expect(
      await kit.query('SELECT lot_id, status FROM {db}.pick_task WHERE order_id = ? ORDER BY status', [
        allocatedBefore,
      ]),
    ).toEqual([
      { lot_id: null, status: 'short' },
      { lot_id: lot!.id, status: 'withdrawn' },
    ]);
    expect(await kit.query('SELECT allocated FROM {db}.lot_stock WHERE lot_id = ?', [lot!.id])).toEqual([
      { allocated: 0 },
    ]);
    expect(await kit.outbox('fulfillment.short-picked', allocatedBefore)).toHaveLength(1);
    const events = await kit.outbox('fulfillment.excursion-raised', chiller);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({
      roomId: chiller,
      outOfRangeSince: at(20),
      detectedAt: at(51),
      heldLotIds: [lot!.id],
    });
    const list = await kit.request('GET', `/excursions?roomId=${chiller}`, kit.adminToken);
    expect(list.json()).toHaveLength(1);
    expect(list.json()[0]).toMatchObject({ roomId: chiller, lotsHeld: 1, endedAt: null });
    expect((await kit.request('GET', '/excursions', kit.serviceToken)).statusCode).toBe(403);

    // Back in range ends the excursion; the lots stay held until QA releases them.
    await post([reading(chiller, 80, 3)]);
    expect(
      (await kit.request('GET', `/excursions?roomId=${chiller}`, kit.adminToken)).json()[0].endedAt,
    ).not.toBeNull();

    const orderId = `ord-held-${kit.suffix}`;
    await kit.placeAndPay({
      orderId,
      centerId: center,
      deliveryDate: inDays(1),
      lines: [pieceLine(lot!.sku_id, 2)],
    });
    const tasks = await kit.query(
      'SELECT lot_id, status, short_reason FROM {db}.pick_task WHERE order_id = ?',
      [orderId],
    );
    expect(tasks).toEqual([{ lot_id: null, status: 'short', short_reason: 'not_found' }]);
    expect(await kit.outbox('fulfillment.short-picked', orderId)).toHaveLength(1);
  });

  it('takes readings from the Kafka topic too', async () => {
    for (const [minutes, celsius] of [
      [0, -20],
      [10, -12],
      [25, -11],
      [42, -10],
    ] as const) {
      await kit.publish(temperatureReadingV1, freezer, reading(freezer, minutes, celsius));
    }
    await waitFor(
      'the freezer excursion',
      async () => (await kit.query('SELECT id FROM {db}.excursion WHERE room_id = ?', [freezer])).length > 0,
    );
    expect(
      await kit.query('SELECT COUNT(*) AS n FROM {db}.temperature_reading WHERE room_id = ?', [freezer]),
    ).toEqual([{ n: 4 }]);
    expect(await kit.outbox('fulfillment.excursion-raised', freezer)).toHaveLength(1);
  });

  it('names the field of a bad reading and stores nothing of the batch', async () => {
    const unknown = await post([reading(chiller, 100, 3), reading('no-such-room', 100, 3)]);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ field: 'readings[1].roomId' });
    const malformed = await post([{ roomId: chiller, sensorId: 'probe-1', recordedAt: at(101) }]);
    expect(malformed.statusCode).toBe(400);
    expect(JSON.stringify(malformed.json())).toContain('celsius');
    expect(
      await kit.query('SELECT COUNT(*) AS n FROM {db}.temperature_reading WHERE recorded_at >= ?', [
        new Date(at(100)),
      ]),
    ).toEqual([{ n: 0 }]);
  });
});
