import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_LOT_QUANTITY } from '../../shared/domain/quantity-limits';

export class PutAwayDto {
  @IsString() @MaxLength(64) locationBarcode!: string;
  @IsInt() @Min(1) @Max(MAX_LOT_QUANTITY) quantity!: number;
}
