import { env, loadConfig, z, type Env } from '@harvest/platform/config';
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

export function loadOrdersConfig(environment: Env): OrdersConfig {
  return loadConfig(ordersConfigShape, environment);
}
