import { IsOmittable } from '@harvest/platform/http';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  TICKET_KINDS,
  TICKET_RESOLUTIONS,
  TICKET_STATUSES,
  type TicketKind,
  type TicketResolution,
  type TicketStatus,
} from '../domain/ticket-rules';

export class OpenTicketDto {
  @IsString() @MaxLength(64) customerId!: string;
  @IsIn(TICKET_KINDS) kind!: TicketKind;
  @IsString() @MinLength(1) @MaxLength(2000) description!: string;
  @IsOptional() @IsString() @MaxLength(128) callId?: string;
  @IsOptional() @IsString() @MaxLength(64) orderId?: string;
  /** Photo ids from the images service (uploaded by the customer or the agent). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, {
    each: true,
    message: 'each image id must be 1-64 letters, digits, _ or -',
  })
  imageIds?: string[];
}

export class ResolveTicketDto {
  @IsIn(TICKET_RESOLUTIONS) resolution!: TicketResolution;
  /** A refund is paid through orders within a call: the call the agent is handling now. */
  @IsOmittable() @IsString() @MaxLength(128) callId?: string;
  /** At most orders' bound on an order total (1 000 000 yuan). */
  @IsOmittable() @IsInt() @Min(1) @Max(100_000_000) amountFen?: number;
  @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class ListTicketsQueryDto {
  @IsOptional() @IsString() @MaxLength(64) customerId?: string;
  @IsOptional() @IsIn(TICKET_STATUSES) status?: TicketStatus;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}
