import { FulfillmentTestKit, inDays } from '@harvest/fulfillment/testing';

/** Odd input to the write routes gets a 4xx problem+json naming the field, never a 500, and writes nothing. */
describe('fulfillment: bad input is a 4xx naming the field (MariaDB + Kafka)', () => {
  let kit: FulfillmentTestKit;
  const center = 'fc-bad-input-1';
  const chiller = `${center}-chl`;
  let pieceSku: string;
  let weighedSku: string;
  const count = async (table: string) =>
    Number((await kit.query<{ n: number }>(`SELECT COUNT(*) AS n FROM {db}.${table}`))[0]!.n);
  const fieldsOf = (body: { field?: string; errors?: Array<{ field: string }> }) => [
    body.field,
    ...(body.errors ?? []).map((e) => e.field),
  ];
  const expectProblem = (
    res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown },
    status: number,
    field: string,
  ) => {
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(fieldsOf(res.json() as never)).toContain(field);
  };

  beforeAll(async () => {
    kit = await FulfillmentTestKit.start();
    await kit.createCenter(center);
    pieceSku = (await kit.publishSku({ skuId: `sku-bok-choy-${kit.suffix}` })).skuId;
    weighedSku = (await kit.publishSku({ skuId: `sku-pork-${kit.suffix}`, soldBy: 'weight' })).skuId;
  });
  afterAll(async () => {
    await kit?.close();
  });

  const receive = (over: object) =>
    kit.request('POST', '/lots', kit.adminToken, {
      skuId: weighedSku,
      fulfillmentCenterId: center,
      quantity: 1000,
      receiptDate: inDays(-1),
      ...over,
    });

  it.each([
    ['a quantity of 2^32', { quantity: 2 ** 32 }, 400, 'quantity'],
    ['a quantity of 2^31 (2.1 billion grams)', { quantity: 2 ** 31 }, 400, 'quantity'],
    ['more than 5 t', { quantity: 5_000_001 }, 400, 'quantity'],
    ['more pieces than a lot holds', { skuId: 'piece', quantity: 20_001 }, 422, 'quantity'],
    ['a receipt date that does not exist', { receiptDate: '2026-02-30' }, 400, 'receiptDate'],
    ['an expiry date that does not exist', { expiryDate: '2026-02-30' }, 400, 'expiryDate'],
    ['a barcode that is not printable ASCII', { barcode: 'İ'.repeat(32) }, 400, 'barcode'],
  ])('receiving a lot with %s', async (_name, over, status, field) => {
    const before = await count('lot');
    const res = await receive({ ...over, ...('skuId' in over ? { skuId: pieceSku } : {}) });
    expectProblem(res, status, field);
    expect(await count('lot')).toBe(before);
  });

  it('a lot of the largest bounds is received', async () => {
    expect((await receive({ quantity: 5_000_000 })).statusCode).toBe(201);
    expect((await receive({ skuId: pieceSku, quantity: 20_000 })).statusCode).toBe(201);
  });

  it('concurrent receipts of one barcode: one 201 and the rest 409, however they race (3 rounds of 8)', async () => {
    for (let round = 0; round < 3; round++) {
      const barcode = `FARM-${kit.suffix}-${round}`;
      const codes = (await Promise.all(Array.from({ length: 8 }, () => receive({ barcode }))))
        .map((r) => r.statusCode)
        .sort();
      expect(codes).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
      expect(await kit.query('SELECT id FROM {db}.lot WHERE barcode = ?', [barcode])).toHaveLength(1);
    }
  });

  it('a room with a setpoint of 1e-7 °C (more than two decimals, printed without any)', async () => {
    const before = await count('room');
    const res = await kit.request('POST', `/fulfillment-centers/${center}/rooms`, kit.adminToken, {
      id: `${center}-odd`,
      name: 'odd',
      temperatureClass: 'chilled',
      setpointCelsius: 1e-7,
      segmented: false,
    });
    expectProblem(res, 400, 'setpointCelsius');
    expect(await count('room')).toBe(before);
  });

  it('switching a room to a class whose range the setpoint is outside names setpointCelsius', async () => {
    const res = await kit.request('POST', `/rooms/${chiller}/switch-class`, kit.adminToken, {
      temperatureClass: 'frozen',
      setpointCelsius: -5,
    });
    expectProblem(res, 422, 'setpointCelsius');
    expectProblem(
      await kit.request('POST', `/rooms/${chiller}/switch-class`, kit.adminToken, {
        temperatureClass: 'frozen',
        setpointCelsius: -20.0000001,
      }),
      400,
      'setpointCelsius',
    );
    expect(await kit.query('SELECT temperature_class FROM {db}.room WHERE id = ?', [chiller])).toEqual([
      { temperature_class: 'chilled' },
    ]);
  });

  it('bin barcodes that lengthen when lower-cased, make too long an id, or differ only by case', async () => {
    const longRoom = `r${'0'.repeat(59)}-bin`;
    const created = await kit.request('POST', `/fulfillment-centers/${center}/rooms`, kit.adminToken, {
      id: longRoom,
      name: 'long id',
      temperatureClass: 'chilled',
      setpointCelsius: 2,
      segmented: false,
    });
    expect(created.statusCode).toBe(201);
    const before = await count('location');
    expectProblem(
      await kit.request('POST', `/rooms/${chiller}/locations`, kit.adminToken, {
        barcodes: ['İ'.repeat(32)],
      }),
      400,
      'barcodes',
    );
    expectProblem(
      await kit.request('POST', `/rooms/${longRoom}/locations`, kit.adminToken, { barcodes: ['A-1', 'B-1'] }),
      422,
      'barcodes[0]',
    );
    expectProblem(
      await kit.request('POST', `/rooms/${chiller}/locations`, kit.adminToken, {
        barcodes: [`${kit.suffix}-x`, `${kit.suffix}-X`],
      }),
      409,
      'barcodes',
    );
    expect(await count('location')).toBe(before);
  });

  it('telemetry with an array as a reading, or a reading of 1e-7 °C', async () => {
    const before = await count('temperature_reading');
    const post = (readings: unknown[]) =>
      kit.request('POST', '/telemetry/readings', kit.serviceToken, { readings }, null);
    expectProblem(await post([[]]), 400, 'readings');
    const reading = {
      roomId: chiller,
      sensorId: 'probe-1',
      celsius: 1e-7,
      recordedAt: new Date().toISOString(),
    };
    expectProblem(await post([reading]), 400, 'readings[0].celsius');
    expect(await count('temperature_reading')).toBe(before);
  });

  it('a wave date that does not exist, packed lines that are not objects, a pick of 2^32', async () => {
    expectProblem(
      await kit.request('GET', `/waves?fulfillmentCenterId=${center}&date=2026-02-30`, kit.adminToken),
      400,
      'date',
    );
    expectProblem(
      await kit.request('POST', '/fulfillment-orders/ord-none/pack', kit.adminToken, { lines: [[]] }),
      400,
      'lines',
    );
    const scanner = await kit.scannerToken(center);
    expectProblem(
      await kit.request('POST', '/scanner/tasks/task-none/confirm', scanner, { quantity: 2 ** 32 }),
      400,
      'quantity',
    );
  });
});
