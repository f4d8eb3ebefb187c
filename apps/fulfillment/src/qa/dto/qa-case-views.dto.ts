import { ApiProperty } from '@nestjs/swagger';
import { QA_DECISIONS } from '../domain/qa-case-rules';

class QaCaseLotView {
  @ApiProperty() lotId!: string;
  @ApiProperty() lotBarcode!: string;
  @ApiProperty() skuId!: string;
  @ApiProperty({ type: 'integer', description: 'on hand in bins now' }) onHand!: number;
  @ApiProperty() qaHold!: boolean;
  @ApiProperty({ enum: QA_DECISIONS, nullable: true, type: 'string' }) decision!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) reason!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) decidedBy!: string | null;
}

export class QaCaseView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() excursionId!: string;
  @ApiProperty() fulfillmentCenterId!: string;
  @ApiProperty() roomId!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ type: [QaCaseLotView] }) lots!: QaCaseLotView[];
}

export class QaCaseListView {
  @ApiProperty({ type: [QaCaseView] }) qaCases!: QaCaseView[];
}
