import { PAYMENT_CHANNELS, type PaymentChannel } from '@harvest/platform/payments';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

/** Which wallet the customer pays with. */
export class StartPaymentDto {
  @ApiProperty({ enum: PAYMENT_CHANNELS })
  @IsIn([...PAYMENT_CHANNELS])
  channel!: PaymentChannel;
}
