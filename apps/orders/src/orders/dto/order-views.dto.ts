import { ApiProperty } from '@nestjs/swagger';
import { SOLD_BY, SUBSTITUTIONS } from '@harvest/contracts/produce';
import type { ProblemTypesByStatus } from '@harvest/platform/http';
import { ORDER_STATUSES } from '../domain/order-state-machine';

class DeliveryAddressView {
  @ApiProperty({ example: 'sh-pudong' }) zoneId!: string;
  @ApiProperty({ example: '张三' }) recipient!: string;
  @ApiProperty({ example: '13800000000' }) phone!: string;
  @ApiProperty({ example: '上海' }) city!: string;
  @ApiProperty({ example: '世纪大道 100 号' }) street!: string;
}

class OrderLineView {
  @ApiProperty({ example: 'demo-sku-0001' }) skuId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: SOLD_BY }) soldBy!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Pieces; null for a line sold by weight.' })
  quantity!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) estimatedWeightGrams!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) actualWeightGrams!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) pickedQuantity!: number | null;
  @ApiProperty({ type: 'integer', example: 690 }) unitPriceFen!: number;
  @ApiProperty({ type: 'integer', example: 1380 }) lineTotalFen!: number;
  @ApiProperty({
    enum: SUBSTITUTIONS,
    description: 'What the customer allows should the warehouse run short: a similar item, or none.',
  })
  substitution!: string;
}

class RefundView {
  @ApiProperty() id!: string;
  @ApiProperty({ type: 'integer' }) amountFen!: number;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** What a customer sees of their own order. */
export class CustomerOrderView {
  @ApiProperty({ format: 'uuid', example: '0f8fad5b-d9cb-469f-a165-70867728950e' }) id!: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) paymentDueAt!: string | null;
  @ApiProperty({ type: DeliveryAddressView }) address!: DeliveryAddressView;
  @ApiProperty({
    type: 'string',
    format: 'uuid',
    nullable: true,
    description:
      "The customer's address-book entry (identity) of a basket checkout; null for a line-list checkout.",
  })
  addressId!: string | null;
  @ApiProperty({ example: 'sh-xuhui' }) zoneId!: string;
  @ApiProperty({ example: 'sh-pudong-2026-12-09-0900' }) slotId!: string;
  @ApiProperty({ type: 'integer', description: 'What the customer pays: the lines plus deliveryFeeFen.' })
  totalFen!: number;
  @ApiProperty({ type: 'integer', description: "The zone's delivery fee charged (0 when waived)." })
  deliveryFeeFen!: number;
  @ApiProperty({ type: 'integer' }) paidFen!: number;
  @ApiProperty({ type: 'integer' }) refundedFen!: number;
  @ApiProperty({ type: [OrderLineView] }) lines!: OrderLineView[];
  @ApiProperty({ type: [RefundView] }) refunds!: RefundView[];
}

class RefundLineView {
  @ApiProperty() skuId!: string;
  @ApiProperty({ type: 'integer' }) amountFen!: number;
}

class StaffRefundView extends RefundView {
  @ApiProperty({ type: 'string', nullable: true }) note!: string | null;
  @ApiProperty({ type: [RefundLineView] }) lines!: RefundLineView[];
  @ApiProperty() actor!: string;
  @ApiProperty({ type: 'string', nullable: true }) callId!: string | null;
}

class TransitionView {
  @ApiProperty({ type: 'string', nullable: true }) from!: string | null;
  @ApiProperty() to!: string;
  @ApiProperty() actor!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: 'string', nullable: true }) callId!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

/** Agents, admins and services also see where it ships from, who placed it and its audit trail. */
export class StaffOrderView extends CustomerOrderView {
  @ApiProperty() customerId!: string;
  @ApiProperty({ example: 'fc-shanghai-1' }) fulfillmentCenterId!: string;
  @ApiProperty({ type: 'string', nullable: true }) paymentId!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) placedByAgentId!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) callId!: string | null;
  @ApiProperty({ type: [StaffRefundView] }) declare refunds: StaffRefundView[];
  @ApiProperty({ type: [TransitionView] }) transitions!: TransitionView[];
}

/** The customer view for a customer, the staff view for everyone else. */
export const ORDER_VIEW = {
  schema: {
    anyOf: [
      { $ref: '#/components/schemas/StaffOrderView' },
      { $ref: '#/components/schemas/CustomerOrderView' },
    ],
  },
};

export class OrderSummaryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() customerId!: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status!: string;
  @ApiProperty() fulfillmentCenterId!: string;
  @ApiProperty({ type: 'integer' }) totalFen!: number;
  @ApiProperty({ type: 'integer' }) refundedFen!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class OrderListView {
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: [OrderSummaryView] }) orders!: OrderSummaryView[];
}

export class OrderRefundView {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ type: 'integer' }) amountFen!: number;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** Who may act on an order (actingPartyOf): agents only through the call center, within a call. */
export const ACTING_PARTY: ProblemTypesByStatus = {
  403: ['agents-act-through-call-center', 'not-an-agent-action', 'call-required'],
};
