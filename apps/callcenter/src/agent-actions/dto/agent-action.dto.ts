import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

class InCallDto {
  /** The call the agent acts in: audited here and sent to orders as X-Call-Id. */
  @IsString() @MaxLength(128) callId!: string;
}

export class PlaceOrderForCustomerDto extends InCallDto {
  @IsString() @MaxLength(64) customerId!: string;
  /** Orders' checkout body (address, slotId, lines); orders validates it and its 400 comes back as is. */
  @IsObject() checkout!: Record<string, unknown>;
}

export class CancelOrderForCustomerDto extends InCallDto {
  /** Orders keeps a cancellation's note after its reason in 512 characters: at most 480. */
  @IsOptional() @IsString() @MaxLength(480) note?: string;
}

export const REFUND_REASONS = ['goodwill', 'damaged_on_delivery', 'other'] as const;

export class RefundOrderForCustomerDto extends InCallDto {
  /** Orders' bound on an order total (1 000 000 yuan); orders checks it against what is unrefunded. */
  @IsInt() @Min(1) @Max(100_000_000) amountFen!: number;
  @IsIn(REFUND_REASONS) reason!: (typeof REFUND_REASONS)[number];
  @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class ListAgentActionsQueryDto {
  @IsOptional() @IsString() @MaxLength(128) callId?: string;
  @IsOptional() @IsString() @MaxLength(64) agentId?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}
