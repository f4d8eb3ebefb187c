import { env, loadConfig, z, type Env } from '@harvest/platform/config';

const clientList = z
  .string()
  .min(1)
  .transform((value) =>
    value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

/** The identity service's own settings; the platform's (database, HTTP, SMS, ...) are loaded by the runtime. */
export const identityConfigShape = {
  /**
   * Key of the HMACs that stand for codes and phone numbers in the code and throttle tables: a leaked table
   * then gives neither numbers nor (by brute force over a million codes) codes. No default.
   */
  IDENTITY_HASH_SECRET: env.string().pipe(z.string().min(32, 'must be at least 32 characters')),
  /** The SMS template (approved with the provider) of the sign-in code; its one variable is `code`. */
  IDENTITY_CODE_TEMPLATE: env.string('SMS_HARVEST_SIGN_IN'),
  IDENTITY_CODE_TTL_SECONDS: env.int(300, 1),
  /** Wrong codes before the phone's code is void and the phone locked. */
  IDENTITY_CODE_MAX_FAILURES: env.int(5, 1),
  IDENTITY_LOCK_SECONDS: env.int(900, 1),
  /** Codes one phone may be sent: at most one per interval, and so many an hour. */
  IDENTITY_SEND_INTERVAL_SECONDS: env.int(60, 0),
  IDENTITY_SENDS_PER_PHONE_PER_HOUR: env.int(5, 1),
  /** Codes one client address may ask for an hour (many phones from one address is an SMS-pumping attack). */
  IDENTITY_SENDS_PER_ADDRESS_PER_HOUR: env.int(20, 1),
  /** Failed verifications (codes or passwords) one client address may make an hour. */
  IDENTITY_FAILURES_PER_ADDRESS_PER_HOUR: env.int(30, 1),
  /** The issuers' clients (`azp`) allowed to verify codes and passwords: Keycloak's and the embedded issuer's. */
  IDENTITY_VERIFY_CLIENTS: clientList.default(['keycloak-phone-code', 'embedded-issuer']),
  /** Orders' base URL: its public delivery coverage says which zone serves an address's district. */
  IDENTITY_ORDERS_URL: z.string().url().optional(),
  IDENTITY_ORDERS_TIMEOUT_MS: env.int(2000, 1),
  /** The services (`azp`) that may read a customer's delivery address with its phone: orders, placing an order. */
  IDENTITY_ADDRESS_READERS: clientList.default(['orders']),
};

export type IdentityConfig = z.infer<z.ZodObject<typeof identityConfigShape>>;

export const IDENTITY_CONFIG = Symbol('IDENTITY_CONFIG');

export function loadIdentityConfig(source: Env): IdentityConfig {
  return loadConfig(identityConfigShape, source);
}
