import { IsInt, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { MAX_ORDER_TOTAL_FEN } from '../../orders/domain/order-limits';

export class AssignAreaDto {
  @IsString() @MaxLength(64) zoneId!: string;
}

export class ZoneDeliveryFeeDto {
  @IsInt() @Min(0) @Max(100_000) deliveryFeeFen!: number;
  /** Goods worth at least this are delivered free; null: never free. */
  @ValidateIf((_o, value) => value !== null)
  @IsInt()
  @Min(0)
  @Max(MAX_ORDER_TOTAL_FEN)
  freeDeliveryFromFen!: number | null;
}
