import { z } from 'zod';
import { ConfigError } from './config-error';

export type Env = Record<string, string | undefined>;

/**
 * An unset variable reads "Required", as operators, runbooks and specs have always seen it; zod 4's default
 * for it is "Invalid input: expected string, received undefined". Every other issue keeps its schema's own
 * message or zod's default (undefined falls through to them).
 */
const missingIsRequired: z.core.$ZodErrorMap = (issue) =>
  issue.code === 'invalid_type' && issue.input === undefined ? 'Required' : undefined;

/**
 * Parses the environment against a zod object whose keys are the variable names themselves,
 * so every error can name the exact variable an operator has to fix.
 */
export function loadConfig<S extends z.ZodRawShape>(
  shape: S,
  env: Env = process.env,
): z.infer<z.ZodObject<S>> {
  const result = z.object(shape).safeParse(env, { error: missingIsRequired });
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
export function loadConfigOrExit<S extends z.ZodRawShape>(
  shape: S,
  env: Env = process.env,
): z.infer<z.ZodObject<S>> {
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
