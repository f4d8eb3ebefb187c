import type { TemperatureClass } from '@harvest/contracts/produce';
import { Database } from '@harvest/platform/database';
import { Logger, type INestApplicationContext } from '@nestjs/common';
import { DeliverySlotsService } from '../delivery-slots/delivery-slots.service';
import { addDays, chinaDateOf, chinaLocalToInstant } from '../delivery-slots/domain/slot-rules';
import { InventoryService } from '../inventory/inventory.service';

export const DEMO_CENTERS: Array<{ id: string; name: string; classes: TemperatureClass[] }> = [
  { id: 'fc-beijing-1', name: '北京一号冷链仓', classes: ['frozen', 'chilled', 'cool', 'ambient'] },
  // Shanghai has no freezer room yet, so frozen goods cannot be ordered to Shanghai zones (shows the rule).
  { id: 'fc-shanghai-1', name: '上海一号冷链仓', classes: ['chilled', 'cool', 'ambient'] },
];

/** 6 yuan, free from 99 yuan; a suburb further out 10 yuan, free from 199 yuan. */
const CITY_FEE = { deliveryFeeFen: 600, freeDeliveryFromFen: 9900 };
const FAR_FEE = { deliveryFeeFen: 1000, freeDeliveryFromFen: 19_900 };

/** Each zone with the district it serves (its six-digit code) and its delivery fee (issue 20). */
export const DEMO_ZONES = [
  {
    id: 'bj-chaoyang',
    name: '北京朝阳区',
    fulfillmentCenterId: 'fc-beijing-1',
    areaCode: '110105',
    ...CITY_FEE,
  },
  {
    id: 'bj-haidian',
    name: '北京海淀区',
    fulfillmentCenterId: 'fc-beijing-1',
    areaCode: '110108',
    ...CITY_FEE,
  },
  {
    id: 'he-langfang',
    name: '河北廊坊',
    fulfillmentCenterId: 'fc-beijing-1',
    areaCode: '131002',
    ...FAR_FEE,
  },
  {
    id: 'sh-pudong',
    name: '上海浦东新区',
    fulfillmentCenterId: 'fc-shanghai-1',
    areaCode: '310115',
    ...CITY_FEE,
  },
  {
    id: 'sh-xuhui',
    name: '上海徐汇区',
    fulfillmentCenterId: 'fc-shanghai-1',
    areaCode: '310104',
    ...CITY_FEE,
  },
];

const WINDOWS = [
  ['09:00', '12:00'],
  ['14:00', '17:00'],
  ['18:00', '21:00'],
] as const;
const SLOT_DAYS = 7;
const SLOT_CAPACITY = 50;
const CUTOFF_MINUTES_BEFORE = 8 * 60;
const DEMO_SKU_COUNT = 250;
/**
 * Stock counts pieces, or grams for a weighed SKU. Seeding usually runs before catalog's snapshots arrive,
 * so an unknown SKU gets an amount that works either way (5,000 pieces, or 5 kg); a SKU already known to be
 * weighed gets 100 kg.
 */
const DEMO_AMOUNT = 5_000;
const DEMO_GRAMS = 100_000;

export const demoSkuId = (n: number) => `demo-sku-${String(n).padStart(4, '0')}`;

/**
 * Demo data for `npm start`: the two centers, zones, a week of slots and stock for demo-sku-0001..0250 at
 * both centers (stock may exist before catalog's snapshot arrives). Idempotent: existing rows are kept.
 */
export async function seedOrdersDemoData(app: INestApplicationContext): Promise<void> {
  const logger = new Logger('OrdersDemoData');
  const db = app.get(Database);
  const slots = app.get(DeliverySlotsService);
  const inventory = app.get(InventoryService);

  await db.transaction(async (em) => {
    for (const c of DEMO_CENTERS) {
      await em.query(
        'INSERT IGNORE INTO fulfillment_center (id, name, temperature_classes) VALUES (?, ?, ?)',
        [c.id, c.name, c.classes.join(',')],
      );
    }
    for (const z of DEMO_ZONES) {
      await em.query('INSERT IGNORE INTO delivery_zone (id, name, fulfillment_center_id) VALUES (?, ?, ?)', [
        z.id,
        z.name,
        z.fulfillmentCenterId,
      ]);
      // A fee an admin set since is kept: only a zone still without one gets the demo's.
      await em.query(
        `UPDATE delivery_zone SET delivery_fee_fen = ?, free_delivery_from_fen = ?
         WHERE id = ? AND delivery_fee_fen = 0 AND free_delivery_from_fen IS NULL`,
        [z.deliveryFeeFen, z.freeDeliveryFromFen, z.id],
      );
      await em.query('INSERT IGNORE INTO delivery_zone_area (area_code, zone_id) VALUES (?, ?)', [
        z.areaCode,
        z.id,
      ]);
    }
  });

  const today = chinaDateOf(new Date());
  await db.transaction(async (em) => {
    for (let day = 0; day < SLOT_DAYS; day++) {
      const date = addDays(today, day);
      for (const zone of DEMO_ZONES) {
        for (const [start, end] of WINDOWS) {
          const startsAt = chinaLocalToInstant(date, start);
          await slots.upsert(em, {
            id: `${zone.id}-${date}-${start.replace(':', '')}`,
            zoneId: zone.id,
            deliveryDate: date,
            windowStart: start,
            windowEnd: end,
            startsAt,
            cutoffAt: new Date(startsAt.getTime() - CUTOFF_MINUTES_BEFORE * 60_000),
            capacity: SLOT_CAPACITY,
          });
        }
      }
    }
  });

  let created = 0;
  for (let n = 1; n <= DEMO_SKU_COUNT; n++) {
    created += await db.transaction(async (em) => {
      const skuId = demoSkuId(n);
      const [snapshot] = await em.query('SELECT sold_by FROM sku_snapshot WHERE sku_id = ?', [skuId]);
      const amount = snapshot?.sold_by === 'weight' ? DEMO_GRAMS : DEMO_AMOUNT;
      let made = 0;
      for (const c of DEMO_CENTERS)
        made += (await inventory.createIfMissing(em, skuId, c.id, amount)) ? 1 : 0;
      return made;
    });
    if (n % 50 === 0) logger.log(`demo stock: ${n}/${DEMO_SKU_COUNT} SKUs (${created} rows created)`);
  }
  logger.log(
    `demo data ready: ${DEMO_CENTERS.length} centers, ${DEMO_ZONES.length} zones, ${SLOT_DAYS} days of slots, ${created} new stock rows`,
  );
}
