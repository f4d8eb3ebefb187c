import { IsInt, Max, Min } from 'class-validator';

export class SetSellableBaselineDto {
  /** Sellable stock until fulfillment's next count: pieces, or grams for a weighed SKU (100 t at most). */
  @IsInt() @Min(0) @Max(100_000_000) sellable!: number;
}
