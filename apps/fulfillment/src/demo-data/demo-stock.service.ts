import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FULFILLMENT_CONFIG, type FulfillmentConfig } from '../config/fulfillment-config';
import { addDays, chinaDate } from '../local-date';
import { SkuSnapshot } from '../skus/entities/sku-snapshot.entity';
import { StockCountsService } from '../stock-counts/stock-counts.service';
import { DEMO_BINS_PER_ROOM, DEMO_CENTERS, DEMO_ROOMS, demoBinBarcode, demoLots, demoRoomId, demoSkuNumber } from './demo-layout';

/**
 * Lays down the demo floor and demo lots. Every id is deterministic and every insert ignores an existing
 * row, so running it again (a restart, or a SKU event redelivered) changes nothing.
 */
@Injectable()
export class DemoStockService {
  constructor(
    @Inject(FULFILLMENT_CONFIG) private readonly config: FulfillmentConfig,
    private readonly counts: StockCountsService,
  ) {}

  async seedFloor(em: EntityManager): Promise<void> {
    for (const center of DEMO_CENTERS) {
      await em.query('INSERT IGNORE INTO fulfillment_center (id, name) VALUES (?, ?)', [center.id, center.name]);
      for (const room of DEMO_ROOMS) {
        const roomId = demoRoomId(center.id, room.code);
        await em.query('INSERT IGNORE INTO room (id, fulfillment_center_id, name, temperature_class, setpoint_celsius, segmented) VALUES (?, ?, ?, ?, ?, ?)', [
          roomId,
          center.id,
          `${center.code} ${room.name}`,
          room.zone,
          room.setpoint,
          room.segmented,
        ]);
        for (let bin = 1; bin <= DEMO_BINS_PER_ROOM; bin++) {
          const barcode = demoBinBarcode(center.code, room.code, bin);
          await em.query('INSERT IGNORE INTO location (id, room_id, barcode) VALUES (?, ?, ?)', [barcode.toLowerCase(), roomId, barcode]);
        }
      }
    }
  }

  /** Demo lots for every demo SKU already known from catalog. */
  async stockKnownSkus(em: EntityManager): Promise<void> {
    const skus = await em.getRepository(SkuSnapshot).createQueryBuilder('s').where("s.sku_id LIKE 'demo-sku-%'").getMany();
    for (const sku of skus) await this.stockSku(em, sku);
  }

  /** From the SKU event handler: demo lots for a demo SKU that arrived after the seed, when demo data is on. */
  async stockSkuIfDemo(em: EntityManager, skuId: string): Promise<void> {
    if (!this.config.SEED_DEMO_DATA || demoSkuNumber(skuId) === null) return;
    const sku = await em.getRepository(SkuSnapshot).findOneBy({ skuId });
    if (sku) await this.stockSku(em, sku);
  }

  private async stockSku(em: EntityManager, sku: SkuSnapshot): Promise<void> {
    const number = demoSkuNumber(sku.skuId);
    if (number === null) return;
    const today = chinaDate();
    for (const center of DEMO_CENTERS) {
      // The floor may not be there yet (a SKU event before the seed): the seed stocks known SKUs afterwards.
      const room = DEMO_ROOMS.find((r) => r.zone === sku.temperatureClass);
      if (!room) continue;
      const barcode = demoBinBarcode(center.code, room.code, (number % DEMO_BINS_PER_ROOM) + 1);
      const [bin]: Array<{ id: string; temperature_class: string }> = await em.query('SELECT loc.id, r.temperature_class FROM location loc JOIN room r ON r.id = loc.room_id WHERE loc.barcode = ?', [barcode]);
      // A segmented demo room switched to another class since: leave this SKU unstocked rather than misplace it.
      if (!bin || bin.temperature_class !== room.zone) continue;
      let stocked = false;
      for (const lot of demoLots(number, sku.shelfLifeDays, sku.soldBy === 'weight')) {
        const lotId = `demo-lot-${center.code.toLowerCase()}-${String(number).padStart(4, '0')}-${lot.n + 1}`;
        const receiptDate = addDays(today, -lot.ageDays);
        const inserted: { affectedRows: number } = await em.query(
          `INSERT IGNORE INTO lot (id, barcode, sku_id, fulfillment_center_id, received_quantity, unplaced_quantity, receipt_date, expiry_date, received_by)
           VALUES (?, ?, ?, ?, ?, 0, ?, ?, 'demo')`,
          [lotId, lotId.toUpperCase(), sku.skuId, center.id, lot.quantity, receiptDate, addDays(receiptDate, sku.shelfLifeDays)],
        );
        if (inserted.affectedRows === 1) {
          await em.query('INSERT INTO lot_stock (lot_id, location_id, on_hand) VALUES (?, ?, ?)', [lotId, bin.id, lot.quantity]);
          stocked = true;
        }
      }
      if (stocked) await this.counts.announce(em, sku.skuId, center.id);
    }
  }
}
