import { ApiProperty } from '@nestjs/swagger';

export class PaymentCallbackView {
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ enum: ['paid', 'already-paid', 'ignored'] }) outcome!: string;
}
