import { ApiProperty } from '@nestjs/swagger';

class WeighedLineView {
  @ApiProperty() skuId!: string;
  @ApiProperty({ type: 'integer' }) actualWeightGrams!: number;
}

class PackedParcelView {
  @ApiProperty({ example: '<orderId>-P1' }) parcelId!: string;
  @ApiProperty({ example: 'insulated_box' }) packaging!: string;
  @ApiProperty({ example: 'gel_pack' }) coolant!: string;
  @ApiProperty({ type: 'integer' }) grossWeightGrams!: number;
  @ApiProperty({ type: 'integer' }) coolantGrams!: number;
  @ApiProperty({ type: 'integer' }) productGrams!: number;
  @ApiProperty({ type: [String] }) skuIds!: string[];
}

/** The fulfillment.packed event's payload, with each parcel's contents and weights. */
export class PackedOrderView {
  @ApiProperty() orderId!: string;
  @ApiProperty() fulfillmentCenterId!: string;
  @ApiProperty({ type: [WeighedLineView] }) weighedLines!: WeighedLineView[];
  @ApiProperty({ type: [PackedParcelView] }) parcels!: PackedParcelView[];
  @ApiProperty() packedBy!: string;
  @ApiProperty({ format: 'date-time' }) packedAt!: string;
}

/** The fulfillment.shipped event's payload. */
export class ShippedOrderView {
  @ApiProperty() orderId!: string;
  @ApiProperty() fulfillmentCenterId!: string;
  @ApiProperty({ example: 'sf-express' }) carrier!: string;
  @ApiProperty() trackingNumber!: string;
  @ApiProperty({ format: 'date-time' }) shippedAt!: string;
}

/** The fulfillment.delivered event's payload. */
export class DeliveredOrderView {
  @ApiProperty() orderId!: string;
  @ApiProperty() fulfillmentCenterId!: string;
  @ApiProperty() receivedBy!: string;
  @ApiProperty({ format: 'date-time' }) deliveredAt!: string;
}
