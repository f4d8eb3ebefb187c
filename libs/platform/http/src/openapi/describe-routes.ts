import { RequestMethod, type INestApplication } from '@nestjs/common';
import {
  HTTP_CODE_METADATA,
  METHOD_METADATA,
  PATH_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { MetadataScanner, Reflector, type NestContainer } from '@nestjs/core';
import {
  ApiHeader,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiSecurity,
  type ApiOperationOptions,
} from '@nestjs/swagger';
import { SWAGGER_METADATA } from './swagger-metadata-keys';
import { IS_PUBLIC } from '../auth/public.decorator';
import type { Role } from '../auth/principal';
import { REQUIRED_ROLES } from '../auth/roles.decorator';
import { DIRECT_GET } from '../direct-routes/direct-get.decorator';
import { UNLIMITED_PATHS } from '../edges/rate-limits';
import {
  PROBLEM_RESPONSES,
  mergeProblemTypes,
  type ProblemTypesByStatus,
} from './problem-responses.decorator';
import { problemSchemaFor } from './problem-schema';

export const OPENID_SCHEME = 'openId';

/** What every route can answer, whatever it does: a bug (500) and a database failing over (503). */
const EVERY_ROUTE: ProblemTypesByStatus = { 500: ['unexpected-error'], 503: ['database-unavailable'] };
/** The rate limits every route but the unlimited ones is under (edges/rate-limits.ts). */
const RATE_LIMITED: ProblemTypesByStatus = { 429: ['rate-limited'] };
/** The auth guard: no or a bad token (401), a role the route does not accept (403). */
const SIGNED_IN: ProblemTypesByStatus = { 401: ['about:blank'], 403: ['about:blank'] };
/** The validation pipe (query, path and body DTOs), and the JSON body parser (syntax, size, media type). */
const VALIDATED: ProblemTypesByStatus = { 400: ['validation-failed'] };
const WITH_BODY: ProblemTypesByStatus = {
  400: ['about:blank', 'validation-failed'],
  413: ['about:blank'],
  415: ['about:blank'],
};

const described = new WeakSet<object>();

type Handler = (...args: unknown[]) => unknown;

/**
 * Turns what the platform's own decorators already say about each route into @nestjs/swagger metadata,
 * so it is never copied by hand: the roles of `@Roles` (or `@Public`) as the OpenID Connect security
 * requirement, and the problem+json answers the platform gives (auth, validation, body parsing, 500/503)
 * plus those the route declares with `@ProblemResponses`. Direct routes (`@DirectGet`) are marked as GET
 * routes for the swagger scanner only while the document is built; the returned function takes that back.
 */
export function describeRoutes(app: INestApplication): () => void {
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  const undo: Array<() => void> = [];
  for (const controller of controllersOf(app)) {
    for (const name of scanner.getAllMethodNames(controller.prototype)) {
      const method = (controller.prototype as Record<string, Handler>)[name]!;
      const directPath = reflector.get<string | undefined>(DIRECT_GET, method);
      if (directPath !== undefined && Reflect.getMetadata(PATH_METADATA, method) === undefined) {
        Reflect.defineMetadata(PATH_METADATA, directPath, method);
        Reflect.defineMetadata(METHOD_METADATA, RequestMethod.GET, method);
        undo.push(() => {
          Reflect.deleteMetadata(PATH_METADATA, method);
          Reflect.deleteMetadata(METHOD_METADATA, method);
        });
      }
      if (Reflect.getMetadata(METHOD_METADATA, method) === undefined || described.has(method)) continue;
      described.add(method);
      describeRoute(reflector, controller, name, method, directPath);
    }
  }
  return () => undo.forEach((step) => step());
}

/**
 * The controller classes of every module, read from Nest's container as the swagger scanner reads them:
 * in preview mode (describeHttpApp) no provider exists, so DiscoveryService cannot be asked.
 */
function controllersOf(app: INestApplication): Array<new (...args: never[]) => unknown> {
  const { container } = app as unknown as { container: NestContainer };
  const controllers = new Set<new (...args: never[]) => unknown>();
  for (const module of container.getModules().values())
    for (const wrapper of module.controllers.values())
      if (typeof wrapper.metatype === 'function')
        controllers.add(wrapper.metatype as new (...args: never[]) => unknown);
  return [...controllers];
}

function describeRoute(
  reflector: Reflector,
  controller: new (...args: never[]) => unknown,
  name: string,
  method: Handler,
  directPath: string | undefined,
): void {
  const decorate = (decorator: MethodDecorator) =>
    decorator(
      controller.prototype as object,
      name,
      Object.getOwnPropertyDescriptor(controller.prototype, name)!,
    );
  const targets = [method, controller];
  const isPublic = reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true;
  const roles = reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets) ?? [];
  if (isPublic) decorate(ApiSecurity({}));
  else decorate(ApiSecurity(OPENID_SCHEME, roles));

  const routeArgs = Object.entries(
    (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) as
      Record<string, { data?: unknown }> | undefined) ?? {},
  ).map(([key, arg]) => ({ type: Number(key.split(':')[0]), data: arg.data }));
  const args = routeArgs.map((arg) => arg.type);
  // A header the route reads by name (If-Match, X-Call-Id) is a parameter of the operation.
  for (const arg of routeArgs)
    if (arg.type === RouteParamtypes.HEADERS && typeof arg.data === 'string')
      decorate(ApiHeader({ name: headerName(arg.data), required: false, schema: { type: 'string' } }));
  const hasBody = args.includes(RouteParamtypes.BODY);
  const validates = hasBody || args.includes(RouteParamtypes.QUERY) || args.includes(RouteParamtypes.PARAM);
  for (const parameter of directPath?.match(/:\w+/g) ?? [])
    decorate(ApiParam({ name: parameter.slice(1), type: 'string', required: true }));

  const declared = [
    ...((reflector.get<ProblemTypesByStatus[] | undefined>(PROBLEM_RESPONSES, controller) ??
      []) as ProblemTypesByStatus[]),
    ...((reflector.get<ProblemTypesByStatus[] | undefined>(PROBLEM_RESPONSES, method) ??
      []) as ProblemTypesByStatus[]),
  ];
  const routePath = `/${[
    Reflect.getMetadata(PATH_METADATA, controller),
    directPath ?? Reflect.getMetadata(PATH_METADATA, method),
  ]
    .map((part) => String(part ?? '').replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')}`;
  const limited = !UNLIMITED_PATHS.some((pattern) => pattern.test(routePath));
  const problems = mergeProblemTypes([
    EVERY_ROUTE,
    ...(limited ? [RATE_LIMITED] : []),
    ...(isPublic ? [] : [SIGNED_IN]),
    ...(validates ? [VALIDATED] : []),
    ...(hasBody ? [WITH_BODY] : []),
    ...declared,
  ]);
  const documented = (Reflect.getMetadata(SWAGGER_METADATA.responses, method) as object | undefined) ?? {};
  if (!Object.keys(documented).some((status) => /^[23]/.test(status))) {
    // A route that declares no success answer gets Nest's status; its body stays undescribed, which the
    // http test support refuses for a route that sends one (so every body gets an @ApiOkResponse).
    const status =
      (Reflect.getMetadata(HTTP_CODE_METADATA, method) as number | undefined) ??
      (Reflect.getMetadata(METHOD_METADATA, method) === RequestMethod.POST ? 201 : 200);
    decorate(ApiResponse({ status, description: 'Success.' }));
  }
  for (const [status, types] of problems) {
    if (String(status) in documented) continue;
    decorate(
      ApiResponse({
        status,
        description: problemDescription(types),
        content: { 'application/problem+json': { schema: problemSchemaFor(status, types) } },
      }),
    );
  }
  const operation =
    (Reflect.getMetadata(SWAGGER_METADATA.operation, method) as ApiOperationOptions | undefined) ?? {};
  const who = isPublic ? undefined : roles.length ? `Roles: ${roles.join(', ')}.` : 'Any signed-in caller.';
  decorate(
    ApiOperation({
      ...operation,
      // A route without its own summary is named by its method and controller (`create · Categories`).
      summary: operation.summary ?? `${words(name)} · ${words(controller.name.replace(/Controller$/, ''))}`,
      ...(who ? { description: [operation.description, who].filter(Boolean).join('\n\n') } : {}),
    }),
  );
}

/** `if-match` → `If-Match`, as the header is written in documents. */
function headerName(lowerCase: string): string {
  return lowerCase.replace(
    /(^|-)([a-z])/g,
    (_all, dash: string, letter: string) => dash + letter.toUpperCase(),
  );
}

/** `createProduct` → `create product`, `AdminProducts` → `admin products`. */
function words(identifier: string): string {
  return identifier.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

function problemDescription(types: readonly string[]): string {
  const named = types.map((type) => (type === 'about:blank' ? type : `urn:harvest:problem:${type}`));
  return `Problem: ${named.join(', ')}`;
}
