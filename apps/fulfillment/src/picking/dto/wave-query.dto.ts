import { IsString, Matches, MaxLength } from 'class-validator';

export class WaveQueryDto {
  @IsString() @MaxLength(64) fulfillmentCenterId!: string;
  /** Delivery date of the slots, YYYY-MM-DD. */
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' }) date!: string;
}
