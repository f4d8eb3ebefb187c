import type { FastifyRequest } from 'fastify';
import type { RateLimitPolicy } from './rate-limit-policies';

// Nest's FastifyAdapter hands this metadata to Fastify as the route's `config` (what @RouteConfig sets), so
// the limit is known when the route is registered, before any request or guard runs.
const FASTIFY_ROUTE_CONFIG_METADATA = '__fastify_route_config__';

/** Where the rules sit in a route's Fastify config. */
export const RATE_LIMIT_RULES = 'harvestRateLimits';

/**
 * What a budget is counted per, besides the route: a value of the request (a phone number from the body);
 * undefined = this rule does not apply to the request (its validation will refuse it anyway). The value is
 * hashed before it is stored, so personal data never reaches Redis.
 */
export type RateLimitKey = (request: FastifyRequest) => string | undefined;

export interface RateLimitOptions {
  /** Count per this value instead of per caller (bearer token, else client address). Read from the body: runs once it is parsed. */
  by?: RateLimitKey;
  /** Routes naming the same group share one budget (send a code and sign in with it, per phone). */
  group?: string;
}

export interface RateLimitRule extends RateLimitOptions {
  policy: RateLimitPolicy;
}

/**
 * Puts a route under a rate-limit policy instead of its method's default (writes `write`, reads `read`).
 * Stack it for several budgets, each must allow the request:
 *
 *   @Post('phone-codes')
 *   @Public()
 *   @RateLimit('strict')                                // per client address
 *   @RateLimit('strict', { by: bodyField('phone') })   // and per phone number
 */
export function RateLimit(policy: RateLimitPolicy, options: RateLimitOptions = {}): MethodDecorator {
  return (_target, _key, descriptor) => {
    const handler = descriptor.value as object;
    const config = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) ?? {}) as Record<
      string,
      unknown
    >;
    const rules = (config[RATE_LIMIT_RULES] as RateLimitRule[] | undefined) ?? [];
    Reflect.defineMetadata(
      FASTIFY_ROUTE_CONFIG_METADATA,
      { ...config, [RATE_LIMIT_RULES]: [...rules, { policy, ...options }] },
      handler,
    );
    return descriptor;
  };
}

/** A key read from one top-level string field of the JSON body, e.g. `bodyField('phone')`. */
export function bodyField(name: string): RateLimitKey {
  return (request) => {
    const body = request.body as Record<string, unknown> | null | undefined;
    const value = body && typeof body === 'object' ? body[name] : undefined;
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
}
