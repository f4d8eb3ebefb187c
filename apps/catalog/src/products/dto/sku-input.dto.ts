import { SOLD_BY, TEMPERATURE_CLASSES, type SoldBy, type TemperatureClass } from '@harvest/contracts/produce';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

/** Highest price we accept for one piece or 500 g: 100 000 yuan; anything above is a typo. */
export const MAX_PRICE_FEN = 10_000_000;

export class SkuInputDto {
  /** Keep an existing SKU by naming its id; omit it for a new SKU (the service assigns one). */
  @IsOptional()
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
  @Max(3650)
  shelfLifeDays!: number;
}
