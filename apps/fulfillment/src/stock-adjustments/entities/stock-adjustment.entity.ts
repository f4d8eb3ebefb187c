import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LedgerReason } from '../domain/adjustment-rules';

/** One change of a lot's stock made by hand, a count or QA: the ledger the waste report reads. */
@Entity('stock_adjustment')
export class StockAdjustment {
  @PrimaryColumn({ type: 'char', length: 36 }) id!: string;
  @Column({ name: 'lot_id', type: 'varchar' }) lotId!: string;
  /** Null when the units were not in a bin yet (discarded before put-away). */
  @Column({ name: 'location_id', type: 'varchar', nullable: true }) locationId!: string | null;
  @Column({ name: 'sku_id', type: 'varchar' }) skuId!: string;
  @Column({ name: 'fulfillment_center_id', type: 'varchar' }) fulfillmentCenterId!: string;
  @Column({ name: 'farm_id', type: 'varchar', nullable: true }) farmId!: string | null;
  @Column({ type: 'varchar' }) reason!: LedgerReason;
  /** Signed: negative for stock that left. */
  @Column({ name: 'quantity_delta', type: 'int' }) quantityDelta!: number;
  @Column({ type: 'varchar', nullable: true }) note!: string | null;
  @Column({ name: 'cycle_count_id', type: 'char', length: 36, nullable: true }) cycleCountId!: string | null;
  @Column({ name: 'qa_case_id', type: 'char', length: 36, nullable: true }) qaCaseId!: string | null;
  @Column({ name: 'adjusted_by', type: 'varchar' }) adjustedBy!: string;
  @Column({ name: 'adjusted_at', type: 'datetime', precision: 3 }) adjustedAt!: Date;
}
