import { IsCalendarDate } from '@harvest/platform/http';
import { IsString, MaxLength } from 'class-validator';

export class WaveQueryDto {
  @IsString() @MaxLength(64) fulfillmentCenterId!: string;
  /** Delivery date of the slots, YYYY-MM-DD. */
  @IsCalendarDate() date!: string;
}
