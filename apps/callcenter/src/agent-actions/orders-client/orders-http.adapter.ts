import { issueToken, type Principal } from '@harvest/platform/http';
import type { AgentContext, OrderSummary, OrdersAnswer, OrdersClient } from './orders-client.port';
import { OrdersUnavailableError } from './orders-client.port';

export interface OrdersHttpOptions {
  /** Null when orders is not configured: every call fails as unavailable. */
  baseUrl: string | null;
  timeoutMs: number;
  token: { secret: string; issuer: string; audience: string };
}

/** This service's identity towards orders: the one service orders accepts an agent's action from. */
export const CALL_CENTER_SERVICE = 'callcenter';

/** How long the token minted for one call to orders lives: the call's timeout with room to spare. */
const TOKEN_LIFETIME = '2m';

/**
 * Orders over HTTP with a short-lived token per call, as this service. An agent action's token also names the
 * agent (RFC 8693 `act`) and the call (`call_id`), which orders records in its audit; this service has
 * checked both before asking. Reads (the screen pop's recent orders) name no one.
 */
export class OrdersHttpAdapter implements OrdersClient {
  constructor(private readonly options: OrdersHttpOptions) {}

  async recentOrders(customerId: string, limit: number): Promise<OrderSummary[]> {
    const query = new URLSearchParams({ customerId, limit: String(limit) });
    const answer = await this.send(null, 'GET', `/orders?${query}`);
    if (answer.status !== 200)
      throw new OrdersUnavailableError(`orders answered ${answer.status} to the order list`);
    const orders = (answer.body.orders ?? []) as OrderSummary[];
    return orders.map(({ id, status, totalFen, refundedFen, createdAt }) => ({
      id,
      status,
      totalFen,
      refundedFen,
      createdAt,
    }));
  }

  async orderCustomer(orderId: string): Promise<string | null> {
    const answer = await this.send(null, 'GET', `/orders/${encodeURIComponent(orderId)}`);
    if (answer.status === 404) return null;
    if (answer.status !== 200 || typeof answer.body.customerId !== 'string')
      throw new OrdersUnavailableError(`orders answered ${answer.status} to the order read`);
    return answer.body.customerId;
  }

  placeOrder(
    agent: AgentContext,
    idempotencyKey: string,
    body: Record<string, unknown>,
  ): Promise<OrdersAnswer> {
    return this.send(agent, 'POST', '/orders', body, idempotencyKey);
  }

  cancelOrder(agent: AgentContext, orderId: string, note: string | undefined): Promise<OrdersAnswer> {
    return this.send(
      agent,
      'POST',
      `/orders/${encodeURIComponent(orderId)}/cancel`,
      note === undefined ? {} : { note },
    );
  }

  refundOrder(
    agent: AgentContext,
    orderId: string,
    idempotencyKey: string,
    body: Record<string, unknown>,
  ): Promise<OrdersAnswer> {
    return this.send(agent, 'POST', `/orders/${encodeURIComponent(orderId)}/refunds`, body, idempotencyKey);
  }

  private async send(
    agent: AgentContext | null,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<OrdersAnswer> {
    if (!this.options.baseUrl)
      throw new OrdersUnavailableError('the orders service is not configured (set ORDERS_BASE_URL)');
    const principal: Principal = {
      role: 'service',
      subject: CALL_CENTER_SERVICE,
      ...(agent ? { actor: { subject: agent.agentId }, callId: agent.callId } : {}),
    };
    const token = await issueToken(principal, this.options.token, { expiresIn: TOKEN_LIFETIME });
    let response: Response;
    try {
      response = await fetch(new URL(path, this.options.baseUrl), {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new OrdersUnavailableError(
        timedOut
          ? `orders did not answer within ${this.options.timeoutMs} ms`
          : 'orders could not be reached',
      );
    }
    if (response.status >= 500) throw new OrdersUnavailableError(`orders answered ${response.status}`);
    const text = await response.text();
    let parsed: Record<string, unknown>;
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      throw new OrdersUnavailableError('orders sent an unreadable answer');
    }
    return { status: response.status, body: parsed };
  }
}
