import type { ProblemInput } from './problem.exception';

/** The problem an error a library recognises should answer with, instead of a bare 500. */
export interface KnownErrorProblem {
  status: number;
  problem: ProblemInput;
  headers?: Record<string, string>;
}

export type ErrorProblemMapper = (error: unknown) => KnownErrorProblem | undefined;

const mappers = new Set<ErrorProblemMapper>();

/**
 * Lets a library map its own failures (e.g. the database's "writer lost" to 503) without the HTTP layer
 * knowing it. Consulted only when an error is already on its way to a 500, so a request that succeeds pays
 * nothing, unlike an interceptor around every handler. Registering the same mapper twice is harmless.
 */
export function registerErrorProblemMapper(mapper: ErrorProblemMapper): void {
  mappers.add(mapper);
}

export function knownErrorProblem(error: unknown): KnownErrorProblem | undefined {
  for (const mapper of mappers) {
    const known = mapper(error);
    if (known) return known;
  }
  return undefined;
}
