import { ApiProperty } from '@nestjs/swagger';
import { SOLD_BY, TEMPERATURE_CLASSES } from '@harvest/contracts/produce';
import { TASK_STATUSES } from '../../picking/domain/scan-steps';
import { ORDER_STATUSES } from '../entities/fulfillment-order.entity';

class FulfillmentOrderLineView {
  @ApiProperty() orderId!: string;
  @ApiProperty({ example: 'demo-sku-0001' }) skuId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: SOLD_BY }) soldBy!: string;
  @ApiProperty({ enum: TEMPERATURE_CLASSES }) temperatureClass!: string;
  @ApiProperty({ type: 'integer' }) orderedQuantity!: number;
  @ApiProperty({ type: 'integer', nullable: true }) actualWeightGrams!: number | null;
}

class PickTaskSummaryView {
  @ApiProperty() taskId!: string;
  @ApiProperty() skuId!: string;
  @ApiProperty({ type: 'string', nullable: true }) lotId!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) lotBarcode!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) locationBarcode!: string | null;
  @ApiProperty() waveId!: string;
  @ApiProperty({ type: 'integer' }) quantity!: number;
  @ApiProperty({ type: 'integer', nullable: true }) pickedQuantity!: number | null;
  @ApiProperty({ enum: TASK_STATUSES }) status!: string;
  @ApiProperty({ type: 'string', nullable: true }) shortReason!: string | null;
}

class ParcelView {
  @ApiProperty() parcelId!: string;
  @ApiProperty() packaging!: string;
  @ApiProperty() coolant!: string;
  @ApiProperty({ type: 'integer' }) coolantGrams!: number;
  @ApiProperty({ type: 'integer' }) productGrams!: number;
  @ApiProperty({ type: 'integer' }) grossWeightGrams!: number;
}

/** An order as the floor sees it (fulfillment-orders.service.ts view): lines, pick tasks, parcels. */
export class FulfillmentOrderView {
  @ApiProperty() orderId!: string;
  @ApiProperty({ example: 'fc-shanghai-1' }) fulfillmentCenterId!: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status!: string;
  @ApiProperty({ type: 'string', nullable: true }) slotId!: string | null;
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) slotDate!: string | null;
  @ApiProperty({ type: 'string', nullable: true, example: '09:00' }) windowStart!: string | null;
  @ApiProperty({ type: 'string', nullable: true, example: '12:00' }) windowEnd!: string | null;
  @ApiProperty({ description: 'order.placed has arrived (with its lines).' }) placed!: boolean;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) paidAt!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) cancelledAt!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) pickedAt!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) pickedBy!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) packedAt!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) shippedAt!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) deliveredAt!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) carrier!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) trackingNumber!: string | null;
  @ApiProperty({ type: [FulfillmentOrderLineView] }) lines!: FulfillmentOrderLineView[];
  @ApiProperty({ type: [PickTaskSummaryView] }) tasks!: PickTaskSummaryView[];
  @ApiProperty({ type: [ParcelView] }) parcels!: ParcelView[];
}
