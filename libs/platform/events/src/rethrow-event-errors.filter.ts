import { ArgumentsHost, Catch, type RpcExceptionFilter } from '@nestjs/common';
import { type Observable, throwError } from 'rxjs';

/**
 * Nest's default RPC filter replaces an unknown error with "Internal server error" before the dispatcher sees
 * it, so the dead letter would not say what went wrong. With this filter on event controllers
 * (@UseFilters(RethrowEventErrorsFilter)) the original error reaches the dispatcher and the dlq-error header.
 */
@Catch()
export class RethrowEventErrorsFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}
