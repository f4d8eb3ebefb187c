import { SOLD_BY, TEMPERATURE_CLASSES, type SoldBy, type TemperatureClass } from '@harvest/contracts/produce';
import { IsOmittable } from '@harvest/platform/http';
import { IsIn, IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

/**
 * Highest price we accept for one piece or 500 g: 10 000 yuan (the dearest produce we sell is some hundreds of
 * yuan); anything above is a typo. It also keeps an order line (500 pieces at most) inside orders' columns.
 */
export const MAX_PRICE_FEN = 1_000_000;
/** Two years: dried and frozen goods keep long, nothing we sell keeps longer. */
export const MAX_SHELF_LIFE_DAYS = 730;

export class SkuInputDto {
  /** Keep an existing SKU by naming its id; omit it (not null) for a new SKU (the service assigns one). */
  @IsOmittable()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, {
    message: 'id must be 1-64 letters, digits, dots, dashes or underscores',
  })
  id?: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @IsIn(SOLD_BY)
  soldBy!: SoldBy;

  /** Integer fen, per piece or per 500 g. */
  @IsInt()
  @Min(1)
  @Max(MAX_PRICE_FEN)
  priceFen!: number;

  @IsIn(TEMPERATURE_CLASSES)
  temperatureClass!: TemperatureClass;

  @IsInt()
  @Min(1)
  @Max(MAX_SHELF_LIFE_DAYS)
  shelfLifeDays!: number;
}
