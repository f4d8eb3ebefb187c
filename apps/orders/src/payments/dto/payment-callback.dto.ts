import { IsIn, IsInt, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { MAX_ORDER_TOTAL_FEN } from '../../orders/domain/order-limits';

/** What the payment provider tells us: references and an amount only, never card data. */
export class PaymentCallbackDto {
  @IsString() @MaxLength(128) paymentId!: string;
  @IsUUID() orderId!: string;
  @IsInt() @Min(0) @Max(MAX_ORDER_TOTAL_FEN) amountFen!: number;
  @IsIn(['succeeded', 'failed']) status!: 'succeeded' | 'failed';
}
