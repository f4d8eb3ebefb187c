import { ConfigError, env, loadConfig, z, type Env } from '@harvest/platform/config';
import { serviceClientConfigShape } from '@harvest/platform/http';

/** A comma-separated list; empty or unset means none. */
const list = (minLength: number, message: string) =>
  z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().min(minLength, message)));

const optionalUrl = z.string().url().optional();

/** A URL with a default; set to the empty string to mean "none". */
const urlOrNone = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) => (value.trim() === '' ? undefined : value.trim()))
    .pipe(z.string().url().optional());

/** The callcenter service's own settings, validated at start next to the platform's. */
export const callcenterConfigShape = {
  /** The vendor's API base URL; unset = no vendor configured (click-to-call and recordings answer 503). */
  CALLCENTER_VENDOR_BASE_URL: optionalUrl,
  CALLCENTER_VENDOR_API_KEY: z.string().min(1).optional(),
  /** Active webhook secrets, newest first; during a rotation both old and new are listed. Empty = every webhook refused. */
  CALLCENTER_WEBHOOK_SECRETS: list(16, 'each webhook secret must be at least 16 characters'),
  CALLCENTER_WEBHOOK_MAX_SKEW_SECONDS: env.int(300, 1),
  CALLCENTER_VENDOR_TIMEOUT_MS: env.int(3000, 1),
  /** Extra attempts, for idempotent vendor calls only. */
  CALLCENTER_VENDOR_RETRIES: env.int(2, 0),
  CALLCENTER_VENDOR_RETRY_BACKOFF_MS: env.int(100, 0),
  /** Consecutive failures that open the circuit, and how long it stays open before one trial call. */
  CALLCENTER_BREAKER_FAILURE_THRESHOLD: env.int(5, 1),
  CALLCENTER_BREAKER_OPEN_MS: env.int(30_000, 1),
  /** How often the leader reconciles against the vendor's call-record list; 0 turns the job off. */
  CALLCENTER_RECONCILE_INTERVAL_MS: env.int(60_000, 0),
  CALLCENTER_RECONCILE_LOOKBACK_MINUTES: env.int(120, 1),
  /** How often every instance runs the retention sweep (SKIP LOCKED shares the rows); 0 turns it off. */
  CALLCENTER_RETENTION_SWEEP_MS: env.int(3_600_000, 0),
  /**
   * Screen pops (full number, name, orders) serve the agent during and just after the call; a week covers a
   * callback after a weekend. Older pops are deleted: the call record and tickets keep the facts.
   */
  CALLCENTER_SCREEN_POP_RETENTION_HOURS: env.int(7 * 24, 1),
  /**
   * Call records stay (audit trail of agent actions, tickets, reports) but their number is masked after this:
   * long enough for complaints and refunds about the call to come back. An old call merged in later (reconciling
   * an old window) is masked by the next sweep; a masked number is never replaced (the merge keeps known values).
   */
  CALLCENTER_CALL_NUMBER_RETENTION_DAYS: env.int(90, 1),
  /** Rows per retention transaction: short transactions keep locks and replication lag small. */
  CALLCENTER_RETENTION_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  /**
   * Our own services; the default is where `npm start` runs orders. Empty = none: screen pops without
   * orders, agent actions answer 503.
   */
  ORDERS_BASE_URL: urlOrNone('http://127.0.0.1:3002'),
  CATALOG_BASE_URL: optionalUrl,
  ORDERS_TIMEOUT_MS: env.int(2000, 1),
  /**
   * This service's client at the issuer: it calls orders with its own client-credentials token. The secret
   * comes from the secret store (dev: `dev-only-callcenter-secret`); without it, like without ORDERS_BASE_URL,
   * screen pops come without orders and agent actions answer 503.
   */
  AUTH_CLIENT_ID: env.string('callcenter'),
  AUTH_CLIENT_SECRET: serviceClientConfigShape.AUTH_CLIENT_SECRET,
  /** Ticket SLA: time to resolution per ticket kind. */
  CALLCENTER_SLA_SECONDS_QUALITY_COMPLAINT: env.int(4 * 3600, 1),
  CALLCENTER_SLA_SECONDS_OTHER: env.int(24 * 3600, 1),
};

export type CallcenterConfig = z.infer<z.ZodObject<typeof callcenterConfigShape>>;

export const CALLCENTER_CONFIG = Symbol('CALLCENTER_CONFIG');

export function loadCallcenterConfig(environment: Env): CallcenterConfig {
  const config = loadConfig(callcenterConfigShape, environment);
  // A pop carries the full number: keeping pops longer than numbers would undo the masking.
  if (config.CALLCENTER_SCREEN_POP_RETENTION_HOURS > config.CALLCENTER_CALL_NUMBER_RETENTION_DAYS * 24) {
    throw new ConfigError([
      {
        variable: 'CALLCENTER_SCREEN_POP_RETENTION_HOURS',
        message: 'must not exceed CALLCENTER_CALL_NUMBER_RETENTION_DAYS in hours (pops hold the full number)',
      },
    ]);
  }
  return config;
}
