import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ORDER_STATUSES, type OrderStatus } from '../domain/order-state-machine';

export class CancelOrderDto {
  @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export const MANUAL_REFUND_REASONS = ['goodwill', 'damaged_on_delivery', 'other'] as const;

export class RefundOrderDto {
  @IsInt() @Min(1) @Max(100_000_000) amountFen!: number;
  @IsIn(MANUAL_REFUND_REASONS) reason!: (typeof MANUAL_REFUND_REASONS)[number];
  @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class ListOrdersQueryDto {
  @IsOptional() @IsIn(ORDER_STATUSES) status?: OrderStatus;
  @IsOptional() @IsString() @MaxLength(64) customerId?: string;
  @IsOptional() @IsString() @MaxLength(64) fulfillmentCenterId?: string;
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}/, { message: 'createdFrom must be an ISO date' })
  createdFrom?: string;
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}/, { message: 'createdTo must be an ISO date' })
  createdTo?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}
