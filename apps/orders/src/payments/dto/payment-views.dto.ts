import { PAYMENT_CHANNELS } from '@harvest/platform/payments';
import { ApiProperty } from '@nestjs/swagger';
import { PAYMENT_STATUSES } from '../domain/payment-rules';

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
