import { SOLD_BY, SUBSTITUTIONS, TEMPERATURE_CLASSES } from '@harvest/contracts/produce';
import { ApiProperty } from '@nestjs/swagger';

const NOTICES = [
  'price-changed',
  'not-for-sale',
  'out-of-stock',
  'not-enough-stock',
  'temperature-class-not-served',
];

export class QuotedLineView {
  @ApiProperty() skuId!: string;
  @ApiProperty({ type: 'string', nullable: true }) name!: string | null;
  @ApiProperty({ type: 'string', enum: SOLD_BY, nullable: true }) soldBy!: string | null;
  @ApiProperty({ type: 'string', enum: TEMPERATURE_CLASSES, nullable: true }) temperatureClass!:
    string | null;
  @ApiProperty({ type: 'integer', nullable: true }) quantity!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) estimatedWeightGrams!: number | null;
  @ApiProperty({ enum: SUBSTITUTIONS }) substitution!: string;
  @ApiProperty({ type: 'integer', description: 'The price when the line was last written.' })
  priceWhenAddedFen!: number;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: "Today's price; null when no longer for sale.",
  })
  unitPriceFen!: number | null;
  @ApiProperty({ type: 'integer' }) lineTotalFen!: number;
  @ApiProperty() priceChanged!: boolean;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Units available at the center serving the address (pieces or grams); null without one.',
  })
  availableQuantity!: number | null;
  @ApiProperty({
    type: 'boolean',
    nullable: true,
    description: 'Whether that center keeps the SKU cold enough.',
  })
  temperatureServed!: boolean | null;
  @ApiProperty({ type: 'string', enum: NOTICES, isArray: true }) notices!: string[];
}

export class BasketView {
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) addressId!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) zoneId!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) fulfillmentCenterId!: string | null;
  @ApiProperty({ type: [QuotedLineView] }) lines!: QuotedLineView[];
  @ApiProperty({ type: 'integer' }) goodsFen!: number;
  @ApiProperty({ type: 'integer', nullable: true }) deliveryFeeFen!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) freeDeliveryFromFen!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) shortOfFreeDeliveryFen!: number | null;
  @ApiProperty({ type: 'integer' }) totalFen!: number;
  @ApiProperty() orderable!: boolean;
}
