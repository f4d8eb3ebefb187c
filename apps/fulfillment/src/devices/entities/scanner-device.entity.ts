import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DeviceStatus } from '../domain/device-rules';

/**
 * An enrolled handheld: its center, its OAuth client at the issuer and who enrolled and disabled it. The
 * client's secret is not kept here (the device got it once); the issuer checks it.
 */
@Entity('scanner_device')
export class ScannerDevice {
  @PrimaryColumn({ type: 'char', length: 36 }) id!: string;
  @Column({ name: 'fulfillment_center_id', type: 'varchar' }) fulfillmentCenterId!: string;
  @Column({ type: 'varchar' }) label!: string;
  @Column({ type: 'varchar' }) status!: DeviceStatus;
  /** Null until the issuer has made the client. */
  @Column({ name: 'client_id', type: 'varchar', nullable: true }) clientId!: string | null;
  /** RFC 7592 registration URI and access token, for an issuer managed that way; null for Keycloak. */
  @Column({ name: 'management_handle', type: 'text', nullable: true, select: false })
  managementHandle!: string | null;
  @Column({ name: 'enrolled_by', type: 'varchar' }) enrolledBy!: string;
  @Column({ name: 'idempotency_key', type: 'varchar' }) idempotencyKey!: string;
  @Column({ name: 'request_hash', type: 'char', length: 64 }) requestHash!: string;
  @Column({ name: 'enrolled_at', type: 'datetime', precision: 3 }) enrolledAt!: Date;
  @Column({ name: 'updated_at', type: 'datetime', precision: 3 }) updatedAt!: Date;
  @Column({ name: 'disabled_at', type: 'datetime', precision: 3, nullable: true }) disabledAt!: Date | null;
  @Column({ name: 'disabled_by', type: 'varchar', nullable: true }) disabledBy!: string | null;
}
