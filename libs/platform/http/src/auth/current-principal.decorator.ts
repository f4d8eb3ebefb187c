import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from './principal';

const PRINCIPAL = Symbol('harvest.principal');

type WithPrincipal = { [PRINCIPAL]?: Principal };

export function attachPrincipal(request: object, principal: Principal): void {
  (request as WithPrincipal)[PRINCIPAL] = principal;
}

export function principalOfRequest(request: object): Principal | undefined {
  return (request as WithPrincipal)[PRINCIPAL];
}

/** The verified caller; undefined only on @Public() routes. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Principal | undefined =>
    principalOfRequest(ctx.switchToHttp().getRequest<object>()),
);
