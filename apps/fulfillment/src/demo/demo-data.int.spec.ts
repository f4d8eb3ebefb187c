import { FulfillmentTestKit, waitFor } from '@harvest/fulfillment/testing';
import { Database } from '@harvest/platform/database';
import { StockCountsService } from '../stock-counts/stock-counts.service';
import { stockDemoSkus } from './demo-stock';
import { seedDemoFloorAndStock } from './seed-demo-data';

/** The demo floor and lots: laid down at start when SEED_DEMO_DATA=true, and idempotent. */
describe('demo data (MariaDB)', () => {
  let kit: FulfillmentTestKit;
  const counts = async () => {
    const [row] = await kit.query<{
      centers: number;
      rooms: number;
      locations: number;
      lots: number;
      onHand: string;
    }>(
      `SELECT (SELECT COUNT(*) FROM {db}.fulfillment_center) AS centers, (SELECT COUNT(*) FROM {db}.room) AS rooms,
              (SELECT COUNT(*) FROM {db}.location) AS locations, (SELECT COUNT(*) FROM {db}.lot) AS lots,
              (SELECT COALESCE(SUM(on_hand), 0) FROM {db}.lot_stock) AS onHand`,
    );
    return { ...row!, onHand: Number(row!.onHand) };
  };
  const addSnapshot = (n: number, temperatureClass: string, soldBy: string) =>
    kit.query(
      `INSERT INTO {db}.sku_snapshot (sku_id, name, category_id, sold_by, temperature_class, shelf_life_days, min_shelf_life_days_at_delivery, version)
       VALUES (?, ?, 'demo', ?, ?, 10, 2, 1)`,
      [`demo-sku-${String(n).padStart(4, '0')}`, `demo ${n}`, soldBy, temperatureClass],
    );

  beforeAll(async () => {
    kit = await FulfillmentTestKit.start({ SEED_DEMO_DATA: 'true' });
  });
  afterAll(async () => {
    await kit?.close();
  });

  it('lays down two centers with a room of every class and their bins at start', async () => {
    expect(await counts()).toEqual({ centers: 2, rooms: 8, locations: 160, lots: 0, onHand: 0 });
    const rooms = await kit.request('GET', '/fulfillment-centers/fc-shanghai-1/rooms', kit.adminToken);
    expect(
      rooms
        .json()
        .map((r: { temperatureClass: string }) => r.temperatureClass)
        .sort(),
    ).toEqual(['ambient', 'chilled', 'cool', 'frozen']);
  });

  it('stocks the known demo SKUs in rooms of their class with staggered expiry, and a second run changes nothing', async () => {
    await addSnapshot(1, 'chilled', 'piece');
    await addSnapshot(2, 'frozen', 'weight');
    await seedDemoFloorAndStock(kit.http.app);
    const first = await counts();
    expect(first).toEqual({
      centers: 2,
      rooms: 8,
      locations: 160,
      lots: 12,
      onHand: 2 * 3 * 80 + 2 * 3 * 40_000,
    });
    await seedDemoFloorAndStock(kit.http.app);
    expect(await counts()).toEqual(first);
    expect(
      await kit.query(
        "SELECT COUNT(*) AS n FROM {db}.outbox_event WHERE topic = 'fulfillment.stock-counted'",
      ),
    ).toEqual([{ n: 4 }]);

    const misplaced = await kit.query(
      `SELECT lot.id FROM {db}.lot JOIN {db}.sku_snapshot s ON s.sku_id = lot.sku_id JOIN {db}.lot_stock ls ON ls.lot_id = lot.id
         JOIN {db}.location loc ON loc.id = ls.location_id JOIN {db}.room r ON r.id = loc.room_id WHERE r.temperature_class <> s.temperature_class`,
    );
    expect(misplaced).toEqual([]);
    const expiries = await kit.query<{ n: number }>(
      "SELECT COUNT(DISTINCT expiry_date) AS n FROM {db}.lot WHERE sku_id = 'demo-sku-0001' AND fulfillment_center_id = 'fc-beijing-1'",
    );
    expect(expiries).toEqual([{ n: 3 }]);
  });

  it('stocks a demo SKU that catalog publishes after the seed', async () => {
    await addSnapshot(3, 'ambient', 'piece');
    // Nobody calls the seed again: the demo's follow-up, started by the seed hook at start, finds the SKU.
    await waitFor('demo lots for demo-sku-0003', async () => (await counts()).lots === 18);
    const db = kit.http.app.get(Database);
    const stockCounts = kit.http.app.get(StockCountsService);
    await db.transaction((em) => stockDemoSkus(em, stockCounts, { onlyUnstocked: true }));
    await db.transaction((em) => stockDemoSkus(em, stockCounts));
    expect((await counts()).lots).toBe(18);
  });
});
