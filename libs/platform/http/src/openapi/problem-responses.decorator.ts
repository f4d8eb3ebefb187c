/** Problem types a route can answer, by status: the slugs after `urn:harvest:problem:` (or `about:blank`). */
export type ProblemTypesByStatus = Readonly<Record<number, readonly string[]>>;

export const PROBLEM_RESPONSES = 'harvest:problem-responses';

/**
 * Documents the problem+json answers a route (or every route of a controller) gives besides the platform's
 * own (auth, validation, idempotency, 500/503, which the document adds by itself), e.g.
 * `@ProblemResponses({ 404: ['product-not-found'], 412: ['version-mismatch'] })`. Several uses add up.
 */
export function ProblemResponses(byStatus: ProblemTypesByStatus): MethodDecorator & ClassDecorator {
  return (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const on = (descriptor?.value as object | undefined) ?? target;
    const before = (Reflect.getMetadata(PROBLEM_RESPONSES, on) as ProblemTypesByStatus[] | undefined) ?? [];
    Reflect.defineMetadata(PROBLEM_RESPONSES, [...before, byStatus], on);
  };
}

/** The problem types of several declarations (method, class, platform), by status, each type once. */
export function mergeProblemTypes(declarations: readonly ProblemTypesByStatus[]): Map<number, string[]> {
  const merged = new Map<number, Set<string>>();
  for (const byStatus of declarations)
    for (const [status, types] of Object.entries(byStatus)) {
      const set = merged.get(Number(status)) ?? new Set<string>();
      for (const type of types) set.add(type);
      merged.set(Number(status), set);
    }
  return new Map([...merged].sort(([a], [b]) => a - b).map(([status, types]) => [status, [...types].sort()]));
}
