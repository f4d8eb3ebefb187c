import { ApiProperty } from '@nestjs/swagger';
import { TEMPERATURE_CLASSES } from '@harvest/contracts/produce';

class DeliveryZoneView {
  @ApiProperty({ example: 'sh-pudong' }) id!: string;
  @ApiProperty({ example: '上海浦东' }) name!: string;
}

export class DeliveryZonesView {
  @ApiProperty({ type: [DeliveryZoneView] }) zones!: DeliveryZoneView[];
}

export class StockView {
  @ApiProperty() skuId!: string;
  @ApiProperty() fulfillmentCenterId!: string;
  @ApiProperty({ type: 'integer' }) sellable!: number;
  @ApiProperty({ type: 'integer' }) sellableVersion!: number;
  @ApiProperty({ type: 'integer' }) reserved!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) available!: number;
}

class FulfillmentCenterView {
  @ApiProperty({ example: 'fc-shanghai-1' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: TEMPERATURE_CLASSES, isArray: true }) temperatureClasses!: string[];
}

export class FulfillmentCentersView {
  @ApiProperty({ type: [FulfillmentCenterView] }) fulfillmentCenters!: FulfillmentCenterView[];
}
