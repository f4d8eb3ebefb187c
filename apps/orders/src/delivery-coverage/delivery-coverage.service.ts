import { Database } from '@harvest/platform/database';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DeliveryZone } from '../inventory/entities/delivery-zone.entity';
import { NotDeliveredError, UnknownZoneError } from './domain/coverage.errors';
import type { CoverageView, ZoneDeliveryFeeView } from './dto/coverage-views.dto';
import { DeliveryZoneArea } from './entities/delivery-zone-area.entity';

/** Where we deliver (district → zone) and what delivery costs per zone. */
@Injectable()
export class DeliveryCoverageService {
  constructor(private readonly db: Database) {}

  async coverage(areaCode: string): Promise<CoverageView> {
    const row = await this.db.read(async (em) => {
      const area = await em.findOne(DeliveryZoneArea, { where: { areaCode } });
      return area ? { area, zone: await em.findOneByOrFail(DeliveryZone, { id: area.zoneId }) } : null;
    });
    if (!row) throw new NotDeliveredError(areaCode);
    return { areaCode, ...feeView(row.zone) };
  }

  async assign(areaCode: string, zoneId: string): Promise<CoverageView> {
    return this.db.transaction(async (em) => {
      const zone = await this.zone(em, zoneId, 'zoneId');
      await em.query(
        'INSERT INTO delivery_zone_area (area_code, zone_id) VALUES (?, ?) ON DUPLICATE KEY UPDATE zone_id = VALUES(zone_id)',
        [areaCode, zoneId],
      );
      return { areaCode, ...feeView(zone) };
    });
  }

  async setFee(zoneId: string, fee: Omit<ZoneDeliveryFeeView, 'zoneId'>): Promise<ZoneDeliveryFeeView> {
    return this.db.transaction(async (em) => {
      const zone = await this.zone(em, zoneId);
      await em.update(DeliveryZone, { id: zoneId }, fee);
      return feeView({ ...zone, ...fee });
    });
  }

  private async zone(em: EntityManager, zoneId: string, field?: string): Promise<DeliveryZone> {
    const zone = await em.findOne(DeliveryZone, { where: { id: zoneId } });
    if (!zone) throw new UnknownZoneError(zoneId, field);
    return zone;
  }
}

function feeView(zone: DeliveryZone): ZoneDeliveryFeeView {
  return {
    zoneId: zone.id,
    deliveryFeeFen: zone.deliveryFeeFen,
    freeDeliveryFromFen: zone.freeDeliveryFromFen,
  };
}
