import type { Substitution } from '@harvest/contracts/produce';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One SKU in a basket: pieces or estimated grams, the substitution choice and the price the customer saw. */
@Entity('basket_line')
export class BasketLine {
  @PrimaryColumn({ name: 'customer_id', type: 'varchar' }) customerId!: string;
  @PrimaryColumn({ name: 'sku_id', type: 'varchar' }) skuId!: string;
  @Column({ type: 'int', nullable: true }) quantity!: number | null;
  @Column({ name: 'estimated_weight_grams', type: 'int', nullable: true }) estimatedWeightGrams!:
    number | null;
  @Column({ type: 'varchar' }) substitution!: Substitution;
  /** The price (per piece or per 500 g) when the line was last written: the quote reports a change since. */
  @Column({ name: 'price_when_added_fen', type: 'int' }) priceWhenAddedFen!: number;
  @Column({ name: 'added_at', type: 'datetime', precision: 3 }) addedAt!: Date;
}
