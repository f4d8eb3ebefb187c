import { env, loadConfig, z, type Env } from '@harvest/platform/config';

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
};

export type OrdersConfig = z.infer<z.ZodObject<typeof ordersConfigShape>>;

export const ORDERS_CONFIG = Symbol('ORDERS_CONFIG');

export function loadOrdersConfig(environment: Env): OrdersConfig {
  return loadConfig(ordersConfigShape, environment);
}
