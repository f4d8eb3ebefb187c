import { env, loadConfig, z, type Env } from '@harvest/platform/config';
import { createPaymentProviders, paymentsEnvShape } from '@harvest/platform/payments';
import { serviceClientConfigShape } from '@harvest/platform/http';

/** The orders service's own settings, validated at start next to the platform's. */
export const ordersConfigShape = {
  /** How long a placed order holds its stock and slot unpaid before the expiry job cancels it. */
  ORDERS_PAYMENT_TIMEOUT_SECONDS: env.int(15 * 60, 1),
  /** How often the expiry job looks for lapsed reservations; 0 turns the job off. */
  ORDERS_EXPIRY_SWEEP_MS: env.int(10_000, 0),
  ORDERS_MAX_LINES: env.int(50, 1),
  /** HMAC-SHA256 key shared with the payment provider; without it the callback refuses every request. */
  PAYMENT_CALLBACK_SECRET: z.string().min(32, 'must be at least 32 characters (HMAC key)').optional(),
  /** A signed callback older (or newer) than this is refused as a possible replay. */
  PAYMENT_CALLBACK_MAX_SKEW_SECONDS: env.int(300, 1),
  /** Providers (PAYMENT_PROVIDERS=wechatpay,alipay), their keys and the notify base URL; none by default. */
  ...paymentsEnvShape,
  /** The first active query of an unsettled provider payment, this long after it was opened (then backing off). */
  PAYMENT_QUERY_AFTER_SECONDS: env.int(60, 1),
  /** How often the query job looks for unsettled payments that are due a query; 0 turns the job off. */
  PAYMENT_QUERY_SWEEP_MS: env.int(15_000, 0),
  /** How often queued provider refunds are sent; 0 turns the job off. */
  REFUND_SWEEP_MS: env.int(5_000, 0),
  /** A refund the provider did not take is sent again after this, doubling each time up to 30 minutes. */
  REFUND_RETRY_AFTER_SECONDS: env.int(5, 1),
  /**
   * Identity's base URL: a basket checkout reads the customer's address (and phone) there, the one owner of
   * customers' personal data. Unset: basket address choice and checkout answer 503.
   */
  ORDERS_IDENTITY_URL: z.string().url().optional(),
  ORDERS_IDENTITY_TIMEOUT_MS: env.int(2000, 1),
  /** This service's client at the issuer, for its own client-credentials token towards identity. */
  AUTH_CLIENT_ID: env.string('orders'),
  AUTH_CLIENT_SECRET: serviceClientConfigShape.AUTH_CLIENT_SECRET,
};

export type OrdersConfig = z.infer<z.ZodObject<typeof ordersConfigShape>>;

export const ORDERS_CONFIG = Symbol('ORDERS_CONFIG');

/** The notification route of each provider channel (the payments feature serves it). */
export const paymentNotificationPath = (channel: string) => `/payments/notifications/${channel}`;

export function loadOrdersConfig(environment: Env): OrdersConfig {
  const config = loadConfig(ordersConfigShape, environment);
  // Built once here only to refuse missing or unreadable provider keys at start, with the other settings.
  createPaymentProviders(config, paymentNotificationPath);
  return config;
}
