import { ProblemException } from '@harvest/platform/http';

/** A domain error of the orders service, as problem+json with type urn:harvest:problem:<type>. */
export function ordersProblem(
  status: number,
  type: string,
  detail: string,
  extensions: Record<string, unknown> = {},
): ProblemException {
  return new ProblemException(status, { type: `urn:harvest:problem:${type}`, detail, ...extensions });
}

export const notFound = (what: string) => ordersProblem(404, 'not-found', `${what} not found`);
