import { env, z } from '@harvest/platform/config';

/** A comma-separated list of web-app origins (`scheme://host[:port]`, no path); empty or unset = none. */
const originList = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const origins: string[] = [];
    for (const part of value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      let url: URL | undefined;
      try {
        url = new URL(part);
      } catch {
        url = undefined;
      }
      // An origin is exactly what a browser sends in Origin: no path, query or trailing slash.
      if (!url || !['http:', 'https:'].includes(url.protocol) || url.origin !== part) {
        ctx.addIssue({ code: 'custom', message: `"${part}" is not an origin such as https://shop.example` });
        return z.NEVER;
      }
      origins.push(url.origin);
    }
    return origins;
  });

/**
 * Which proxies in front of us may say who the client is (X-Forwarded-For): `false` (none: the socket's
 * address is the client), a hop count, or a comma-separated list of addresses/CIDRs (Fastify's trustProxy).
 * Behind HAProxy the per-address limits need it, or every caller shares the proxy's budget.
 */
const trustProxy = z
  .string()
  .default('false')
  .transform((value, ctx): boolean | number | string[] => {
    const text = value.trim();
    if (text === 'false' || text === '') return false;
    if (/^\d{1,2}$/.test(text)) return Number(text);
    const parts = text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (parts.every((p) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(p))) return parts;
    ctx.addIssue({ code: 'custom', message: 'must be false, a hop count, or a list of addresses/CIDRs' });
    return z.NEVER;
  });

/**
 * The browser-facing edges every service has (CORS, rate limits, the client address behind proxies). The
 * runtime validates these with the rest of a service's environment; createHttpApp loads them for itself.
 * Limits are per window; defaults are production's (why: edges/rate-limit-policies.ts). Test and bench kits
 * raise them; nothing turns them off.
 */
export const edgesConfigShape = {
  /** Web-app origins allowed to call from a browser; `npm start` sets the dev apps' (scripts/run). */
  CORS_ORIGINS: originList,
  HTTP_TRUST_PROXY: trustProxy,
  RATE_LIMIT_STRICT_MAX: env.int(10, 1),
  RATE_LIMIT_STRICT_WINDOW_SECONDS: env.int(60, 1),
  RATE_LIMIT_WRITE_MAX: env.int(300, 1),
  RATE_LIMIT_WRITE_WINDOW_SECONDS: env.int(60, 1),
  RATE_LIMIT_READ_MAX: env.int(1200, 1),
  RATE_LIMIT_READ_WINDOW_SECONDS: env.int(60, 1),
};

export type EdgesConfig = z.infer<z.ZodObject<typeof edgesConfigShape>>;
