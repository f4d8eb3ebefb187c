import { ApiProperty } from '@nestjs/swagger';

const STATUSES = ['applied', 'pending-approval', 'rejected'];

/** What the counter sees: the status only, never what the bin should have held (the count is blind). */
export class SubmittedCountView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() locationBarcode!: string;
  @ApiProperty({ enum: STATUSES }) status!: string;
}

class CountLineView {
  @ApiProperty() lotId!: string;
  @ApiProperty() lotBarcode!: string;
  @ApiProperty() skuId!: string;
  @ApiProperty({ type: 'integer', description: 'on hand in the bin when counted' }) expected!: number;
  @ApiProperty({ type: 'integer' }) counted!: number;
}

/** What a supervisor sees, to approve or reject. */
export class CycleCountView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() fulfillmentCenterId!: string;
  @ApiProperty() locationBarcode!: string;
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiProperty({ type: 'integer' }) expectedUnits!: number;
  @ApiProperty({ type: 'integer' }) countedUnits!: number;
  @ApiProperty({ type: 'integer', description: 'sum over lots of |counted - expected|' })
  varianceUnits!: number;
  @ApiProperty() countedBy!: string;
  @ApiProperty({ format: 'date-time' }) countedAt!: string;
  @ApiProperty({ type: 'string', nullable: true }) decidedBy!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) decisionNote!: string | null;
  @ApiProperty({ type: [CountLineView] }) lines!: CountLineView[];
}

export class CycleCountListView {
  @ApiProperty({ type: [CycleCountView] }) cycleCounts!: CycleCountView[];
}
