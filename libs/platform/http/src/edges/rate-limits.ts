import { createHash } from 'node:crypto';
import fastifyRateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, RouteOptions, onRequestAsyncHookHandler } from 'fastify';
import type Redis from 'ioredis';
import type { Logger } from '@harvest/platform/observability';
import { ProblemException } from '../problem/problem.exception';
import { problemType } from '../problem/problem-details';
import { RATE_LIMIT_RULES, type RateLimitRule } from './rate-limit.decorator';
import { defaultPolicyOf, type PolicyLimits, type RateLimitPolicy } from './rate-limit-policies';
import { sharedStore } from './rate-limit-store';

export interface RateLimitSettings {
  limits: Record<RateLimitPolicy, PolicyLimits>;
  /** Budgets shared by every instance of the service; without it each process counts its own. */
  redis?: Redis;
  /** Namespaces the service's counters, e.g. `rate-limit:orders:`: instances of one service share them. */
  keyPrefix: string;
  logger: Logger;
}

/** Probes and scrapes come from the platform itself, many times a minute, and must never be refused. */
/** Routes no budget applies to (probes and scrapes); every other route may answer 429 rate-limited. */
export const UNLIMITED_PATHS = [/^\/health\//, /^\/metrics$/];

/** A hashed budget key: bearer tokens and phone numbers never reach the store in the clear. */
const fingerprint = (value: string): string =>
  createHash('sha256').update(value).digest('base64url').slice(0, 22);

/**
 * Who is calling, for a budget: the bearer token when there is one (colleagues behind one office address
 * each get their own budget; a token is verified later, and a made-up one gets its 401 there), else the
 * client address (an IPv6 /64, as one host usually holds the whole prefix).
 */
function callerKey(request: FastifyRequest): string {
  const authorization = request.headers.authorization;
  if (authorization && /^Bearer\s/i.test(authorization))
    return `token:${fingerprint(authorization.slice(7).trim())}`;
  return `address:${normalizeIP(request.ip)}`;
}

/**
 * Rate limits for every route, with @fastify/rate-limit's counters (Redis or in-process): each route gets its
 * policy (its @RateLimit rules, else its method's default) when it is registered. A refusal is a 429 problem
 * with Retry-After. When the store cannot be reached the request goes through: a Redis outage must not take
 * every write down with it (it is logged, at most once a minute).
 */
export async function registerRateLimits(
  server: FastifyInstance,
  settings: RateLimitSettings,
): Promise<void> {
  await server.register(fastifyRateLimit, {
    global: false,
    // Reads are counted in process even with Redis: a generous limit need not be exact across instances (it
    // cuts off a runaway client all the same), and the hottest routes (a cached product) must not pay a Redis
    // round trip each. Sign-in and writes are counted where every instance sees them.
    store: sharedStore(settings.redis, settings.keyPrefix, ['read:']),
    skipOnError: false,
  });
  let lastStoreWarning = 0;
  const storeFailed = (error: unknown) => {
    if (Date.now() - lastStoreWarning < 60_000) return;
    lastStoreWarning = Date.now();
    settings.logger.warn({ err: error }, 'rate-limit store unreachable: requests are let through unlimited');
  };

  server.addHook('onRoute', (route: RouteOptions) => {
    const path = route.url;
    if (UNLIMITED_PATHS.some((pattern) => pattern.test(path))) return;
    const methods = [route.method].flat();
    const named = (route.config as Record<string, unknown> | undefined)?.[RATE_LIMIT_RULES] as
      RateLimitRule[] | undefined;
    const rules: RateLimitRule[] = named?.length ? named : [{ policy: defaultPolicyOf(methods[0]!) }];
    const scope = `${methods.join(',')} ${path}`;
    for (const rule of rules) {
      const { max, windowMs } = settings.limits[rule.policy];
      const keyOf = (request: FastifyRequest): string | undefined => {
        const value = rule.by ? rule.by(request) : callerKey(request);
        if (value === undefined) return undefined;
        return `${rule.policy}:${rule.group ?? scope}:${rule.by ? `by:${fingerprint(value)}` : value}`;
      };
      const limiter = server.createRateLimit({ max, timeWindow: windowMs, keyGenerator: (r) => keyOf(r)! });
      const hook: onRequestAsyncHookHandler = async (request, reply) => {
        if (keyOf(request) === undefined) return;
        let outcome: Awaited<ReturnType<typeof limiter>>;
        try {
          outcome = await limiter(request);
        } catch (error) {
          storeFailed(error);
          return;
        }
        if (outcome.isAllowed || !outcome.isExceeded) return;
        const retryAfter = Math.max(1, outcome.ttlInSeconds);
        reply.header('retry-after', String(retryAfter));
        throw new ProblemException(429, {
          type: problemType('rate-limited'),
          detail: `Too many requests; retry in ${retryAfter} s.`,
          retryAfterSeconds: retryAfter,
        });
      };
      // A key from the body needs the body parsed; everything else is refused before the body is read.
      addHook(route, rule.by ? 'preHandler' : 'onRequest', hook);
    }
  });
}

function addHook(
  route: RouteOptions,
  name: 'onRequest' | 'preHandler',
  hook: onRequestAsyncHookHandler,
): void {
  const existing = route[name];
  route[name] = [...(existing ? [existing].flat() : []), hook] as never;
}
