import { z } from 'zod';

/** Reusable field types for environment variables; each coerces from the string the environment holds. */
export const env = {
  string: (fallback?: string) =>
    fallback === undefined ? z.string().min(1) : z.string().min(1).default(fallback),
  port: (fallback?: number) => {
    const port = z.coerce.number().int().min(1).max(65535);
    return fallback === undefined ? port : port.default(fallback);
  },
  int: (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback),
  bool: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0'])
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1'),
  /** A comma-separated list of host:port pairs, e.g. "127.0.0.1:3306,127.0.0.1:3307". */
  hostList: (fallback?: string) => {
    const list = z
      .string()
      .min(1)
      .transform((value, ctx) => {
        const out: Array<{ host: string; port: number }> = [];
        for (const part of value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)) {
          const m = /^([^:\s]+):(\d{1,5})$/.exec(part);
          if (!m || Number(m[2]) > 65535) {
            ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${part}" is not host:port` });
            return z.NEVER;
          }
          out.push({ host: m[1]!, port: Number(m[2]) });
        }
        return out;
      });
    // prefault: the fallback is the raw variable text and goes through the same parsing (zod 4's default()
    // would take an already-parsed list).
    return fallback === undefined ? list : list.prefault(fallback);
  },
  /** Like hostList, but empty or unset means "none". */
  optionalHostList: () =>
    z
      .string()
      .default('')
      .transform((value, ctx) => {
        if (value.trim() === '') return [] as Array<{ host: string; port: number }>;
        const parsed = env.hostList().safeParse(value);
        if (!parsed.success) {
          for (const issue of parsed.error.issues)
            ctx.addIssue({ code: z.ZodIssueCode.custom, message: issue.message });
          return z.NEVER;
        }
        return parsed.data;
      }),
  oneOf: <T extends [string, ...string[]]>(values: T, fallback: T[number]) =>
    z.enum(values).default(fallback),
};
