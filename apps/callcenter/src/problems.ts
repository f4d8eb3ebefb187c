import { ProblemException } from '@harvest/platform/http';

/** A domain error of the callcenter service, as problem+json with type urn:harvest:problem:<type>. */
export function callcenterProblem(status: number, type: string, detail: string, extensions: Record<string, unknown> = {}): ProblemException {
  return new ProblemException(status, { type: `urn:harvest:problem:${type}`, detail, ...extensions });
}

export const notFound = (what: string) => callcenterProblem(404, 'not-found', `${what} not found`);
