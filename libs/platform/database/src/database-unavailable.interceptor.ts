import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, ServiceUnavailableException } from '@nestjs/common';
import { catchError, type Observable, throwError } from 'rxjs';
import { classifyDatabaseFailure } from './database-failure';
import { PrimaryNotFoundError } from './primary-locator';

/** Seconds a client should wait before retrying: a failover finds the new primary within a few seconds. */
const RETRY_AFTER_SECONDS = 1;

/**
 * A request that lost the writer (a failover under way, the primary unreachable, a node turned read-only)
 * answers 503 with Retry-After, not 500: the client did nothing wrong and its retry will most likely work.
 * Transactions retry by themselves first (Database.transaction); this catches what is left, including the
 * single queries outside a transaction (idempotency claims, reads through the writer). Registered globally by
 * DatabaseModule, so it wraps every route's own interceptors. Events handlers (rpc) keep their errors, which
 * the consumer's retry rules handle.
 */
@Injectable()
export class DatabaseUnavailableInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (!isWriterUnavailable(error)) return throwError(() => error);
        const reply = context.switchToHttp().getResponse<{ header(name: string, value: string): unknown }>();
        reply.header('retry-after', String(RETRY_AFTER_SECONDS));
        return throwError(
          () => new ServiceUnavailableException('The database is failing over; retry this request shortly (same Idempotency-Key).'),
        );
      }),
    );
  }
}

export function isWriterUnavailable(error: unknown): boolean {
  return error instanceof PrimaryNotFoundError || classifyDatabaseFailure(error) === 'lost-writer';
}
