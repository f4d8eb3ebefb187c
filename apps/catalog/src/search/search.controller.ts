import { Controller, Get, Query } from '@nestjs/common';
import { Public, ValidationFailedException } from '@harvest/platform/http';
import { CategoriesService } from '../categories/categories.service';
import { SearchQueryDto, SuggestQueryDto } from './dto/search-query.dto';
import { ProductSearchService } from './product-search.service';
import { ApiOkResponse } from '@nestjs/swagger';
import { SearchResultView, SuggestionsView } from './dto/search-views.dto';

/** Storefront search, public like browsing. `degraded: true` means MySQL answered because Elasticsearch failed. */
@Controller('search')
export class SearchController {
  constructor(
    private readonly search: ProductSearchService,
    private readonly categories: CategoriesService,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: SearchResultView })
  async find(@Query() query: SearchQueryDto) {
    if (query.priceMin !== undefined && query.priceMax !== undefined && query.priceMin > query.priceMax) {
      throw new ValidationFailedException([
        { field: 'priceMax', message: 'priceMax must not be below priceMin' },
      ]);
    }
    if (query.inStock === 'true' && !query.fulfillmentCenterId) {
      throw new ValidationFailedException([
        { field: 'fulfillmentCenterId', message: 'inStock=true needs the fulfillment center' },
      ]);
    }
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const answered = await this.search.search({
      text: query.q,
      categoryIds: query.category ? await this.categories.subtreeIds(query.category) : undefined,
      farmIds: query.farm?.length ? query.farm : undefined,
      temperatureClasses: query.temperature?.length ? query.temperature : undefined,
      organic: query.organic === undefined ? undefined : query.organic === 'true',
      priceMinFen: query.priceMin,
      priceMaxFen: query.priceMax,
      fulfillmentCenterId: query.fulfillmentCenterId,
      inStockOnly: query.inStock === 'true',
      sort: query.sort ?? 'relevance',
      page,
      pageSize,
    });
    return { engine: answered.engine, degraded: answered.degraded, page, pageSize, ...answered.result };
  }

  @Public()
  @Get('suggest')
  @ApiOkResponse({ type: SuggestionsView })
  async suggest(@Query() query: SuggestQueryDto) {
    const answered = await this.search.suggest(query.q, query.size ?? 8);
    return { engine: answered.engine, degraded: answered.degraded, items: answered.result };
  }
}
