import { UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { createLogger } from '@harvest/platform/observability';
import { lastValueFrom, type Observable } from 'rxjs';
import { AuthGuard } from './auth/auth.guard';
import { remoteJwks } from './auth/signing-keys';
import { TokenVerifier } from './auth/token-verifier.service';
import { ProblemDetailsFilter } from './problem/problem-details.filter';

// Hybrid apps connect the events microservice with inheritAppConfig: the global guard and filter then also
// run around @EventPattern handlers, whose "request" is a broker message with no headers.
describe('platform enhancers outside HTTP', () => {
  const kafkaMessage = { value: { eventId: 'e-1' } };
  const handler = () => undefined;
  class EventsController {}

  const contextOf = (type: 'http' | 'rpc', args: unknown[]) => {
    const ctx = new ExecutionContextHost(args, EventsController, handler);
    ctx.setType(type);
    return ctx;
  };

  it('lets event handlers through the auth guard, while HTTP without a token is refused', async () => {
    const guard = new AuthGuard(
      new Reflector(),
      // Never asked: neither context carries a token (the JWKS URL is not even served).
      new TokenVerifier({
        issuer: 'http://127.0.0.1:9/realms/none',
        audience: 'orders',
        keys: remoteJwks('http://127.0.0.1:9/certs'),
      }),
    );
    await expect(guard.canActivate(contextOf('rpc', [kafkaMessage, {}]))).resolves.toBe(true);
    await expect(guard.canActivate(contextOf('http', [{ headers: {} }, {}]))).rejects.toBeInstanceOf(
      UnauthorizedException,
    );
  });

  it("leaves event handler errors to Nest's RPC handling instead of writing an HTTP problem", async () => {
    const filter = new ProblemDetailsFilter(createLogger({ serviceName: 'test', level: 'silent' }));
    const result = filter.catch(new Error('handler failed'), contextOf('rpc', [kafkaMessage, {}]));
    await expect(lastValueFrom(result as Observable<unknown>)).rejects.toEqual({
      status: 'error',
      message: 'Internal server error',
    });
  });
});
