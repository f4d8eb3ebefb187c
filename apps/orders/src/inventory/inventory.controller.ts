import { Database } from '@harvest/platform/database';
import { Roles } from '@harvest/platform/http';
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { notFound, ordersProblem } from '../problems';
import { SetStockDto } from './dto/stock.dto';
import { DeliveryZone } from './entities/delivery-zone.entity';
import { FulfillmentCenter } from './entities/fulfillment-center.entity';
import { InventoryService } from './inventory.service';

@Controller()
export class InventoryController {
  constructor(
    private readonly db: Database,
    private readonly inventory: InventoryService,
  ) {}

  /** Zones and the center serving each, for address entry (any signed-in caller). */
  @Get('delivery-zones')
  async zones() {
    const zones = await this.db.read((em) => em.getRepository(DeliveryZone).find({ order: { id: 'ASC' } }));
    return { zones: zones.map(({ id, name }) => ({ id, name })) };
  }

  @Get('fulfillment-centers')
  @Roles('admin', 'agent')
  async centers() {
    return {
      fulfillmentCenters: await this.db.read((em) =>
        em.getRepository(FulfillmentCenter).find({ order: { id: 'ASC' } }),
      ),
    };
  }

  @Get('inventory/:fulfillmentCenterId/:skuId')
  @Roles('admin', 'agent')
  async stock(@Param('fulfillmentCenterId') fulfillmentCenterId: string, @Param('skuId') skuId: string) {
    const level = await this.db.transaction((em) => this.inventory.find(em, skuId, fulfillmentCenterId));
    if (!level) throw notFound(`stock of ${skuId} at ${fulfillmentCenterId}`);
    return {
      skuId,
      fulfillmentCenterId,
      onHand: level.onHand,
      reserved: level.reserved,
      available: level.onHand - level.reserved,
    };
  }

  /** A receipt or stock-take sets the counted amount; it may not drop below what is reserved (409). */
  @Put('inventory/:fulfillmentCenterId/:skuId')
  @Roles('admin')
  async setStock(
    @Param('fulfillmentCenterId') fulfillmentCenterId: string,
    @Param('skuId') skuId: string,
    @Body() body: SetStockDto,
  ) {
    await this.db.transaction(async (em) => {
      if (!(await em.getRepository(FulfillmentCenter).existsBy({ id: fulfillmentCenterId })))
        throw notFound(`fulfillment center ${fulfillmentCenterId}`);
      if (!(await this.inventory.setOnHand(em, skuId, fulfillmentCenterId, body.onHand))) {
        throw ordersProblem(409, 'below-reserved', `on hand cannot drop below the reserved amount`, {
          field: 'onHand',
        });
      }
    });
    return this.stock(fulfillmentCenterId, skuId);
  }
}
