import { TEMPERATURE_CLASSES, type TemperatureClass } from '@harvest/contracts/produce';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { MAX_PRICE_FEN } from '../../products/dto/sku-input.dto';
import { SEARCH_SORTS, type SearchSort } from '../product-search.port';

const ID = /^[A-Za-z0-9._-]{1,64}$/;
/** "a,b" or repeated parameters, both as a list. */
const list = ({ value }: { value: unknown }) =>
  (Array.isArray(value) ? value : String(value).split(',')).map((v) => String(v).trim()).filter(Boolean);

export class SearchQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @IsOptional()
  @Matches(ID, { message: 'category must be a category id' })
  category?: string;

  @IsOptional()
  @Transform(list)
  @ArrayMaxSize(20)
  @Matches(ID, { each: true, message: 'farm must be farm ids separated by commas' })
  farm?: string[];

  @IsOptional()
  @Transform(list)
  @ArrayMaxSize(4)
  @IsIn(TEMPERATURE_CLASSES, { each: true })
  temperature?: TemperatureClass[];

  @IsOptional()
  @IsIn(['true', 'false'])
  organic?: 'true' | 'false';

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE_FEN)
  priceMin?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE_FEN)
  priceMax?: number;

  /** The shopper's fulfillment center: adds the in-stock facet; with inStock=true it filters too. */
  @IsOptional()
  @Matches(ID, { message: 'fulfillmentCenterId must be a fulfillment center id' })
  fulfillmentCenterId?: string;

  @IsOptional()
  @IsIn(['true', 'false'])
  inStock?: 'true' | 'false';

  @IsOptional()
  @IsIn(SEARCH_SORTS)
  sort?: SearchSort;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  page?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  pageSize?: number;
}

export class SuggestQueryDto {
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  q!: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  size?: number;
}
