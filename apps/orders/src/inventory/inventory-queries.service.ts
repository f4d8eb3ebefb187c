import { Database } from '@harvest/platform/database';
import { Injectable } from '@nestjs/common';
import { DeliveryZone } from './entities/delivery-zone.entity';
import { FulfillmentCenter } from './entities/fulfillment-center.entity';
import { StockLevel } from './entities/stock-level.entity';

/** Reads of zones, centers and stock for the API. */
@Injectable()
export class InventoryQueriesService {
  constructor(private readonly db: Database) {}

  zones(): Promise<DeliveryZone[]> {
    return this.db.read((em) => em.getRepository(DeliveryZone).find({ order: { id: 'ASC' } }));
  }

  centers(): Promise<FulfillmentCenter[]> {
    return this.db.read((em) => em.getRepository(FulfillmentCenter).find({ order: { id: 'ASC' } }));
  }

  /** Fresh from the writer (read-your-writes after a baseline is set); null when there is no such row. */
  stock(fulfillmentCenterId: string, skuId: string): Promise<StockLevel | null> {
    return this.db.transaction((em) =>
      em.getRepository(StockLevel).findOneBy({ skuId, fulfillmentCenterId }),
    );
  }
}
