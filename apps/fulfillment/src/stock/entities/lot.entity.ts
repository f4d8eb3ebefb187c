import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One receipt of a SKU: pieces, or grams for a weighed SKU; dates are local calendar dates (YYYY-MM-DD). */
@Entity('lot')
export class Lot {
  @PrimaryColumn({ type: 'varchar' }) id!: string;
  @Column({ type: 'varchar' }) barcode!: string;
  @Column({ name: 'sku_id', type: 'varchar' }) skuId!: string;
  @Column({ name: 'fulfillment_center_id', type: 'varchar' }) fulfillmentCenterId!: string;
  @Column({ name: 'received_quantity', type: 'int' }) receivedQuantity!: number;
  /** Received but not yet put away into a bin. */
  @Column({ name: 'unplaced_quantity', type: 'int' }) unplacedQuantity!: number;
  @Column({ name: 'receipt_date', type: 'date' }) receiptDate!: string;
  @Column({ name: 'expiry_date', type: 'date' }) expiryDate!: string;
  @Column({ name: 'qa_hold', type: 'boolean' }) qaHold!: boolean;
  @Column({ name: 'hold_reason', type: 'varchar', nullable: true }) holdReason!: string | null;
  @Column({ name: 'received_by', type: 'varchar' }) receivedBy!: string;
}
