import type { Provider } from '@nestjs/common';
import { CALLCENTER_CONFIG, type CallcenterConfig } from '../../config/callcenter.config';
import { ORDERS_CLIENT } from './orders-client.port';
import { OrdersHttpAdapter } from './orders-http.adapter';

/** Both the service token secret and JWT_SECRET are optional in the shape; the platform already requires JWT_SECRET. */
export function createOrdersClient(config: CallcenterConfig): OrdersHttpAdapter {
  return new OrdersHttpAdapter({
    baseUrl: config.ORDERS_BASE_URL ?? null,
    timeoutMs: config.ORDERS_TIMEOUT_MS,
    token: {
      secret: config.SERVICE_TOKEN_SECRET ?? config.JWT_SECRET ?? '',
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
    },
  });
}

/** The orders service as agent actions (and the screen pop's recent orders) use it. */
export const ordersClientProvider: Provider = {
  provide: ORDERS_CLIENT,
  inject: [CALLCENTER_CONFIG],
  useFactory: createOrdersClient,
};
