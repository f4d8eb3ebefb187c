import { ApiProperty } from '@nestjs/swagger';
import { TEMPERATURE_CLASSES } from '@harvest/contracts/produce';

export class CenterView {
  @ApiProperty({ example: 'fc-shanghai-1' }) id!: string;
  @ApiProperty({ example: '上海一号冷链仓 Shanghai FC 1' }) name!: string;
}

class CelsiusRangeView {
  @ApiProperty({ example: 0 }) min!: number;
  @ApiProperty({ example: 4 }) max!: number;
}

/** A cold room (facilities.service.ts RoomView). */
export class RoomView {
  @ApiProperty({ example: 'fc-shanghai-1-chl' }) id!: string;
  @ApiProperty({ example: 'fc-shanghai-1' }) fulfillmentCenterId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: TEMPERATURE_CLASSES }) temperatureClass!: string;
  @ApiProperty({ example: 2 }) setpointCelsius!: number;
  @ApiProperty({ description: 'A segmented room may switch between chilled and frozen.' })
  segmented!: boolean;
  @ApiProperty({ type: CelsiusRangeView, description: "The class's allowed range." })
  rangeCelsius!: CelsiusRangeView;
  @ApiProperty({ type: 'integer', description: 'Bins in the room.' }) locations!: number;
}

class LocationView {
  @ApiProperty({ example: 'fc-shanghai-1-chl-sh1-chl-01' }) id!: string;
  @ApiProperty({ example: 'SH1-CHL-01' }) barcode!: string;
}

export class CreatedLocationsView {
  @ApiProperty() roomId!: string;
  @ApiProperty({ type: [LocationView] }) locations!: LocationView[];
}
