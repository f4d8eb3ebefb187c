import type { EntityManager } from 'typeorm';
import type { DeliveryZone } from './entities/delivery-zone.entity';
import { temperatureClassList, type FulfillmentCenter } from './entities/fulfillment-center.entity';

export interface ZoneWithCenter {
  zone: DeliveryZone;
  center: FulfillmentCenter;
}

interface Row {
  zoneId: string;
  zoneName: string;
  deliveryFeeFen: number;
  freeDeliveryFromFen: number | null;
  centerId: string;
  centerName: string;
  temperatureClasses: string;
}

/**
 * A delivery zone and the center that serves it in one plain read (checkout's hot path: one round trip
 * and no entity hydration instead of two); null for an unknown zone. The foreign key makes the center exist.
 */
export async function findZoneWithCenter(em: EntityManager, zoneId: string): Promise<ZoneWithCenter | null> {
  const [row]: Row[] = await em.query(
    `SELECT z.id AS zoneId, z.name AS zoneName, z.delivery_fee_fen AS deliveryFeeFen,
       z.free_delivery_from_fen AS freeDeliveryFromFen, c.id AS centerId, c.name AS centerName,
       c.temperature_classes AS temperatureClasses
     FROM delivery_zone z JOIN fulfillment_center c ON c.id = z.fulfillment_center_id
     WHERE z.id = ? LIMIT 1`,
    [zoneId],
  );
  if (!row) return null;
  return {
    zone: {
      id: row.zoneId,
      name: row.zoneName,
      fulfillmentCenterId: row.centerId,
      deliveryFeeFen: Number(row.deliveryFeeFen),
      freeDeliveryFromFen: row.freeDeliveryFromFen === null ? null : Number(row.freeDeliveryFromFen),
    },
    center: {
      id: row.centerId,
      name: row.centerName,
      temperatureClasses: temperatureClassList.from(row.temperatureClasses),
    },
  };
}
