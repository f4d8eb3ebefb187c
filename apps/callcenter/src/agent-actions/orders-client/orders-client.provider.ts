import type { Provider } from '@nestjs/common';
import {
  actingAgentHeaders,
  ClientCredentials,
  HTTP_CONFIG,
  ServiceTokenUnavailableError,
  type HttpConfig,
} from '@harvest/platform/http';
import { CALLCENTER_CONFIG, type CallcenterConfig } from '../../config/callcenter.config';
import { ORDERS_CLIENT, type AgentContext } from './orders-client.port';
import { OrdersHttpAdapter, type OrdersRequestHeaders } from './orders-http.adapter';

/**
 * Who this service is towards orders: its own client-credentials token (client AUTH_CLIENT_ID, cached until
 * shortly before it expires) and, for an agent's action, the agent and the call (X-Acting-Agent, X-Call-Id),
 * which orders accepts only on a token issued to callcenter. Kept apart from the request code, which any
 * HTTP client (a generated one included) can take headers from.
 */
export function callcenterIdentityHeaders(credentials: ClientCredentials | null): OrdersRequestHeaders {
  return async (agent: AgentContext | null) => ({
    ...(await tokenOf(credentials)),
    ...(agent ? actingAgentHeaders(agent.agentId, agent.callId) : {}),
  });
}

function tokenOf(credentials: ClientCredentials | null): Promise<{ authorization: string }> {
  if (!credentials)
    throw new ServiceTokenUnavailableError('callcenter has no client secret (set AUTH_CLIENT_SECRET)');
  return credentials.authorization();
}

export function createOrdersClient(config: CallcenterConfig, http: HttpConfig): OrdersHttpAdapter {
  const credentials = config.AUTH_CLIENT_SECRET
    ? new ClientCredentials({
        issuerUrl: http.AUTH_ISSUER_URL,
        clientId: config.AUTH_CLIENT_ID,
        clientSecret: config.AUTH_CLIENT_SECRET,
        timeoutMs: config.ORDERS_TIMEOUT_MS,
      })
    : null;
  return new OrdersHttpAdapter({
    baseUrl: config.ORDERS_BASE_URL ?? null,
    timeoutMs: config.ORDERS_TIMEOUT_MS,
    headers: callcenterIdentityHeaders(credentials),
  });
}

/** The orders service as agent actions (and the screen pop's recent orders) use it. */
export const ordersClientProvider: Provider = {
  provide: ORDERS_CLIENT,
  inject: [CALLCENTER_CONFIG, HTTP_CONFIG],
  useFactory: createOrdersClient,
};
