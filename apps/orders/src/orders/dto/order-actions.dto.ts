import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_CANCEL_NOTE_LENGTH, MAX_ORDER_TOTAL_FEN } from '../domain/order-limits';
import { ORDER_STATUSES, type OrderStatus } from '../domain/order-state-machine';

export class CancelOrderDto {
  @IsOptional() @IsString() @MaxLength(MAX_CANCEL_NOTE_LENGTH) note?: string;
}

export const MANUAL_REFUND_REASONS = ['goodwill', 'damaged_on_delivery', 'other'] as const;

export class RefundOrderDto {
  @IsInt() @Min(1) @Max(MAX_ORDER_TOTAL_FEN) amountFen!: number;
  @IsIn(MANUAL_REFUND_REASONS) reason!: (typeof MANUAL_REFUND_REASONS)[number];
  @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class ListOrdersQueryDto {
  @IsOptional() @IsIn(ORDER_STATUSES) status?: OrderStatus;
  @IsOptional() @IsString() @MaxLength(64) customerId?: string;
  @IsOptional() @IsString() @MaxLength(64) fulfillmentCenterId?: string;
  @IsOptional() @IsISO8601({ strict: true }) createdFrom?: string;
  @IsOptional() @IsISO8601({ strict: true }) createdTo?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  /** Deeper pages are for a report, not this list. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(100_000) offset?: number;
}
