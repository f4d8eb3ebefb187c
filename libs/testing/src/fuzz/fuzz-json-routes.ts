import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Role } from '@harvest/platform/http';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import {
  certainlyInvalidValues,
  edgeValues,
  validBody,
  type IdPools,
  type Json,
  type JsonObject,
} from './body-arbitraries';
import { dtoSchema, type PropertySchema } from '@harvest/platform/http';
import { jsonWriteRoutes, type JsonWriteRoute } from './json-write-routes';

export interface FuzzSettings {
  /** Bodies per route and kind (valid, hostile). */
  numRuns: number;
  seed: number;
  /** fast-check's replay path of a reported failure (with its seed). */
  path?: string;
  /** Only routes whose `METHOD /path` contains this. */
  only?: string;
}

/** FUZZ_RUNS, FUZZ_SEED, FUZZ_PATH, FUZZ_ROUTE; `npm test` runs the small fixed default. */
export function fuzzSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): FuzzSettings {
  return {
    numRuns: Number(env.FUZZ_RUNS ?? 6),
    seed: Number(env.FUZZ_SEED ?? 26),
    path: env.FUZZ_PATH || undefined,
    only: env.FUZZ_ROUTE || undefined,
  };
}

export type TokenFor = (role: Role) => Promise<string>;

/** Headers that authenticate the exact bytes sent, for a route signed instead of bearer-authenticated. */
export type SignFor = (route: JsonWriteRoute, payload: string) => Record<string, string>;

/** Existing ids for the route's fields and path parameters (`:id` may mean another thing per route). */
export type IdsFor = (route: JsonWriteRoute) => IdPools;

/** A value put at a path of a valid body, and what the service owes for it. */
interface Hostile {
  body: JsonObject;
  /** The field the problem must name; undefined when the value may be valid (only no 5xx is owed). */
  field?: string;
  what: string;
}

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];

/** The routes the fuzz covers, for a test to assert the table is not empty. */
export function fuzzedRoutes(app: NestFastifyApplication, settings: FuzzSettings): JsonWriteRoute[] {
  return jsonWriteRoutes(app).filter(
    (r) => !settings.only || `${r.method} ${r.path}`.includes(settings.only),
  );
}

/**
 * Valid bodies from the route's DTO are accepted or refused for a business reason, never a 5xx; hostile
 * ones (wrong types, out-of-bound numbers, unknown and prototype keys, nesting 33 to 5,000 deep) get a 4xx
 * problem naming the field; edge values (number edges, Unicode) never a 5xx. Throws fast-check's report
 * (seed, path, the body) on the first failure.
 */
export async function fuzzRoute(
  app: NestFastifyApplication,
  route: JsonWriteRoute,
  tokenFor: TokenFor,
  settings: FuzzSettings,
  { idsFor = () => ({}), signFor = () => ({}) }: { idsFor?: IdsFor; signFor?: SignFor } = {},
): Promise<StatusTally> {
  const ids = idsFor(route);
  // Staff where the route takes them: an agent acting needs a call, which a generated body cannot have.
  const token = await tokenFor(
    route.roles.length === 0 || route.roles.includes('admin') ? 'admin' : route.roles[0]!,
  );
  const tally: StatusTally = { valid: {}, hostile: {} };
  const count = (kind: keyof StatusTally, status: number) => {
    tally[kind][status] = (tally[kind][status] ?? 0) + 1;
  };
  const send = (url: string, body: JsonObject) => {
    const payload = serialise(body);
    return app.inject({
      method: route.method,
      url,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
        ...signFor(route, payload),
      },
      payload,
    });
  };
  const name = `${route.method} ${route.path} (${route.handler})`;
  const options = {
    seed: settings.seed,
    numRuns: settings.numRuns,
    path: settings.path,
    endOnFailure: false,
  };

  await fc.assert(
    fc.asyncProperty(urlOf(route, ids), validBody(route.bodyType, ids), async (url, body) => {
      const res = await send(url, body);
      count('valid', res.statusCode);
      expectNo5xx(name, res, `the valid body ${serialise(body).slice(0, 300)}`);
    }),
    options,
  );
  await fc.assert(
    fc.asyncProperty(urlOf(route, ids), hostileBody(route, ids), async (url, hostile) => {
      const res = await send(url, hostile.body);
      count('hostile', res.statusCode);
      expectNo5xx(name, res, `${hostile.what} in ${serialise(hostile.body).slice(0, 300)}`);
      // A body over the route's size limit is refused before anything is parsed: nothing to name there.
      if (hostile.field === undefined || res.statusCode === 413) return;
      if (res.statusCode < 400 || res.statusCode >= 500 || !problemNames(res.body, hostile.field))
        throw new Error(
          `${name}: ${hostile.what} answered ${res.statusCode} ${res.body.slice(0, 400)}; expected a 4xx problem naming ${hostile.field}`,
        );
    }),
    options,
  );
  return tally;
}

/** How many answers of each status the valid and the hostile bodies got (shrinking included). */
export interface StatusTally {
  valid: Record<number, number>;
  hostile: Record<number, number>;
}

/** Path parameters: an existing id most of the time, a made-up one otherwise (a 404 is worth checking too). */
function urlOf(route: JsonWriteRoute, ids: IdPools): fc.Arbitrary<string> {
  const names = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
  const values = names.map((name) => {
    const pool = ids[name] ?? [];
    return pool.length
      ? fc.oneof({ arbitrary: fc.constantFrom(...pool), weight: 4 }, { arbitrary: fc.uuid(), weight: 1 })
      : fc.uuid();
  });
  return fc.tuple(...values).map((chosen) => {
    let i = 0;
    return route.path.replace(/:[A-Za-z]+/g, () => encodeURIComponent(chosen[i++]!));
  });
}

interface Answer {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

function expectNo5xx(name: string, res: Answer, what: string): void {
  if (res.statusCode >= 500)
    throw new Error(`${name}: ${what} answered ${res.statusCode} ${res.body.slice(0, 400)}`);
  if (res.statusCode >= 400 && !String(res.headers['content-type']).startsWith('application/problem+json'))
    throw new Error(`${name}: ${what} answered ${res.statusCode} as ${String(res.headers['content-type'])}`);
}

/** The problem names the field (its `errors[].field` or `field`), or a field inside it. */
function problemNames(body: string, field: string): boolean {
  const problem = JSON.parse(body) as { field?: string; errors?: Array<{ field?: string }> };
  const named = [problem.field, ...(problem.errors ?? []).map((e) => e.field)].filter(
    (f): f is string => !!f,
  );
  return named.some((f) => f === field || f.startsWith(`${field}.`) || f.startsWith(`${field}[`));
}

interface Target {
  /** Keys and indexes from the body's root. */
  path: Array<string | number>;
  schema: PropertySchema;
}

/** Every field of the DTO, nested DTOs included (the first element of an array of them). */
function targetsOf(schema: PropertySchema[], prefix: Array<string | number> = [], depth = 0): Target[] {
  const targets: Target[] = [];
  for (const p of schema) {
    const path = [...prefix, p.name];
    targets.push({ path, schema: p });
    if (p.kind === 'nested' && p.nested && depth < 3)
      targets.push(...targetsOf(dtoSchema(p.nested), p.array ? [...path, 0] : path, depth + 1));
  }
  return targets;
}

function hostileBody(route: JsonWriteRoute, ids: IdPools): fc.Arbitrary<Hostile> {
  const targets = targetsOf(dtoSchema(route.bodyType));
  const valid = validBody(route.bodyType, ids);
  const fieldName = (path: Array<string | number>) =>
    path.reduce<string>((out, k) => (typeof k === 'number' ? `${out}[${k}]` : out ? `${out}.${k}` : k), '');
  const top = (path: Array<string | number>) => String(path[0]);
  const mutations: Array<fc.Arbitrary<Hostile>> = [
    fc.tuple(valid, fc.stringMatching(/^[a-z][a-zA-Z]{2,12}$/)).map(([body, key]) => {
      const unknown = `fuzz_${key}`;
      return { body: { ...body, [unknown]: 1 }, field: unknown, what: `unknown field ${unknown}` };
    }),
    fc.tuple(valid, fc.constantFrom(...PROTOTYPE_KEYS)).map(([body, key]) => ({
      body: withOwn(body, key, {}),
      field: key,
      what: `prototype key ${key}`,
    })),
    fc.tuple(valid, fc.constantFrom(33, 100, 5000), fc.boolean()).map(([body, depth, arrays]) => ({
      body: { ...body, fuzzDeep: deep(depth, arrays) },
      field: 'fuzzDeep',
      what: `a field nested ${depth} deep`,
    })),
  ];
  if (targets.length > 0) {
    const target = fc.constantFrom(...targets);
    mutations.push(
      fc.tuple(valid, target, fc.constantFrom(33, 5000), fc.boolean()).map(([body, t, depth, arrays]) => ({
        body: setAt(body, t.path, deep(depth, arrays)),
        field: top(t.path),
        what: `${fieldName(t.path)} nested ${depth} deep`,
      })),
      fc.tuple(valid, target, fc.constantFrom(...PROTOTYPE_KEYS)).map(([body, t, key]) => ({
        body: setAt(body, t.path, withOwn({}, key, 1)),
        field: top(t.path),
        what: `${fieldName(t.path)} holding the prototype key ${key}`,
      })),
      fc.tuple(valid, target).chain(([body, t]) => {
        const values = certainlyInvalidValues(t.schema);
        return values.length === 0
          ? fc.constant({ body, what: 'a valid body' } as Hostile)
          : fc.constantFrom(...values).map((value) => ({
              body: setAt(body, t.path, value),
              field: top(t.path),
              what: `${fieldName(t.path)} = ${JSON.stringify(value)?.slice(0, 60)}`,
            }));
      }),
      fc.tuple(valid, target).chain(([body, t]) =>
        fc.constantFrom(...edgeValues(t.schema)).map((value) => ({
          body: setAt(body, t.path, value),
          what: `${fieldName(t.path)} = ${JSON.stringify(value)?.slice(0, 60)} (edge value)`,
        })),
      ),
    );
  }
  return fc.oneof(...mutations);
}

/**
 * A stand-in for a value nested `depth` deep, written out only when the body is serialised: a JS object
 * that deep would overflow the stack of fast-check's reporting and of structuredClone.
 */
function deep(depth: number, arrays: boolean): Json {
  return `\u0000deep:${depth}:${arrays ? 'arrays' : 'objects'}\u0000`;
}

function serialise(body: JsonObject): string {
  return JSON.stringify(body).replace(
    /"\\u0000deep:(\d+):(arrays|objects)\\u0000"/g,
    (_m, depth: string, kind: string) => {
      const n = Number(depth);
      return kind === 'arrays'
        ? '['.repeat(n) + ']'.repeat(n)
        : '{"a":'.repeat(n - 1) + '{}' + '}'.repeat(n - 1);
    },
  );
}

/** An own property even for `__proto__` (a plain assignment would set the prototype instead). */
function withOwn(body: JsonObject, key: string, value: Json): JsonObject {
  const copy = { ...body };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** A copy of the body with the value at the path, creating the containers on the way. */
function setAt(body: JsonObject, path: Array<string | number>, value: Json): JsonObject {
  const root = structuredClone(body) as JsonObject;
  let at: Json = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const container = at as Record<string | number, Json>;
    const next = container[key];
    if (next === null || typeof next !== 'object')
      container[key] = typeof path[i + 1] === 'number' ? [{}] : {};
    at = container[key]!;
  }
  (at as Record<string | number, Json>)[path[path.length - 1]!] = value;
  return root;
}
