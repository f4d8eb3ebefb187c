import { DomainError } from '@harvest/platform/errors';

/** An order as the screen pop shows it (orders' summary view). */
export interface OrderSummary {
  id: string;
  status: string;
  totalFen: number;
  refundedFen: number;
  createdAt: string;
}

/** The agent acting, and the call they act in: orders records both in its audit trail. */
export interface AgentContext {
  agentId: string;
  callId: string;
}

/** Orders' answer, passed through: its status and body (an order view or a problem). */
export interface OrdersAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** The orders service as this service uses it. Agent actions carry an Idempotency-Key, the agent and the call. */
export interface OrdersClient {
  recentOrders(customerId: string, limit: number): Promise<OrderSummary[]>;
  /** The customer an order is for; null when orders has no such order. */
  orderCustomer(orderId: string): Promise<string | null>;
  placeOrder(
    agent: AgentContext,
    idempotencyKey: string,
    body: Record<string, unknown>,
  ): Promise<OrdersAnswer>;
  cancelOrder(agent: AgentContext, orderId: string, note: string | undefined): Promise<OrdersAnswer>;
  refundOrder(
    agent: AgentContext,
    orderId: string,
    idempotencyKey: string,
    body: Record<string, unknown>,
  ): Promise<OrdersAnswer>;
}

export const ORDERS_CLIENT = Symbol('ORDERS_CLIENT');

/** Orders could not be reached, timed out or answered 5xx: the agent gets a 503 (orders-unavailable). */
export class OrdersUnavailableError extends DomainError {
  constructor(message: string) {
    super('unavailable', 'orders-unavailable', message);
  }
}

/**
 * Orders' own refusal of an agent's action (validation, stock, state): its status and problem are the agent's
 * answer, unchanged. They are orders' problem types, not ours, so no domain error holds them: the controllers
 * pass them through (orders-refusal.ts).
 */
export class OrdersRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Record<string, unknown>,
  ) {
    super(`orders refused the action (${status})`);
  }
}
