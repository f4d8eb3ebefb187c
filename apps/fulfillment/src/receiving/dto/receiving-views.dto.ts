import { TEMPERATURE_CLASSES } from '@harvest/contracts/produce';
import { ApiProperty } from '@nestjs/swagger';

const LINE_STATUSES = ['pending', 'complete', 'short', 'over', 'unexpected'];

export class DeliveryLineView {
  @ApiProperty() skuId!: string;
  @ApiProperty({ type: 'integer', description: '0 for a SKU that came without being announced' })
  expectedQuantity!: number;
  @ApiProperty({ type: 'integer' }) receivedQuantity!: number;
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) harvestDate!: string | null;
  @ApiProperty({ enum: LINE_STATUSES, description: 'pending while open; short once closed below expected' })
  status!: string;
}

export class ExpectedDeliveryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'fc-beijing-1' }) fulfillmentCenterId!: string;
  @ApiProperty({ example: 'farm-hebei-1' }) farmId!: string;
  @ApiProperty({ type: 'string', nullable: true }) reference!: string | null;
  @ApiProperty({ format: 'date' }) expectedOn!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: string;
  @ApiProperty({ type: [DeliveryLineView] }) lines!: DeliveryLineView[];
}

export class ReceivedLotView {
  @ApiProperty() id!: string;
  @ApiProperty() barcode!: string;
  @ApiProperty() skuId!: string;
  @ApiProperty() fulfillmentCenterId!: string;
  @ApiProperty({ type: 'integer' }) receivedQuantity!: number;
  @ApiProperty({ type: 'integer' }) unplacedQuantity!: number;
  @ApiProperty({ format: 'date' }) receiptDate!: string;
  @ApiProperty({ format: 'date' }) harvestDate!: string;
  @ApiProperty({ format: 'date' }) expiryDate!: string;
  @ApiProperty() farmId!: string;
  @ApiProperty() dockCelsius!: number;
  @ApiProperty({
    description: 'true when the dock temperature was out of range: not sellable until QA releases it',
  })
  qaHold!: boolean;
  @ApiProperty({ type: 'string', nullable: true }) holdReason!: string | null;
}

class SuggestedLocationView {
  @ApiProperty() barcode!: string;
  @ApiProperty() roomId!: string;
  @ApiProperty() roomName!: string;
  @ApiProperty({ enum: TEMPERATURE_CLASSES }) roomTemperatureClass!: string;
}

class PutAwaySuggestionView {
  @ApiProperty({ enum: TEMPERATURE_CLASSES }) temperatureClass!: string;
  @ApiProperty({
    type: [SuggestedLocationView],
    description: 'best first; put away with POST /lots/{id}/put-away',
  })
  suggestedLocations!: SuggestedLocationView[];
}

export class ReceiptView {
  @ApiProperty({ type: ReceivedLotView }) lot!: ReceivedLotView;
  @ApiProperty({ type: DeliveryLineView }) line!: DeliveryLineView;
  @ApiProperty({ type: PutAwaySuggestionView }) putAway!: PutAwaySuggestionView;
}
