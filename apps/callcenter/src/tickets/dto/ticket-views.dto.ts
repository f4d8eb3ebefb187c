import { ApiProperty } from '@nestjs/swagger';
import { TICKET_KINDS, TICKET_RESOLUTIONS, TICKET_STATUSES } from '../domain/ticket-rules';

/** A complaint ticket (ticket-views.ts). */
export class TicketView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'demo-customer-001' }) customerId!: string;
  @ApiProperty({ type: 'string', nullable: true }) callId!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) orderId!: string | null;
  @ApiProperty({ enum: TICKET_KINDS }) kind!: string;
  @ApiProperty({ example: '收到的苹果有碰伤' }) description!: string;
  @ApiProperty({ type: [String], description: 'Photos held by the images service.' }) imageIds!: string[];
  @ApiProperty({ enum: TICKET_STATUSES }) status!: string;
  @ApiProperty({ enum: [...TICKET_RESOLUTIONS, null], type: 'string', nullable: true })
  resolution!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) resolutionAmountFen!: number | null;
  @ApiProperty({ type: 'string', nullable: true }) resolutionNote!: string | null;
  @ApiProperty() openedBy!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ format: 'date-time' }) slaDueAt!: string;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ type: 'string', nullable: true }) resolvedBy!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) resolvedAt!: string | null;
}

export class TicketListView {
  @ApiProperty({ type: [TicketView] }) tickets!: TicketView[];
}
