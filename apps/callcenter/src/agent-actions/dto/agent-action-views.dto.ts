import { ApiProperty } from '@nestjs/swagger';
import type { ProblemTypesByStatus } from '@harvest/platform/http';
import { AGENT_ACTIONS } from '../entities/agent-action.entity';

/**
 * Orders' answer to an agent's action, passed through unchanged: orders' staff order view (StaffOrderView in
 * orders' document). Described here by the fields callcenter and its console rely on; orders' document has
 * the rest.
 */
export class AgentOrderView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'pending_payment' }) status!: string;
  @ApiProperty({ example: 'demo-customer-001' }) customerId!: string;
  @ApiProperty({ type: 'integer' }) totalFen!: number;
  @ApiProperty({ type: 'integer' }) refundedFen!: number;
  @ApiProperty({ type: 'string', nullable: true }) placedByAgentId!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) callId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** Orders' refund answer (OrderRefundView in orders' document), passed through unchanged. */
export class AgentRefundView {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ type: 'integer' }) amountFen!: number;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

class AuditDetailView {
  @ApiProperty({ required: false }) status?: string;
  @ApiProperty({ type: 'integer', required: false }) totalFen?: number;
  @ApiProperty({ type: 'integer', required: false }) amountFen?: number;
  @ApiProperty({ required: false }) reason?: string;
}

export class AgentActionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() agentId!: string;
  @ApiProperty() callId!: string;
  @ApiProperty({ enum: AGENT_ACTIONS }) action!: string;
  @ApiProperty({ type: 'string', nullable: true }) customerId!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) orderId!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) idempotencyKey!: string | null;
  @ApiProperty({ type: AuditDetailView, description: 'What orders answered (status, amounts).' })
  detail!: AuditDetailView;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class AgentActionListView {
  @ApiProperty({ type: [AgentActionView] }) actions!: AgentActionView[];
}

/** What agent actions add of their own: the call must be the agent's, its caller the order's customer. */
export const AGENT_ACTION_RULES: ProblemTypesByStatus = {
  403: ['not-your-call', 'caller-not-identified', 'not-the-callers-customer'],
  503: ['orders-unavailable'],
};

/**
 * Orders' refusals, passed through as orders answered them (orders-refusal.ts): the problem types of orders'
 * own document for the route called (checkout, cancel, refund). Keep in step with orders' document.
 */
const ORDERS_ACTING_PARTY = ['agents-act-through-call-center', 'call-required', 'not-an-agent-action'];
export const ORDERS_CHECKOUT_REFUSALS: ProblemTypesByStatus = {
  400: ['customer-required', 'idempotency-key-required', 'validation-failed'],
  403: [...ORDERS_ACTING_PARTY, 'not-your-account'],
  409: ['out-of-stock', 'slot-full'],
  422: [
    'idempotency-key-reused',
    'invalid-order-lines',
    'slot-in-the-past',
    'slot-past-cutoff',
    'slot-wrong-zone',
    'temperature-class-not-served',
    'too-many-lines',
    'unknown-slot',
    'unknown-zone',
  ],
};
export const ORDERS_CANCEL_REFUSALS: ProblemTypesByStatus = {
  400: ['validation-failed'],
  403: ORDERS_ACTING_PARTY,
  404: ['not-found'],
  409: ['illegal-transition'],
};
export const ORDERS_REFUND_REFUSALS: ProblemTypesByStatus = {
  400: ['idempotency-key-required', 'validation-failed'],
  403: ORDERS_ACTING_PARTY,
  404: ['not-found'],
  409: ['not-paid', 'refund-exceeds-payment', 'refund-in-flight'],
  422: ['idempotency-key-reused'],
};
