import type { INestApplication } from '@nestjs/common';
import {
  EXCEPTION_FILTERS_METADATA,
  GUARDS_METADATA,
  INTERCEPTORS_METADATA,
  PATH_METADATA,
  PIPES_METADATA,
} from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { Logger } from '@harvest/platform/observability';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IS_PUBLIC } from '../auth/public.decorator';
import { sendProblem } from '../problem/send-problem';
import { DIRECT_GET, type DirectRouteParams } from './direct-get.decorator';

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
const ENHANCERS = [
  [GUARDS_METADATA, 'guards'],
  [INTERCEPTORS_METADATA, 'interceptors'],
  [PIPES_METADATA, 'pipes'],
  [EXCEPTION_FILTERS_METADATA, 'exception filters'],
] as const;

type DirectHandler = (params: DirectRouteParams) => Promise<string>;

/**
 * Registers every `@DirectGet` method of the app's controllers as a Fastify route. Runs after Nest has
 * registered its own routes and before the server is ready. Throws (the service does not start) for a
 * direct route that would lose a check it asks for.
 */
export function registerDirectRoutes(app: INestApplication, server: FastifyInstance, logger: Logger): void {
  const reflector = app.get(Reflector);
  const scanner = app.get(MetadataScanner);
  for (const wrapper of app.get(DiscoveryService).getControllers()) {
    if (!wrapper.metatype) continue;
    const controller = wrapper.metatype as new (...args: never[]) => unknown;
    for (const name of scanner.getAllMethodNames(controller.prototype)) {
      const method = (controller.prototype as Record<string, unknown>)[name] as DirectHandler;
      const path = reflector.get<string | undefined>(DIRECT_GET, method);
      if (path === undefined) continue;
      const where = `${controller.name}.${name} (@DirectGet '${path}')`;
      const instance = wrapper.instance as object | undefined;
      if (!wrapper.isDependencyTreeStatic() || !instance)
        throw new Error(`${where}: a direct route needs a singleton controller, not a request-scoped one`);
      if (!reflector.getAllAndOverride<boolean>(IS_PUBLIC, [method, controller]))
        throw new Error(`${where}: a direct route skips the auth guard, so it must be @Public()`);
      for (const [key, what] of ENHANCERS) {
        const own = [
          ...(reflector.get<unknown[]>(key, method) ?? []),
          ...(reflector.get<unknown[]>(key, controller) ?? []),
        ];
        if (own.length > 0) throw new Error(`${where}: a direct route runs no ${what}, but it has some`);
      }
      const url = joinPaths(reflector.get<string | undefined>(PATH_METADATA, controller), path);
      server.get(url, directHandler(method.bind(instance), logger));
    }
  }
}

function directHandler(handle: DirectHandler, logger: Logger) {
  return function direct(request: FastifyRequest, reply: FastifyReply): void {
    const params = request.params as DirectRouteParams;
    // As Nest's Fastify adapter does for its routes: an empty parameter matches no route.
    for (const name in params) {
      if (params[name] === '') {
        reply.callNotFound();
        return;
      }
    }
    // Not an async function: one promise fewer per request, and errors take the same path either way.
    let answer: Promise<string>;
    try {
      answer = handle(params);
    } catch (error) {
      sendProblem(error, request, reply, logger);
      return;
    }
    answer.then(
      (json) => void reply.header('content-type', JSON_CONTENT_TYPE).send(json),
      (error: unknown) => sendProblem(error, request, reply, logger),
    );
  };
}

/** `@Controller('a')` + `@DirectGet('b/:id')` → `/a/b/:id`, the way Nest joins a controller and a route. */
export function joinPaths(controllerPath: string | undefined, path: string): string {
  const parts = [controllerPath ?? '', path].map((p) => p.replace(/^\/+|\/+$/g, '')).filter((p) => p !== '');
  return `/${parts.join('/')}`;
}
