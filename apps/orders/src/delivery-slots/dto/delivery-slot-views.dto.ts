import { ApiProperty } from '@nestjs/swagger';

export class DeliverySlotView {
  @ApiProperty() id!: string;
  @ApiProperty() zoneId!: string;
  @ApiProperty({ format: 'date', example: '2026-12-08' }) date!: string;
  @ApiProperty({ example: '09:00' }) windowStart!: string;
  @ApiProperty({ example: '11:00' }) windowEnd!: string;
  @ApiProperty({ format: 'date-time' }) cutoffAt!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) remaining!: number;
  @ApiProperty() bookable!: boolean;
}

export class DeliverySlotListView {
  @ApiProperty({ type: [DeliverySlotView] }) slots!: DeliverySlotView[];
}
