import { NestedObjects } from '@harvest/platform/http';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { PRODUCT_STATUSES, type ProductStatus } from '../entities/product.entity';
import { SkuInputDto } from './sku-input.dto';

const ID = /^[A-Za-z0-9._-]{1,64}$/;

/** A product with all its SKUs: create takes it as is, update replaces the product's state with it. */
export class ProductInputDto {
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @IsString()
  @Matches(ID, { message: 'categoryId must be a category id' })
  categoryId!: string;

  @IsString()
  @Matches(ID, { message: 'farmId must be a farm id' })
  farmId!: string;

  @IsBoolean()
  organic!: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  organicCertificateNo?: string;

  @IsOptional()
  @IsIn(PRODUCT_STATUSES)
  status?: ProductStatus;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(ID, { each: true, message: 'each image id must be an id issued by the images service' })
  imageIds?: string[];

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @NestedObjects(() => SkuInputDto)
  skus!: SkuInputDto[];
}

export class CreateProductDto extends ProductInputDto {
  /** Optional caller-chosen id (imports, demo data); otherwise a UUID. */
  @IsOptional()
  @IsString()
  @Matches(ID, { message: 'id must be 1-64 letters, digits, dots, dashes or underscores' })
  id?: string;
}
