import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { attachPrincipal } from './current-principal.decorator';
import { withActingAgent } from './acting-agent';
import { hasRole, type Principal, type Role } from './principal';
import { IS_PUBLIC } from './public.decorator';
import { REQUIRED_ROLES } from './roles.decorator';
import { TokenRefusedError } from './token-policy';
import { TokenVerifier } from './token-verifier.service';

/**
 * Global guard for HTTP: deny by default. A route is open only when marked @Public().
 * Hybrid apps connect the events microservice with inheritAppConfig, so this guard also sees event handlers;
 * those carry no bearer token (the broker's own access control applies) and are let through.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = ctx.switchToHttp().getRequest<FastifyRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new UnauthorizedException('A bearer token is required.');
    const principal = actingFor(await this.verifier.verify(token), request);
    attachPrincipal(request, principal);

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles?.length && !hasRole(principal, ...roles)) {
      throw new ForbiddenException(`This action needs one of the roles: ${roles.join(', ')}.`);
    }
    return true;
  }
}

function actingFor(principal: Principal, request: FastifyRequest): Principal {
  try {
    return withActingAgent(principal, request.headers);
  } catch (error) {
    if (error instanceof TokenRefusedError) throw new UnauthorizedException(error.message);
    throw error;
  }
}

function bearerToken(header: string | undefined): string | undefined {
  const match = header ? /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(header.trim()) : null;
  return match?.[1];
}
