import { PATH_METADATA, METHOD_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RequestMethod, type INestApplication, type Type } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { REQUIRED_ROLES, type Role } from '@harvest/platform/http';

export interface JsonWriteRoute {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** With Nest's `:param` placeholders. */
  path: string;
  /** The class the body is validated against. */
  bodyType: Type;
  /** Roles the route accepts; empty for any signed-in caller or a public route. */
  roles: Role[];
  /** `Controller.method`, for messages. */
  handler: string;
}

const WRITE_METHODS: Partial<Record<RequestMethod, JsonWriteRoute['method']>> = {
  [RequestMethod.POST]: 'POST',
  [RequestMethod.PUT]: 'PUT',
  [RequestMethod.PATCH]: 'PATCH',
  [RequestMethod.DELETE]: 'DELETE',
};

/**
 * Every route of the app that takes a JSON body validated against a class (an `@Body()` DTO), read from
 * the app's own route table, so a route added later is fuzzed without anyone listing it.
 */
export function jsonWriteRoutes(app: INestApplication): JsonWriteRoute[] {
  const routes: JsonWriteRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      const prefixes = asList(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const classRoles = (Reflect.getMetadata(REQUIRED_ROLES, controller) as Role[] | undefined) ?? [];
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name] as unknown;
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = WRITE_METHODS[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const bodyType = method && bodyTypeOf(controller, name);
        if (!method || !bodyType) continue;
        const roles = (Reflect.getMetadata(REQUIRED_ROLES, handler) as Role[] | undefined) ?? classRoles;
        for (const prefix of prefixes)
          for (const path of asList(Reflect.getMetadata(PATH_METADATA, handler) ?? ''))
            routes.push({
              method,
              path: joinPath(prefix, path),
              bodyType,
              roles,
              handler: `${controller.name}.${name}`,
            });
      }
    }
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

function bodyTypeOf(controller: Type, name: string): Type | undefined {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<
    string,
    { index: number; data?: unknown }
  >;
  const paramTypes = (Reflect.getMetadata('design:paramtypes', controller.prototype, name) ?? []) as Type[];
  for (const [key, arg] of Object.entries(args)) {
    if (Number(key.split(':')[0]) !== RouteParamtypes.BODY || arg.data !== undefined) continue;
    const type = paramTypes[arg.index];
    if (type && type !== Object && type.prototype !== undefined) return type;
  }
  return undefined;
}

function asList(value: string | string[]): string[] {
  return Array.isArray(value) ? value : [value];
}

function joinPath(prefix: string, path: string): string {
  return `/${[prefix, path]
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')}`;
}
