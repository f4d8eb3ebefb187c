import { IsInt, IsOptional, IsString, Matches, Max, Min, MaxLength } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export class ListSlotsQueryDto {
  @IsString() @MaxLength(64) zoneId!: string;
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' }) from!: string;
  @IsOptional() @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' }) to?: string;
}

export class CreateSlotDto {
  @IsString() @MaxLength(40) zoneId!: string;
  @Matches(DATE, { message: 'date must be a date YYYY-MM-DD' }) date!: string;
  @Matches(TIME, { message: 'windowStart must be HH:MM' }) windowStart!: string;
  @Matches(TIME, { message: 'windowEnd must be HH:MM' }) windowEnd!: string;
  @IsInt() @Min(1) @Max(10_000) capacity!: number;
  /** Booking closes this many minutes before the window starts. */
  @IsInt() @Min(0) @Max(7 * 24 * 60) cutoffMinutesBefore!: number;
}
