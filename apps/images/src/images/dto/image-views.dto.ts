import { ApiProperty } from '@nestjs/swagger';
import { VARIANT_FORMATS, VARIANT_PRESETS } from '../../variants/domain/variant-presets';

const IMAGE_ID_EXAMPLE = '65f1c0de4b1d2a0012ab34cd';

/** One rendered size, with a URL signed for a limited time (image-views.ts). */
export class PublicVariantView {
  @ApiProperty({ example: 'thumb.webp' }) name!: string;
  @ApiProperty({ enum: Object.keys(VARIANT_PRESETS) }) preset!: string;
  @ApiProperty({ enum: VARIANT_FORMATS }) format!: string;
  @ApiProperty({ type: 'integer', example: 160 }) width!: number;
  @ApiProperty({ type: 'integer', example: 160 }) height!: number;
  @ApiProperty({
    description: 'Relative to this service; signed (`ts`, `token`) until expiresAt.',
    example: `/images/${IMAGE_ID_EXAMPLE}/thumb.webp?ts=1765150000&token=0123456789abcdef0123456789abcdef`,
  })
  url!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

/** What the storefront, apps and agents see: dimensions and signed variant URLs, nothing about storage. */
export class PublicImageView {
  @ApiProperty({ pattern: '^[0-9a-f]{24}$', example: IMAGE_ID_EXAMPLE }) id!: string;
  @ApiProperty({ type: 'integer' }) width!: number;
  @ApiProperty({ type: 'integer' }) height!: number;
  @ApiProperty({ type: [PublicVariantView] }) variants!: PublicVariantView[];
}

export class AdminVariantView extends PublicVariantView {
  @ApiProperty({ type: 'integer' }) bytes!: number;
  @ApiProperty({ description: 'The stored file (FastDFS file id, or the local-disk key).' })
  objectId!: string;
}

/** What staff see: the public view plus hash, sizes, stored file ids, product links and the uploader. */
export class AdminImageView extends PublicImageView {
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the uploaded bytes.' }) sha256!: string;
  @ApiProperty({ enum: ['jpeg', 'png', 'webp'] }) format!: string;
  @ApiProperty({ type: 'integer' }) uploadBytes!: number;
  @ApiProperty({ type: 'integer' }) originalBytes!: number;
  @ApiProperty() originalObjectId!: string;
  @ApiProperty() uploadedBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: [String], example: ['demo-prod-0001'] }) productIds!: string[];
  @ApiProperty({ type: [AdminVariantView] }) declare variants: AdminVariantView[];
}

export class ProductImagesView {
  @ApiProperty({ example: 'demo-prod-0001' }) productId!: string;
  @ApiProperty({ type: [PublicImageView] }) images!: PublicImageView[];
}
