import type { EdgesConfig } from './edges.config';

/**
 * How hard a route is limited, by what it costs us or an attacker gains:
 * - `strict`: sign-in, code sending, anything that guesses or sends SMS (10 per minute per key). A few wrong
 *   codes must not turn into a brute force, and an SMS costs money and annoys the phone's owner.
 * - `write`: every POST, PUT, PATCH and DELETE unless it names another policy (300 per minute per caller per
 *   route, 5 a second): a scanner confirming picks in a burst stays well below; a client stuck in a loop does not.
 * - `read`: every GET (1200 per minute per caller per route): storefront pages and consoles poll, generously.
 */
export const RATE_LIMIT_POLICIES = ['strict', 'write', 'read'] as const;
export type RateLimitPolicy = (typeof RATE_LIMIT_POLICIES)[number];

export interface PolicyLimits {
  max: number;
  windowMs: number;
}

export function policyLimitsOf(config: EdgesConfig): Record<RateLimitPolicy, PolicyLimits> {
  return {
    strict: {
      max: config.RATE_LIMIT_STRICT_MAX,
      windowMs: config.RATE_LIMIT_STRICT_WINDOW_SECONDS * 1000,
    },
    write: { max: config.RATE_LIMIT_WRITE_MAX, windowMs: config.RATE_LIMIT_WRITE_WINDOW_SECONDS * 1000 },
    read: { max: config.RATE_LIMIT_READ_MAX, windowMs: config.RATE_LIMIT_READ_WINDOW_SECONDS * 1000 },
  };
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The policy of a route that names none: writes moderate, reads generous. */
export function defaultPolicyOf(method: string): RateLimitPolicy {
  return WRITE_METHODS.has(method.toUpperCase()) ? 'write' : 'read';
}
