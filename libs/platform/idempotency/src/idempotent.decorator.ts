import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * Marks a write a client may retry (checkout, payment callbacks, agent actions, scans): the
 * Idempotency-Key header becomes required and a retry with the same key replays the first response.
 */
export const Idempotent = (): MethodDecorator => applyDecorators(UseInterceptors(IdempotencyInterceptor));
