import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ProblemResponses } from '@harvest/platform/http';
import { ApiHeader } from '@nestjs/swagger';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IDEMPOTENCY_KEY_PATTERN } from './idempotency-request';

/**
 * Marks a write a client may retry (checkout, payment callbacks, agent actions, scans): the
 * Idempotency-Key header becomes required and a retry with the same key replays the first response.
 * The OpenAPI document says so: the required header and the interceptor's problems (idempotency-<status>).
 */
export const Idempotent = (): MethodDecorator =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: true,
      description:
        'Any 1-191 printable ASCII characters, e.g. a UUID, new per intended write: a retry with the same key ' +
        'and body gets the first answer again (with `Idempotent-Replayed: true`).',
      schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source },
    }),
    ProblemResponses({ 400: ['idempotency-400'], 409: ['idempotency-409'], 422: ['idempotency-422'] }),
  );
