import { PAYMENT_CHANNELS } from '@harvest/platform/payments';
import { ApiProperty } from '@nestjs/swagger';
import { PAYMENT_STATUSES } from '../domain/payment-rules';
import { REFUND_STATUSES } from '../domain/refund-rules';

/** What the client needs to let the customer pay: the QR code to show (or open in the wallet app). */
export class PaymentView {
  @ApiProperty({ format: 'uuid' }) paymentId!: string;
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ enum: PAYMENT_CHANNELS }) channel!: string;
  @ApiProperty({ enum: PAYMENT_STATUSES }) status!: string;
  @ApiProperty({ description: 'Integer fen, the order total.' }) amountFen!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'weixin://wxpay/bizpayurl?… or https://qr.alipay.com/…, shown as a QR code',
  })
  codeUrl!: string | null;
  @ApiProperty({ format: 'date-time', description: 'After this the provider takes no money for it.' })
  expiresAt!: string;
}

/** WeChat Pay's "received" answer to a notification. */
export class WechatNotificationAnswer {
  @ApiProperty({ enum: ['SUCCESS'] }) code!: string;
  @ApiProperty() message!: string;
}

/** One state a payment or a refund passed through: who, when, and the provider's reference. */
export class PaymentAuditView {
  @ApiProperty({ type: String, nullable: true }) from!: string | null;
  @ApiProperty() to!: string;
  @ApiProperty({
    description: 'customer:<id>, provider:<channel>, system:payment-query, system:refund-execution, …',
  })
  actor!: string;
  @ApiProperty({ type: String, nullable: true }) providerReference!: string | null;
  @ApiProperty({ type: String, nullable: true }) detail!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class PaymentSummaryView {
  @ApiProperty({ format: 'uuid' }) paymentId!: string;
  @ApiProperty({ enum: PAYMENT_CHANNELS }) channel!: string;
  @ApiProperty({ enum: PAYMENT_STATUSES }) status!: string;
  @ApiProperty() amountFen!: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) paidAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  /** Staff only. */
  @ApiProperty({ type: String, nullable: true, required: false }) outTradeNo?: string;
  @ApiProperty({ type: String, nullable: true, required: false }) providerTradeNo?: string | null;
  @ApiProperty({ type: [PaymentAuditView], required: false }) history?: PaymentAuditView[];
}

export class ProviderRefundView {
  @ApiProperty({ format: 'uuid' }) refundId!: string;
  @ApiProperty({ format: 'uuid' }) paymentId!: string;
  @ApiProperty() amountFen!: number;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: REFUND_STATUSES }) status!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  /** Staff only: the refund number, attempts, and why the last send did not settle it. */
  @ApiProperty({ required: false }) outRefundNo?: string;
  @ApiProperty({ required: false }) attempts?: number;
  @ApiProperty({ type: String, nullable: true, required: false }) lastError?: string | null;
  @ApiProperty({ type: String, nullable: true, required: false }) providerRefundNo?: string | null;
  @ApiProperty({ type: [PaymentAuditView], required: false }) history?: PaymentAuditView[];
}

export class OrderPaymentsView {
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ type: [PaymentSummaryView] }) payments!: PaymentSummaryView[];
  @ApiProperty({ type: [ProviderRefundView] }) refunds!: ProviderRefundView[];
}
