import { FulfillmentTestKit, inDays, today } from '@harvest/fulfillment/testing';
import { WasteMetricsJob, wasteUnits } from './waste-metrics.job';

/** Waste by SKU, farm and reason from the stock ledger, as an API and a gauge (MariaDB + Kafka). */
describe('waste report', () => {
  let kit: FulfillmentTestKit;
  const center = 'fc-waste-1';
  const bin = `${center}-CHL-01`.toUpperCase();

  beforeAll(async () => {
    kit = await FulfillmentTestKit.start({ FULFILLMENT_GAUGES_MS: '0' });
    await kit.createCenter(center);
  });
  afterAll(async () => {
    await kit?.close();
  });

  it('sums spoilage, damage and QA discards by SKU, farm and reason over China days; found stock is not waste', async () => {
    const sku = await kit.publishSku({ skuId: `sku-chard-${kit.suffix}` });
    const delivery = (
      await kit.request('POST', '/expected-deliveries', kit.adminToken, {
        fulfillmentCenterId: center,
        farmId: 'farm-shanghai-1',
        expectedOn: today(),
        lines: [{ skuId: sku.skuId, quantity: 20, harvestDate: today() }],
      })
    ).json() as { id: string };
    const scanner = await kit.scannerToken(center);
    const lot = (
      (
        await kit.request('POST', `/expected-deliveries/${delivery.id}/receipts`, scanner, {
          skuId: sku.skuId,
          quantity: 20,
          dockCelsius: 2,
        })
      ).json() as { lot: { id: string; barcode: string } }
    ).lot;
    await kit.request('POST', `/lots/${lot.id}/put-away`, scanner, { locationBarcode: bin, quantity: 20 });
    const unlabelled = await kit.stockLot({
      skuId: sku.skuId,
      centerId: center,
      quantity: 5,
      expiryDate: inDays(5),
      bin,
    });
    const adjust = (lotBarcode: string, quantity: number, reason: string, token = scanner) =>
      kit.request('POST', '/stock-adjustments', token, {
        lotBarcode,
        locationBarcode: bin,
        quantity,
        reason,
      });
    expect((await adjust(lot.barcode, 3, 'spoilage')).statusCode).toBe(201);
    expect((await adjust(lot.barcode, 2, 'spoilage')).statusCode).toBe(201);
    expect((await adjust(lot.barcode, 1, 'damage')).statusCode).toBe(201);
    expect((await adjust(lot.barcode, 4, 'found')).statusCode).toBe(201);
    expect((await adjust(unlabelled.barcode, 2, 'qa-discard', kit.adminToken)).statusCode).toBe(201);

    const supervisor = await kit.issuer.tokenFor('agent', 'sup-waste', { fulfillmentCenterId: center });
    const report = await kit.request(
      'GET',
      `/waste?fulfillmentCenterId=${center}&from=${inDays(-1)}&to=${today()}`,
      supervisor,
    );
    expect(report.statusCode).toBe(200);
    expect(report.json()).toEqual({
      fulfillmentCenterId: center,
      from: inDays(-1),
      to: today(),
      rows: [
        { skuId: sku.skuId, farmId: 'farm-shanghai-1', reason: 'spoilage', units: 5 },
        { skuId: sku.skuId, farmId: null, reason: 'qa-discard', units: 2 },
        { skuId: sku.skuId, farmId: 'farm-shanghai-1', reason: 'damage', units: 1 },
      ],
    });
    const yesterday = await kit.request(
      'GET',
      `/waste?fulfillmentCenterId=${center}&from=${inDays(-2)}&to=${inDays(-1)}`,
      supervisor,
    );
    expect((yesterday.json() as { rows: unknown[] }).rows).toEqual([]);

    const backwards = await kit.request(
      'GET',
      `/waste?fulfillmentCenterId=${center}&from=${today()}&to=${inDays(-1)}`,
      supervisor,
    );
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json()).toMatchObject({ type: 'urn:harvest:problem:bad-period', field: 'to' });
    const other = await kit.issuer.tokenFor('agent', 'sup-other', { fulfillmentCenterId: 'fc-elsewhere' });
    expect(
      (await kit.request('GET', `/waste?fulfillmentCenterId=${center}&from=${today()}&to=${today()}`, other))
        .statusCode,
    ).toBe(403);

    await kit.http.app.get(WasteMetricsJob).refresh();
    const gauge = (await wasteUnits.get()).values.filter((v) => v.labels.fulfillment_center === center);
    expect(Object.fromEntries(gauge.map((v) => [v.labels.reason, v.value]))).toEqual({
      spoilage: 5,
      damage: 1,
      'qa-discard': 2,
    });
  });
});
