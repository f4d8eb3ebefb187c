import type { EntityManager } from 'typeorm';
import { addDays, chinaDate } from '../shared/domain/local-date';
import { SkuSnapshot } from '../skus/entities/sku-snapshot.entity';
import type { StockCountsService } from '../stock-counts/stock-counts.service';
import {
  DEMO_BINS_PER_ROOM,
  DEMO_CENTERS,
  DEMO_ROOMS,
  demoBinBarcode,
  demoLots,
  demoRoomId,
  demoSkuNumber,
} from './demo-layout';

/*
 * Lays down the demo floor and demo lots. Every id is deterministic and every insert ignores an existing
 * row, so running it again (a restart, or the follow-up run after more SKUs arrived) changes nothing.
 */

export async function seedDemoFloor(em: EntityManager): Promise<void> {
  for (const center of DEMO_CENTERS) {
    await em.query('INSERT IGNORE INTO fulfillment_center (id, name) VALUES (?, ?)', [
      center.id,
      center.name,
    ]);
    for (const room of DEMO_ROOMS) {
      const roomId = demoRoomId(center.id, room.code);
      await em.query(
        'INSERT IGNORE INTO room (id, fulfillment_center_id, name, temperature_class, setpoint_celsius, segmented) VALUES (?, ?, ?, ?, ?, ?)',
        [roomId, center.id, `${center.code} ${room.name}`, room.zone, room.setpoint, room.segmented],
      );
      for (let bin = 1; bin <= DEMO_BINS_PER_ROOM; bin++) {
        const barcode = demoBinBarcode(center.code, room.code, bin);
        await em.query('INSERT IGNORE INTO location (id, room_id, barcode) VALUES (?, ?, ?)', [
          barcode.toLowerCase(),
          roomId,
          barcode,
        ]);
      }
    }
  }
}

/**
 * Demo lots for the demo SKUs already known from catalog; `onlyUnstocked` skips SKUs that have lots already
 * (the follow-up runs, which look for SKUs that arrived since). Returns the SKUs that got lots.
 */
export async function stockDemoSkus(
  em: EntityManager,
  counts: StockCountsService,
  options: { onlyUnstocked?: boolean } = {},
): Promise<number> {
  const query = em.getRepository(SkuSnapshot).createQueryBuilder('s').where("s.sku_id LIKE 'demo-sku-%'");
  if (options.onlyUnstocked) query.andWhere('NOT EXISTS (SELECT 1 FROM lot WHERE lot.sku_id = s.sku_id)');
  // One order for every run, so two runs at once (a restart during the follow-up) wait for each other, never deadlock.
  const skus = await query.orderBy('s.sku_id').getMany();
  let stocked = 0;
  for (const sku of skus) if (await stockSku(em, counts, sku)) stocked++;
  return stocked;
}

async function stockSku(em: EntityManager, counts: StockCountsService, sku: SkuSnapshot): Promise<boolean> {
  const number = demoSkuNumber(sku.skuId);
  if (number === null) return false;
  const today = chinaDate();
  let any = false;
  for (const center of DEMO_CENTERS) {
    // The floor may not be there yet (a SKU event before the seed): the seed stocks known SKUs afterwards.
    const room = DEMO_ROOMS.find((r) => r.zone === sku.temperatureClass);
    if (!room) continue;
    const barcode = demoBinBarcode(center.code, room.code, (number % DEMO_BINS_PER_ROOM) + 1);
    const [bin]: Array<{ id: string; temperature_class: string }> = await em.query(
      'SELECT loc.id, r.temperature_class FROM location loc JOIN room r ON r.id = loc.room_id WHERE loc.barcode = ?',
      [barcode],
    );
    // A segmented demo room switched to another class since: leave this SKU unstocked rather than misplace it.
    if (!bin || bin.temperature_class !== room.zone) continue;
    let stocked = false;
    for (const lot of demoLots(number, sku.shelfLifeDays, sku.soldBy === 'weight')) {
      const lotId = `demo-lot-${center.code.toLowerCase()}-${String(number).padStart(4, '0')}-${lot.n + 1}`;
      const receiptDate = addDays(today, -lot.ageDays);
      const inserted: { affectedRows: number } = await em.query(
        `INSERT IGNORE INTO lot (id, barcode, sku_id, fulfillment_center_id, received_quantity, unplaced_quantity, receipt_date, expiry_date, received_by)
         VALUES (?, ?, ?, ?, ?, 0, ?, ?, 'demo')`,
        [
          lotId,
          lotId.toUpperCase(),
          sku.skuId,
          center.id,
          lot.quantity,
          receiptDate,
          addDays(receiptDate, sku.shelfLifeDays),
        ],
      );
      if (inserted.affectedRows === 1) {
        await em.query('INSERT INTO lot_stock (lot_id, location_id, on_hand) VALUES (?, ?, ?)', [
          lotId,
          bin.id,
          lot.quantity,
        ]);
        stocked = true;
      }
    }
    if (stocked) await counts.announce(em, sku.skuId, center.id);
    any ||= stocked;
  }
  return any;
}
