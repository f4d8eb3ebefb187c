import { z } from 'zod';
import { ConfigError } from './config-error';

export type Env = Record<string, string | undefined>;

/**
 * Parses the environment against a zod object whose keys are the variable names themselves,
 * so every error can name the exact variable an operator has to fix.
 */
export function loadConfig<S extends z.ZodRawShape>(shape: S, env: Env = process.env): z.infer<z.ZodObject<S>> {
  const result = z.object(shape).safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    variable: String(issue.path[0] ?? '(environment)'),
    message: issue.message,
  }));
  throw new ConfigError(problems);
}

/**
 * Loads config or ends the process with a one-line message naming the variable. Start-up code calls this
 * before anything else, so a bad value never gets as far as a half-started service.
 */
export function loadConfigOrExit<S extends z.ZodRawShape>(shape: S, env: Env = process.env): z.infer<z.ZodObject<S>> {
  try {
    return loadConfig(shape, env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG from sysexits.h
    }
    throw error;
  }
}
