import { ApiProperty } from '@nestjs/swagger';
import { TEMPERATURE_CLASSES } from '@harvest/contracts/produce';

export class RecordedReadingsView {
  @ApiProperty({
    type: 'integer',
    description: 'New readings stored (a repeat is neither stored nor counted).',
  })
  stored!: number;
  @ApiProperty({ type: [String], description: 'Excursions this batch raised.' }) excursionIds!: string[];
}

/** A room out of range for longer than the configured duration (entities/excursion.entity.ts). */
export class ExcursionView {
  @ApiProperty() id!: string;
  @ApiProperty() roomId!: string;
  @ApiProperty({ example: 'fc-shanghai-1' }) fulfillmentCenterId!: string;
  @ApiProperty({ enum: TEMPERATURE_CLASSES }) temperatureClass!: string;
  @ApiProperty({ format: 'date-time' }) outOfRangeSince!: string;
  @ApiProperty({ format: 'date-time' }) detectedAt!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) endedAt!: string | null;
  @ApiProperty({ example: 7.5 }) lastCelsius!: number;
  @ApiProperty({ type: 'integer', description: 'Lots put on QA hold.' }) lotsHeld!: number;
}
