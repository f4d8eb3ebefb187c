import { IsCalendarDate } from '@harvest/platform/http';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class WasteQueryDto {
  @IsString() @MaxLength(64) fulfillmentCenterId!: string;
  /** First China calendar day of the period. */
  @IsCalendarDate() from!: string;
  /** Last China calendar day of the period (included). */
  @IsCalendarDate() to!: string;
}

class WasteRowView {
  @ApiProperty() skuId!: string;
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'null for stock not received against a farm notice',
  })
  farmId!: string | null;
  @ApiProperty({ enum: ['spoilage', 'damage', 'qa-discard'] }) reason!: string;
  @ApiProperty({ type: 'integer', description: 'pieces, or grams for a weighed SKU' }) units!: number;
}

export class WasteReportView {
  @ApiProperty() fulfillmentCenterId!: string;
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ type: [WasteRowView], description: 'most units first' }) rows!: WasteRowView[];
}
