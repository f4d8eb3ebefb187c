import { ApiProperty } from '@nestjs/swagger';
import { TicketView } from '../../tickets/dto/ticket-views.dto';

class PopCustomerView {
  @ApiProperty({ example: 'demo-customer-001' }) customerId!: string;
  @ApiProperty({ example: '王小明' }) name!: string;
  @ApiProperty({
    description: 'In full: the pop goes only to the agent the call rings for.',
    example: '+8613800138001',
  })
  phone!: string;
}

class PopOrderSummaryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'paid' }) status!: string;
  @ApiProperty({ type: 'integer' }) totalFen!: number;
  @ApiProperty({ type: 'integer' }) refundedFen!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** One screen pop (screen-pop.service.ts ScreenPopPayload), as polled and as the stream's `data:`. */
export class ScreenPopView {
  @ApiProperty({ description: 'Increasing per agent: the cursor for `after` and the stream event id.' })
  popId!: string;
  @ApiProperty() callId!: string;
  @ApiProperty() agentId!: string;
  @ApiProperty({ type: 'string', nullable: true, example: '+8613800138001' }) callerNumber!: string | null;
  @ApiProperty({ type: PopCustomerView, nullable: true }) customer!: PopCustomerView | null;
  @ApiProperty({
    type: [PopOrderSummaryView],
    nullable: true,
    description: 'null when orders was not asked.',
  })
  recentOrders!: PopOrderSummaryView[] | null;
  @ApiProperty({ description: 'Orders could not be asked in time: the pop went out without orders.' })
  ordersUnavailable!: boolean;
  @ApiProperty({ type: [TicketView] }) openTickets!: TicketView[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ScreenPopListView {
  @ApiProperty({ type: [ScreenPopView] }) pops!: ScreenPopView[];
}

export class StreamTicketView {
  @ApiProperty({ description: 'Single use: opens the stream once.' }) ticket!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ example: '/screen-pops/stream?ticket=…' }) streamUrl!: string;
}
