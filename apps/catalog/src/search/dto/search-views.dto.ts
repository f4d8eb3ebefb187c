import { ApiProperty } from '@nestjs/swagger';
import { ProductHitView } from '../../products/dto/product-views.dto';

class FacetCountView {
  @ApiProperty() value!: string;
  @ApiProperty({ type: 'integer' }) count!: number;
}

class PriceBucketCountView {
  @ApiProperty({ example: 'under-10' }) key!: string;
  @ApiProperty({ type: 'integer' }) fromFen!: number;
  @ApiProperty({ type: 'integer', nullable: true }) toFen!: number | null;
  @ApiProperty({ type: 'integer' }) count!: number;
}

class InStockCountView {
  @ApiProperty() fulfillmentCenterId!: string;
  @ApiProperty({ type: 'integer' }) count!: number;
}

/** Exact counts over every product matching the whole query. */
class SearchFacetsView {
  @ApiProperty({ type: [FacetCountView] }) category!: FacetCountView[];
  @ApiProperty({ type: [FacetCountView] }) farm!: FacetCountView[];
  @ApiProperty({ type: [FacetCountView] }) temperatureClass!: FacetCountView[];
  @ApiProperty({ type: [FacetCountView] }) organic!: FacetCountView[];
  @ApiProperty({ type: [PriceBucketCountView] }) price!: PriceBucketCountView[];
  @ApiProperty({ type: InStockCountView, nullable: true }) inStock!: InStockCountView | null;
}

const ENGINE = { enum: ['elasticsearch', 'in-process'] };
const DEGRADED = { description: 'True when MySQL answered because Elasticsearch failed.' };

export class SearchResultView {
  @ApiProperty(ENGINE) engine!: string;
  @ApiProperty(DEGRADED) degraded!: boolean;
  @ApiProperty({ type: 'integer' }) page!: number;
  @ApiProperty({ type: 'integer' }) pageSize!: number;
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: [ProductHitView] }) items!: ProductHitView[];
  @ApiProperty({ type: SearchFacetsView }) facets!: SearchFacetsView;
}

class SuggestionView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: '红富士苹果' }) name!: string;
}

export class SuggestionsView {
  @ApiProperty(ENGINE) engine!: string;
  @ApiProperty(DEGRADED) degraded!: boolean;
  @ApiProperty({ type: [SuggestionView] }) items!: SuggestionView[];
}

class MemoryMiBView {
  @ApiProperty({ type: 'number' }) rss!: number;
  @ApiProperty({ type: 'number' }) heapTotal!: number;
  @ApiProperty({ type: 'number' }) heapUsed!: number;
}

export class ReindexStatusView {
  @ApiProperty({ enum: ['idle', 'running', 'done', 'failed'] }) state!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) startedAt!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: 'integer' }) indexed!: number;
  @ApiProperty({ type: 'integer' }) failed!: number;
  @ApiProperty({ type: 'string', nullable: true }) index!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) error!: string | null;
  @ApiProperty({ type: MemoryMiBView, nullable: true }) peakMemoryMiB!: MemoryMiBView | null;
  @ApiProperty({
    type: 'integer',
    required: false,
    description: 'Changes still waiting for the index (GET only).',
  })
  pendingCatchUp?: number;
}

/** This instance's in-process index (in-process-search-index.service.ts InProcessIndexStatus). */
export class InProcessIndexStatusView {
  @ApiProperty({
    enum: ['off', 'building', 'ready', 'failed'],
    description: '`off`: Elasticsearch serves and CATALOG_SEARCH_FALLBACK=none.',
  })
  state!: string;
  @ApiProperty({ type: 'integer', description: 'Products in the index now.' }) products!: number;
  @ApiProperty({ type: 'integer', description: 'Products the build is reading.' }) total!: number;
  @ApiProperty({ type: 'integer', nullable: true }) buildMs!: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'V8 heap grown while building.' })
  heapGrowthMiB!: number | null;
  @ApiProperty({ type: 'number' }) heapUsedMiB!: number;
  @ApiProperty({ type: 'number' }) rssMiB!: number;
  @ApiProperty({ type: 'string', nullable: true }) error!: string | null;
}
