import { ApiProperty } from '@nestjs/swagger';
import { SOLD_BY, TEMPERATURE_CLASSES } from '@harvest/contracts/produce';
import type { ProblemTypesByStatus } from '@harvest/platform/http';

/** The ETag an admin read or write answers with (domain/product-version.ts). */
export const ETAG = {
  ETag: { description: 'The version, to send back as If-Match.', schema: { type: 'string', example: '"3"' } },
};

/** What an If-Match write refuses: no If-Match (428), an unreadable one (400), a stale one (412). */
export const VERSIONED_WRITE: ProblemTypesByStatus = {
  400: ['validation-failed'],
  412: ['stale-version'],
  428: ['precondition-required'],
};

export class StorefrontSkuView {
  @ApiProperty({ example: 'sku-apple-500g' }) id!: string;
  @ApiProperty({ example: '约500g' }) name!: string;
  @ApiProperty({ enum: SOLD_BY }) soldBy!: string;
  @ApiProperty({
    type: 'integer',
    description: 'Price in fen (per piece, or per 500 g when sold by weight).',
    example: 690,
  })
  priceFen!: number;
  @ApiProperty({ enum: TEMPERATURE_CLASSES }) temperatureClass!: string;
  @ApiProperty({ type: 'integer' }) shelfLifeDays!: number;
}

export class AdminSkuView extends StorefrontSkuView {
  @ApiProperty({ enum: ['draft', 'active', 'archived'] }) status!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
}

class NamedRefView {
  @ApiProperty() id!: string;
  @ApiProperty({ type: 'string', nullable: true }) name!: string | null;
}

/** An active product as shoppers and agents see it. */
export class StorefrontProductView {
  @ApiProperty({ example: 'demo-prod-0001' }) id!: string;
  @ApiProperty({ example: '红富士苹果' }) name!: string;
  @ApiProperty({ example: 'hong fu shi ping guo' }) pinyin!: string;
  @ApiProperty({ type: 'string', nullable: true }) description!: string | null;
  @ApiProperty({ type: NamedRefView }) category!: NamedRefView;
  @ApiProperty({ type: NamedRefView }) farm!: NamedRefView;
  @ApiProperty() organic!: boolean;
  @ApiProperty({ type: 'string', nullable: true }) organicCertificateNo!: string | null;
  @ApiProperty({ type: [String] }) imageIds!: string[];
  @ApiProperty({ type: 'integer', nullable: true }) minPriceFen!: number | null;
  @ApiProperty({ type: [StorefrontSkuView] }) skus!: StorefrontSkuView[];
}

/** Everything an admin edits; `version` is also the ETag (send it back as If-Match). */
export class AdminProductView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() pinyin!: string;
  @ApiProperty() initials!: string;
  @ApiProperty({ type: 'string', nullable: true }) description!: string | null;
  @ApiProperty() categoryId!: string;
  @ApiProperty() farmId!: string;
  @ApiProperty() organic!: boolean;
  @ApiProperty({ type: 'string', nullable: true }) organicCertificateNo!: string | null;
  @ApiProperty({ enum: ['draft', 'active', 'archived'] }) status!: string;
  @ApiProperty({ type: [String] }) imageIds!: string[];
  @ApiProperty({ type: 'integer', nullable: true }) minPriceFen!: number | null;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: [AdminSkuView] }) skus!: AdminSkuView[];
}

export class AdminProductListItemView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() categoryId!: string;
  @ApiProperty() farmId!: string;
  @ApiProperty({ enum: ['draft', 'active', 'archived'] }) status!: string;
  @ApiProperty({ type: 'integer', nullable: true }) minPriceFen!: number | null;
  @ApiProperty({ type: 'integer' }) version!: number;
}

export class AdminProductListView {
  @ApiProperty({ type: [AdminProductListItemView] }) items!: AdminProductListItemView[];
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last.',
  })
  nextCursor!: string | null;
}

/** A product as a line of a listing or a search result. */
export class ProductHitView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() categoryId!: string;
  @ApiProperty() farmId!: string;
  @ApiProperty() organic!: boolean;
  @ApiProperty({ type: 'integer', nullable: true }) minPriceFen!: number | null;
  @ApiProperty({ type: 'string', nullable: true }) imageId!: string | null;
}

export class ProductPageView {
  @ApiProperty({ type: [ProductHitView] }) items!: ProductHitView[];
  @ApiProperty({ type: 'string', nullable: true }) nextCursor!: string | null;
}

export class SkuAvailabilityView {
  @ApiProperty() skuId!: string;
  @ApiProperty({ example: 'fc-shanghai-1' }) fulfillmentCenterId!: string;
  @ApiProperty({ type: 'integer' }) available!: number;
}

export class ProductAvailabilityView {
  @ApiProperty() productId!: string;
  @ApiProperty({ type: [SkuAvailabilityView] }) items!: SkuAvailabilityView[];
}
