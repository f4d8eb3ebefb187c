import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TaskStatus } from '../domain/scan-steps';

/**
 * One pick of one lot from one bin for one order line; it is also the allocation (its quantity is held in
 * lot_stock.allocated until picked, shorted or withdrawn). A line that allocation could not cover gets a
 * task without lot or bin, recorded short (not_found) from the start.
 */
@Entity('pick_task')
export class PickTask {
  @PrimaryColumn({ type: 'varchar' }) id!: string;
  @Column({ name: 'order_id', type: 'varchar' }) orderId!: string;
  @Column({ name: 'fulfillment_center_id', type: 'varchar' }) fulfillmentCenterId!: string;
  @Column({ name: 'wave_id', type: 'varchar' }) waveId!: string;
  @Column({ name: 'sku_id', type: 'varchar' }) skuId!: string;
  @Column({ name: 'lot_id', type: 'varchar', nullable: true }) lotId!: string | null;
  @Column({ name: 'location_id', type: 'varchar', nullable: true }) locationId!: string | null;
  @Column({ type: 'int' }) quantity!: number;
  @Column({ name: 'picked_quantity', type: 'int', nullable: true }) pickedQuantity!: number | null;
  @Column({ type: 'varchar' }) status!: TaskStatus;
  @Column({ name: 'short_reason', type: 'varchar', nullable: true }) shortReason!: string | null;
  /** The picker working it: the badge they identified with on the device, or the token's subject. */
  @Column({ name: 'assigned_to', type: 'varchar', nullable: true }) assignedTo!: string | null;
  /** The token's subject that worked it: an enrolled handheld's service account. */
  @Column({ type: 'varchar', nullable: true }) device!: string | null;
}
