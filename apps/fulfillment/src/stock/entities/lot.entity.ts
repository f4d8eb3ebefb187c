import { Column, Entity, PrimaryColumn } from 'typeorm';
import { decimalTransformer } from '../../shared/decimal-transformer';

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
  /** Where a lot received against a farm's notice came from (null for a lot received without one). */
  @Column({ name: 'expected_delivery_id', type: 'char', length: 36, nullable: true })
  expectedDeliveryId?: string | null;
  @Column({ name: 'farm_id', type: 'varchar', nullable: true }) farmId?: string | null;
  @Column({ name: 'harvest_date', type: 'date', nullable: true }) harvestDate?: string | null;
  @Column({
    name: 'dock_celsius',
    type: 'decimal',
    precision: 5,
    scale: 2,
    nullable: true,
    transformer: decimalTransformer,
  })
  dockCelsius?: number | null;
}
