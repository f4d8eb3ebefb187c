import { NotFoundError } from '@harvest/platform/errors';
import { ProblemResponses, Roles } from '@harvest/platform/http';
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { SetSellableBaselineDto } from './dto/stock.dto';
import { InventoryQueriesService } from './inventory-queries.service';
import { InventoryService } from './inventory.service';
import { ApiOkResponse } from '@nestjs/swagger';
import { DeliveryZonesView, FulfillmentCentersView, StockView } from './dto/inventory-views.dto';

@Controller()
export class InventoryController {
  constructor(
    private readonly inventory: InventoryService,
    private readonly queries: InventoryQueriesService,
  ) {}

  /** Zones and the center serving each, for address entry (any signed-in caller). */
  @Get('delivery-zones')
  @ApiOkResponse({ type: DeliveryZonesView })
  async zones() {
    const zones = await this.queries.zones();
    return { zones: zones.map(({ id, name }) => ({ id, name })) };
  }

  @Get('fulfillment-centers')
  @ApiOkResponse({ type: FulfillmentCentersView })
  @Roles('admin', 'agent')
  async centers() {
    return {
      fulfillmentCenters: await this.queries.centers(),
    };
  }

  /** Read-only view of what checkout reserves against. */
  @Get('inventory/:fulfillmentCenterId/:skuId')
  @ApiOkResponse({ type: StockView })
  @ProblemResponses({ 404: ['not-found'] })
  @Roles('admin', 'agent')
  async stock(@Param('fulfillmentCenterId') fulfillmentCenterId: string, @Param('skuId') skuId: string) {
    const level = await this.queries.stock(fulfillmentCenterId, skuId);
    if (!level) throw new NotFoundError(`stock of ${skuId} at ${fulfillmentCenterId}`);
    return {
      skuId,
      fulfillmentCenterId,
      sellable: level.sellable,
      sellableVersion: level.sellableVersion,
      reserved: level.reserved,
      available: Math.max(0, level.sellable - level.reserved),
    };
  }

  /**
   * A sellable baseline for a SKU fulfillment has not counted yet (a demo or test setup, a center not on the
   * fulfillment service yet). Fulfillment owns the real count: its next fulfillment.stock-counted replaces
   * this figure. A baseline below what is reserved is accepted (nothing more can be reserved until it rises).
   */
  @Put('inventory/:fulfillmentCenterId/:skuId')
  @ApiOkResponse({ type: StockView })
  @ProblemResponses({ 404: ['not-found'] })
  @Roles('admin')
  async setBaseline(
    @Param('fulfillmentCenterId') fulfillmentCenterId: string,
    @Param('skuId') skuId: string,
    @Body() body: SetSellableBaselineDto,
  ) {
    if (!(await this.inventory.setBaselineAtKnownCenter(fulfillmentCenterId, skuId, body.sellable)))
      throw new NotFoundError(`fulfillment center ${fulfillmentCenterId}`);
    return this.stock(fulfillmentCenterId, skuId);
  }
}
