import { ValidationPipe } from '@nestjs/common';
import { ValidationFailedException } from '../problem/validation-failed.exception';
import { fieldErrorsOf } from './validation-error-paths';

/**
 * class-validator DTO validation that rejects fields a DTO does not declare (a typo in a client must fail
 * loudly, not be dropped silently) and reports each failing field by path.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    // Strings stay strings: a body that sends "5" for a number is a client bug worth a 400. Query and path
    // params are converted explicitly with @Type(() => Number) or ParseIntPipe.
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedException(fieldErrorsOf(errors)),
  });
}
