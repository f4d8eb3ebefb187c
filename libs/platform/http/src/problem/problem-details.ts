import { STATUS_CODES } from 'node:http';

/** An RFC 9457 problem object; extension members sit next to the standard ones. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

export interface FieldError {
  /** Path of the offending input, e.g. `lines[0].quantity`. */
  field: string;
  message: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** The URI of a Harvest problem type: the prefix is written here and nowhere else. */
export function problemType(slug: string): string {
  return `urn:harvest:problem:${slug}`;
}

/** Problem types specific enough to deserve their own URI; anything else is `about:blank` plus the status. */
export const PROBLEM_TYPES = {
  validation: problemType('validation-failed'),
  unexpected: problemType('unexpected-error'),
};

/** The title RFC 9457 asks for with `about:blank`: the status code's reason phrase. */
export function statusTitle(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}
