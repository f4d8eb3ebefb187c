import { Controller, Get, Param, Query } from '@nestjs/common';
import { DirectGet, ProblemResponses, Public, type DirectRouteParams } from '@harvest/platform/http';
import { AvailabilityQueryDto, ListingQueryDto } from './dto/listing-query.dto';
import { StorefrontProductsService } from './storefront-products.service';
import { ApiOkResponse } from '@nestjs/swagger';
import { ProductAvailabilityView, ProductPageView, StorefrontProductView } from './dto/product-views.dto';

/**
 * Browsing is public: the storefront shows products before anyone logs in, and the data is the same for
 * customers and agents. Only active products and SKUs are visible here.
 */
@Controller()
export class StorefrontProductsController {
  constructor(private readonly storefront: StorefrontProductsService) {}

  /**
   * Sends the cached JSON text as it is (same body and content type Fastify gives the object). The hottest
   * read of the storefront, so Fastify answers it directly: public, and `id` needs no validation pipe.
   */
  @Public()
  @DirectGet('products/:id')
  @ApiOkResponse({ type: StorefrontProductView })
  @ProblemResponses({ 404: ['product-not-found'] })
  detail(params: DirectRouteParams): Promise<string> {
    return this.storefront.detailJson(params.id);
  }

  /** Per SKU and fulfillment center; `?fulfillmentCenterId=` narrows to the shopper's own. */
  @Public()
  @Get('products/:id/availability')
  @ApiOkResponse({ type: ProductAvailabilityView })
  availability(@Param('id') id: string, @Query() query: AvailabilityQueryDto) {
    return this.storefront.availability(id, query.fulfillmentCenterId);
  }

  @Public()
  @Get('categories/:id/products')
  @ApiOkResponse({ type: ProductPageView })
  @ProblemResponses({ 404: ['category-not-found'] })
  list(@Param('id') id: string, @Query() query: ListingQueryDto) {
    return this.storefront.listByCategory(id, query.cursor, query.limit);
  }
}
