import { PROBLEM_TYPES, type FieldError } from './problem-details';
import { ProblemException } from './problem.exception';

/** A 400 whose body lists every offending field, so a client can mark each input at once. */
export class ValidationFailedException extends ProblemException {
  constructor(readonly errors: FieldError[]) {
    super(400, {
      type: PROBLEM_TYPES.validation,
      title: 'Validation failed',
      detail: `${errors.length} field${errors.length === 1 ? '' : 's'} did not pass validation.`,
      errors,
    });
  }
}
