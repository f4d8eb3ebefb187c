import { FulfillmentTestKit, inDays } from '@harvest/fulfillment/testing';
import { StockExpiryJob } from './stock-expiry.job';

/** Expiry lowers the sellable count with no write of its own: the job announces it (MariaDB + Kafka). */
describe('stock expiry announcements', () => {
  let kit: FulfillmentTestKit;
  const center = 'fc-expiry-1';

  beforeAll(async () => {
    kit = await FulfillmentTestKit.start();
    await kit.createCenter(center);
  });
  afterAll(async () => {
    await kit?.close();
  });

  it('announces a new count once, the day a lot with stock expires', async () => {
    const sku = await kit.publishSku({ skuId: `sku-yogurt-${kit.suffix}` });
    await kit.stockLot({
      skuId: sku.skuId,
      centerId: center,
      quantity: 5,
      expiryDate: inDays(2),
      bin: `${center}-CHL-01`.toUpperCase(),
    });
    await kit.stockLot({
      skuId: sku.skuId,
      centerId: center,
      quantity: 7,
      expiryDate: inDays(10),
      bin: `${center}-CHL-02`.toUpperCase(),
    });
    const job = kit.http.app.get(StockExpiryJob);
    const counts = () => kit.outbox('fulfillment.stock-counted', `${sku.skuId}@${center}`);
    expect((await counts()).at(-1)!.payload).toMatchObject({ onHand: 12, sellable: 12, version: 2 });

    expect(await job.sweep(inDays(2))).toBe(0); // still sellable on its expiry date
    expect(await job.sweep(inDays(3))).toBe(1);
    expect((await counts()).at(-1)!.payload).toMatchObject({ onHand: 12, sellable: 7, held: 0, version: 3 });
    expect(await job.sweep(inDays(3))).toBe(0);
    expect(await job.sweep(inDays(4))).toBe(0); // nothing else expired since
    expect(await job.sweep(inDays(11))).toBe(1);
    expect((await counts()).at(-1)!.payload).toMatchObject({ onHand: 12, sellable: 0, version: 4 });
  });
});
