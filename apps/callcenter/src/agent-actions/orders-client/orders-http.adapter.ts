import type { OrdersApi } from '@harvest/contracts/http-api';
import {
  ACTING_AGENT_HEADER,
  actingAgentHeaders,
  CALL_ID_HEADER,
  ServiceTokenUnavailableError,
} from '@harvest/platform/http';
import createClient, { type Client, type Middleware } from 'openapi-fetch';
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
 * How a request to orders is authenticated, kept apart from the calls (openapi-fetch middleware) so that the
 * way this service proves itself can change without touching them: this service's own client-credentials
 * token, plus the agent and the call when the request is an agent's action.
 */
export function identityMiddleware(headersOf: OrdersRequestHeaders): Middleware {
  return {
    async onRequest({ request }) {
      const agentId = request.headers.get(ACTING_AGENT_HEADER);
      const callId = request.headers.get(CALL_ID_HEADER);
      const identity = await headersOf(agentId && callId ? { agentId, callId } : null);
      for (const [name, value] of Object.entries(identity)) request.headers.set(name, value);
      return request;
    },
  };
}

/**
 * Orders over HTTP through the client generated from orders' OpenAPI document (openapi-fetch with
 * @harvest/contracts/http-api): paths, parameters and answers are checked against the contract at compile
 * time. An agent action names the agent and the call; reads (the screen pop's recent orders) name no one.
 */
export class OrdersHttpAdapter implements OrdersClient {
  private readonly client: Client<OrdersApi> | null;

  constructor(private readonly options: OrdersHttpOptions) {
    this.client = options.baseUrl ? createClient<OrdersApi>({ baseUrl: options.baseUrl }) : null;
    this.client?.use(identityMiddleware(options.headers));
  }

  async recentOrders(customerId: string, limit: number): Promise<OrderSummary[]> {
    const answer = await this.call((client, signal) =>
      client.GET('/orders', { params: { query: { customerId, limit } }, signal }),
    );
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
    const answer = await this.call((client, signal) =>
      client.GET('/orders/{id}', { params: { path: { id: orderId } }, signal }),
    );
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
    return this.call((client, signal) =>
      client.POST('/orders', {
        params: { header: { 'Idempotency-Key': idempotencyKey } },
        headers: actingHeaders(agent),
        // The agent's request, passed through as given: orders validates it and its refusal is the agent's answer.
        body: body as never,
        signal,
      }),
    );
  }

  cancelOrder(agent: AgentContext, orderId: string, note: string | undefined): Promise<OrdersAnswer> {
    return this.call((client, signal) =>
      client.POST('/orders/{id}/cancel', {
        params: { path: { id: orderId } },
        headers: actingHeaders(agent),
        body: note === undefined ? {} : { note },
        signal,
      }),
    );
  }

  refundOrder(
    agent: AgentContext,
    orderId: string,
    idempotencyKey: string,
    body: Record<string, unknown>,
  ): Promise<OrdersAnswer> {
    return this.call((client, signal) =>
      client.POST('/orders/{id}/refunds', {
        params: { path: { id: orderId }, header: { 'Idempotency-Key': idempotencyKey } },
        headers: actingHeaders(agent),
        body: body as never,
        signal,
      }),
    );
  }

  /** One request: unreachable, too slow, 5xx or unreadable is unavailable; any other answer is passed on. */
  private async call(
    request: (
      client: Client<OrdersApi>,
      signal: AbortSignal,
    ) => Promise<{ response: Response; data?: unknown; error?: unknown }>,
  ): Promise<OrdersAnswer> {
    if (!this.client)
      throw new OrdersUnavailableError('the orders service is not configured (set ORDERS_BASE_URL)');
    let answer: Awaited<ReturnType<typeof request>>;
    try {
      answer = await request(this.client, AbortSignal.timeout(this.options.timeoutMs));
    } catch (error) {
      if (error instanceof ServiceTokenUnavailableError) throw new OrdersUnavailableError(error.message);
      if (error instanceof SyntaxError) throw new OrdersUnavailableError('orders sent an unreadable answer');
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new OrdersUnavailableError(
        timedOut
          ? `orders did not answer within ${this.options.timeoutMs} ms`
          : 'orders could not be reached',
      );
    }
    const { response } = answer;
    if (response.status >= 500) throw new OrdersUnavailableError(`orders answered ${response.status}`);
    const body = (answer.data ?? answer.error ?? {}) as Record<string, unknown>;
    return { status: response.status, body: typeof body === 'object' && body !== null ? body : {} };
  }
}

function actingHeaders(agent: AgentContext): Record<string, string> {
  return actingAgentHeaders(agent.agentId, agent.callId);
}
