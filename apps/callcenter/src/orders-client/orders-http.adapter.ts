import { issueToken } from '@harvest/platform/http';
import type { AgentContext, OrderSummary, OrdersAnswer, OrdersClient } from './orders-client.port';
import { OrdersUnavailableError } from './orders-client.port';

export interface OrdersHttpOptions {
  /** Null when orders is not configured: every call fails as unavailable. */
  baseUrl: string | null;
  timeoutMs: number;
  token: { secret: string; issuer: string; audience: string };
}

/** Subject of the token the screen pop reads orders with: an agent-role identity of this service. */
export const SCREEN_POP_SUBJECT = 'callcenter-screen-pop';

/**
 * Orders over HTTP with short-lived on-behalf-of tokens: agent actions are signed as the acting agent (orders
 * audits `agent:<id>` with the X-Call-Id), reads as this service's own agent-role identity.
 */
export class OrdersHttpAdapter implements OrdersClient {
  constructor(private readonly options: OrdersHttpOptions) {}

  async recentOrders(customerId: string, limit: number): Promise<OrderSummary[]> {
    const query = new URLSearchParams({ customerId, limit: String(limit) });
    const answer = await this.send(SCREEN_POP_SUBJECT, null, 'GET', `/orders?${query}`);
    if (answer.status !== 200) throw new OrdersUnavailableError(`orders answered ${answer.status} to the order list`);
    const orders = (answer.body.orders ?? []) as OrderSummary[];
    return orders.map(({ id, status, totalFen, refundedFen, createdAt }) => ({ id, status, totalFen, refundedFen, createdAt }));
  }

  placeOrder(agent: AgentContext, idempotencyKey: string, body: Record<string, unknown>): Promise<OrdersAnswer> {
    return this.send(agent.agentId, agent.callId, 'POST', '/orders', body, idempotencyKey);
  }

  cancelOrder(agent: AgentContext, orderId: string, note: string | undefined): Promise<OrdersAnswer> {
    return this.send(agent.agentId, agent.callId, 'POST', `/orders/${encodeURIComponent(orderId)}/cancel`, note === undefined ? {} : { note });
  }

  refundOrder(agent: AgentContext, orderId: string, idempotencyKey: string, body: Record<string, unknown>): Promise<OrdersAnswer> {
    return this.send(agent.agentId, agent.callId, 'POST', `/orders/${encodeURIComponent(orderId)}/refunds`, body, idempotencyKey);
  }

  private async send(agentId: string, callId: string | null, method: 'GET' | 'POST', path: string, body?: unknown, idempotencyKey?: string): Promise<OrdersAnswer> {
    if (!this.options.baseUrl) throw new OrdersUnavailableError('the orders service is not configured (set ORDERS_BASE_URL)');
    const token = await issueToken({ role: 'agent', subject: agentId }, this.options.token, { expiresIn: '2m' });
    let response: Response;
    try {
      response = await fetch(new URL(path, this.options.baseUrl), {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(callId ? { 'x-call-id': callId } : {}),
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new OrdersUnavailableError(timedOut ? `orders did not answer within ${this.options.timeoutMs} ms` : 'orders could not be reached');
    }
    if (response.status >= 500) throw new OrdersUnavailableError(`orders answered ${response.status}`);
    const text = await response.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      throw new OrdersUnavailableError('orders sent an unreadable answer');
    }
    return { status: response.status, body: parsed };
  }
}
