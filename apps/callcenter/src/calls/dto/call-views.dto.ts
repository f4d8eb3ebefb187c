import { ApiProperty } from '@nestjs/swagger';
import { CALL_STATUSES } from '../domain/call-state';

/** A call as agents and admins see it (call-views.ts): the number in full only for the agent on the call. */
export class CallView {
  @ApiProperty({ example: 'skyline-call-0001' }) callId!: string;
  @ApiProperty({ example: 'skyline' }) vendor!: string;
  @ApiProperty({ enum: ['inbound', 'outbound'] }) direction!: string;
  @ApiProperty({ enum: CALL_STATUSES }) status!: string;
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'E.164 for the agent on the call, masked (`+861380****8001`) for everyone else.',
    example: '+861380****8001',
  })
  customerNumber!: string | null;
  @ApiProperty({ type: 'string', nullable: true, example: 'demo-customer-001' }) customerId!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) agentId!: string | null;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) answeredAt!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) endedAt!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) durationSeconds!: number | null;
  @ApiProperty() hasRecording!: boolean;
  @ApiProperty({ enum: ['webhook', 'click_to_call', 'reconciliation'] }) source!: string;
}

/** A short-lived link from the vendor, fetched on every request and never stored. */
export class RecordingLinkView {
  @ApiProperty() callId!: string;
  @ApiProperty({ format: 'uri' }) url!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

export class ReconciliationReportView {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ type: 'integer', description: "The vendor's call records in the window." })
  examined!: number;
  @ApiProperty({ type: 'integer', description: 'Of those, the calls this service had missed.' })
  created!: number;
}
