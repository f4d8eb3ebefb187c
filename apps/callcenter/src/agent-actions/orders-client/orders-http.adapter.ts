import { ServiceTokenUnavailableError } from '@harvest/platform/http';
import type { AgentContext, OrderSummary, OrdersAnswer, OrdersClient } from './orders-client.port';
import { OrdersUnavailableError } from './orders-client.port';

/** The identity headers of one request to orders: this service's token, and the agent and call if any. */
export type OrdersRequestHeaders = (agent: AgentContext | null) => Promise<Record<string, string>>;

export interface OrdersHttpOptions {
  /** Null when orders is not configured: every call fails as unavailable. */
  baseUrl: string | null;
  timeoutMs: number;
  headers: OrdersRequestHeaders;
}

/**
 * Orders over HTTP as this service (its own token). An agent's action also names the agent and the call,
 * which orders records in its audit; this service has checked both before asking. Reads (the screen pop's
 * recent orders) name no one.
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
    let identity: Record<string, string>;
    try {
      identity = await this.options.headers(agent);
    } catch (error) {
      if (error instanceof ServiceTokenUnavailableError) throw new OrdersUnavailableError(error.message);
      throw error;
    }
    let response: Response;
    try {
      response = await fetch(new URL(path, this.options.baseUrl), {
        method,
        headers: {
          ...identity,
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
