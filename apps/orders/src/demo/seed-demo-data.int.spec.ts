import { startOrdersTestApp, type OrdersTestApp } from '@harvest/orders/testing';
import { seedOrdersDemoData } from './seed-demo-data';

describe('orders demo data (real MariaDB)', () => {
  let t: OrdersTestApp;

  beforeAll(async () => {
    t = await startOrdersTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('seeds centers, zones, a week of slots and stock for demo-sku-0001..0250, and a second run changes nothing', async () => {
    const counts = async () =>
      (
        await t.db.transaction((em) =>
          em.query(`SELECT
            (SELECT COUNT(*) FROM fulfillment_center) AS centers,
            (SELECT COUNT(*) FROM delivery_zone) AS zones,
            (SELECT COUNT(*) FROM delivery_slot) AS slots,
            (SELECT COUNT(*) FROM stock_level) AS stock,
            (SELECT COUNT(*) FROM stock_level WHERE sellable = 5000 AND sellable_version = 0) AS baselines,
            (SELECT COUNT(DISTINCT sku_id) FROM stock_level WHERE sku_id BETWEEN 'demo-sku-0001' AND 'demo-sku-0250') AS skus,
            (SELECT COUNT(*) FROM outbox_event WHERE type = 'inventory.stock-changed') AS announced`),
        )
      )[0];
    await seedOrdersDemoData(t.app);
    const first = await counts();
    expect(Object.fromEntries(Object.entries(first).map(([k, v]) => [k, Number(v)]))).toEqual({
      centers: 2,
      zones: 5,
      slots: 7 * 5 * 3,
      stock: 500,
      // Sellable without fulfillment running, at count version 0 so fulfillment's first count replaces it.
      baselines: 500,
      skus: 250,
      announced: 500,
    });
    await t.db.transaction((em) =>
      em.query("UPDATE stock_level SET reserved = 7 WHERE sku_id = 'demo-sku-0001'"),
    );
    await seedOrdersDemoData(t.app);
    expect(await counts()).toEqual(first);
    const [kept] = await t.db.transaction((em) =>
      em.query(
        "SELECT reserved FROM stock_level WHERE sku_id = 'demo-sku-0001' AND fulfillment_center_id = 'fc-beijing-1'",
      ),
    );
    expect(kept.reserved).toBe(7);
  });
});
