import { Controller, Get, Param, Query } from '@nestjs/common';
import { Public } from '@harvest/platform/http';
import { AvailabilityQueryDto, ListingQueryDto } from './dto/listing-query.dto';
import { StorefrontProductsService } from './storefront-products.service';

/**
 * Browsing is public: the storefront shows products before anyone logs in, and the data is the same for
 * customers and agents. Only active products and SKUs are visible here.
 */
@Controller()
export class StorefrontProductsController {
  constructor(private readonly storefront: StorefrontProductsService) {}

  @Public()
  @Get('products/:id')
  detail(@Param('id') id: string) {
    return this.storefront.detail(id);
  }

  /** Per SKU and fulfillment center; `?fulfillmentCenterId=` narrows to the shopper's own. */
  @Public()
  @Get('products/:id/availability')
  availability(@Param('id') id: string, @Query() query: AvailabilityQueryDto) {
    return this.storefront.availability(id, query.fulfillmentCenterId);
  }

  @Public()
  @Get('categories/:id/products')
  list(@Param('id') id: string, @Query() query: ListingQueryDto) {
    return this.storefront.listByCategory(id, query.cursor, query.limit);
  }
}
