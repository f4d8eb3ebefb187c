import { IsCalendarDate } from '@harvest/platform/http';
import { IsInt, IsOptional, IsString, Matches, Max, Min, MaxLength } from 'class-validator';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export class ListSlotsQueryDto {
  @IsString() @MaxLength(64) zoneId!: string;
  @IsCalendarDate() from!: string;
  @IsOptional() @IsCalendarDate() to?: string;
}

export class CreateSlotDto {
  @IsString() @MaxLength(40) zoneId!: string;
  @IsCalendarDate() date!: string;
  @Matches(TIME, { message: 'windowStart must be HH:MM' }) windowStart!: string;
  @Matches(TIME, { message: 'windowEnd must be HH:MM' }) windowEnd!: string;
  /** Orders one zone's vans can deliver in one window. */
  @IsInt() @Min(1) @Max(10_000) capacity!: number;
  /** Booking closes this many minutes before the window starts. */
  @IsInt() @Min(0) @Max(7 * 24 * 60) cutoffMinutesBefore!: number;
}
