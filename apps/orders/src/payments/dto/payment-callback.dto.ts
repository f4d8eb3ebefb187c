import { IsIn, IsInt, IsString, IsUUID, MaxLength, Min } from 'class-validator';

/** What the payment provider tells us: references and an amount only, never card data. */
export class PaymentCallbackDto {
  @IsString() @MaxLength(128) paymentId!: string;
  @IsUUID() orderId!: string;
  @IsInt() @Min(0) amountFen!: number;
  @IsIn(['succeeded', 'failed']) status!: 'succeeded' | 'failed';
}
