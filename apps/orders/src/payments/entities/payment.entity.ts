import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PaymentChannel } from '@harvest/platform/payments';
import type { PaymentStatus } from '../domain/payment-rules';

/** One provider trade for one order through one channel (unique per order and channel). */
@Entity('payment')
export class Payment {
  @PrimaryColumn({ type: 'char' }) id!: string;
  @Column({ name: 'order_id', type: 'char' }) orderId!: string;
  @Column({ type: 'varchar' }) channel!: PaymentChannel;
  @Column({ name: 'out_trade_no', type: 'varchar' }) outTradeNo!: string;
  @Column({ name: 'amount_fen', type: 'int' }) amountFen!: number;
  @Column({ type: 'varchar' }) status!: PaymentStatus;
  /** The QR code URL the customer scans, once the provider gave it. */
  @Column({ name: 'code_url', type: 'varchar', nullable: true }) codeUrl!: string | null;
  @Column({ name: 'provider_trade_no', type: 'varchar', nullable: true }) providerTradeNo!: string | null;
  @Column({ name: 'paid_fen', type: 'int', nullable: true }) paidFen!: number | null;
  @Column({ name: 'paid_at', type: 'datetime', precision: 3, nullable: true }) paidAt!: Date | null;
  @Column({ name: 'expires_at', type: 'datetime', precision: 3 }) expiresAt!: Date;
  @Column({ name: 'query_attempts', type: 'int' }) queryAttempts!: number;
  @Column({ name: 'next_query_at', type: 'datetime', precision: 3 }) nextQueryAt!: Date;
  @Column({ name: 'created_by', type: 'varchar' }) createdBy!: string;
  @Column({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'datetime', precision: 3 }) updatedAt!: Date;
}
