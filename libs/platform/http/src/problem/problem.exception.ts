import { HttpException } from '@nestjs/common';
import { statusTitle, type ProblemDetails } from './problem-details';

/** What a thrower chooses; status is the constructor argument and instance is the request's path. */
export interface ProblemInput {
  type?: string;
  title?: string;
  detail?: string;
  [extension: string]: unknown;
}

/**
 * Throw this for a domain error that deserves its own problem type, e.g.
 * `new ProblemException(409, { type: 'urn:harvest:problem:slot-full', detail: 'The delivery slot is full' })`.
 * The filter fills in `instance` and the correlation ids.
 */
export class ProblemException extends HttpException {
  readonly problem: ProblemDetails;

  constructor(status: number, problem: ProblemInput = {}) {
    const full = {
      ...problem,
      type: problem.type ?? 'about:blank',
      title: problem.title ?? statusTitle(status),
      status,
    };
    super(full, status);
    this.problem = full;
  }
}
