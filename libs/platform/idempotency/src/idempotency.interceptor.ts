import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  RequestMethod,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { ProblemException, principalName, principalOfRequest, problemType } from '@harvest/platform/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { IDEMPOTENCY_KEY_PATTERN, idempotencyScope, requestHash } from './idempotency-request';
import { IdempotencyStore } from './idempotency.store';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_STORE = Symbol('IDEMPOTENCY_STORE');

const problem = (status: number, title: string, detail: string) =>
  new ProblemException(status, {
    type: problemType(`idempotency-${status}`),
    title,
    detail,
    header: 'Idempotency-Key',
  });

/**
 * Makes a retried write safe: the first request with a key runs; a retry with the same key and the same
 * request gets the stored response (with `Idempotent-Replayed: true`); the same key with another request
 * gets 422; a retry while the first is still running gets 409. Applied with @Idempotent().
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return from(this.run(context, next));
  }

  private async run(context: ExecutionContext, next: CallHandler): Promise<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const key = request.headers[IDEMPOTENCY_HEADER];
    if (typeof key !== 'string' || key.length === 0) {
      throw problem(
        400,
        'Idempotency-Key header required',
        'This write may be retried safely only with an Idempotency-Key header (e.g. a UUID).',
      );
    }
    if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
      throw problem(
        400,
        'Invalid Idempotency-Key header',
        'Idempotency-Key must be 1-191 printable ASCII characters.',
      );
    }
    const principal = principalOfRequest(request);
    const caller = principal ? principalName(principal) : 'anonymous';
    const scope = idempotencyScope(request.method, request.routeOptions.url ?? request.url, caller);
    const hash = requestHash(request.url, request.body);

    const claim = await this.store.claim(scope, key, hash);
    switch (claim.kind) {
      case 'mismatch':
        throw problem(
          422,
          'Idempotency-Key reused for a different request',
          'This key was first used with another request body; use a new key for a new request.',
        );
      case 'in-flight':
        throw problem(
          409,
          'Request with this Idempotency-Key still in progress',
          'Retry after the first request has finished.',
        );
      case 'replay':
        void reply.header('idempotent-replayed', 'true');
        return claim.body;
      case 'claimed':
        break;
    }
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.store.complete(scope, key, successStatus(context, request.method), body);
      return body;
    } catch (error) {
      // Only a success is remembered. After a failure (bad input, a full slot, a crash) the key is freed,
      // so a corrected or later retry runs for real; domain unique constraints still stop a double write.
      await this.store.release(scope, key).catch(() => undefined);
      throw error;
    }
  }
}

/** The status Nest will send for a successful handler: its @HttpCode, else 201 for POST and 200 otherwise. */
function successStatus(context: ExecutionContext, method: string): number {
  const declared = new Reflector().get<number | undefined>(HTTP_CODE_METADATA, context.getHandler());
  return declared ?? (method === RequestMethod[RequestMethod.POST] ? 201 : 200);
}
