import { IsInt, Max, Min } from 'class-validator';

export class SetStockDto {
  /** Counted stock: pieces, or grams for a weighed SKU. */
  @IsInt() @Min(0) @Max(100_000_000) onHand!: number;
}
