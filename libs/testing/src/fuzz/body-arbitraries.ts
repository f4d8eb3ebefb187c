import type { Type } from '@nestjs/common';
import fc from 'fast-check';
import { dtoSchema, type PropertySchema } from '@harvest/platform/http';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Nesting levels the fuzz goes to inside a DTO; real DTOs nest 3 deep at most. */
const MAX_DTO_NESTING = 4;

/** Ids that exist in the service under test, by field name (`categoryId`, `roomId`, ...). */
export type IdPools = Record<string, string[]>;

/**
 * A body the DTO accepts: every constraint its decorators state is met (the service may still refuse it).
 * A string field named in `ids` mostly takes an existing id, so bodies get past "unknown category" to the
 * code behind it.
 */
export function validBody(dto: Type, ids: IdPools = {}, depth = 0): fc.Arbitrary<JsonObject> {
  const properties = dtoSchema(dto);
  const model: Record<string, fc.Arbitrary<Json>> = {};
  for (const p of properties) model[p.name] = validProperty(p, ids, depth);
  const requiredKeys = properties.filter((p) => !p.optional).map((p) => p.name);
  return fc.record(model, { requiredKeys }) as fc.Arbitrary<JsonObject>;
}

function validProperty(p: PropertySchema, ids: IdPools, depth: number): fc.Arbitrary<Json> {
  const pool = ids[p.name];
  const generated = validValue(p, ids, depth);
  const one =
    pool?.length && p.kind === 'string'
      ? fc.oneof({ arbitrary: fc.constantFrom(...pool), weight: 4 }, { arbitrary: generated, weight: 1 })
      : generated;
  if (!p.array) return one;
  const minLength = p.arrayMin ?? 0;
  return fc.array(one, { minLength, maxLength: Math.max(minLength, Math.min(p.arrayMax ?? 4, 4)) });
}

function validValue(p: PropertySchema, ids: IdPools, depth: number): fc.Arbitrary<Json> {
  if (p.oneOf) return fc.constantFrom(...(p.oneOf as Json[]));
  switch (p.kind) {
    case 'nested':
      return p.nested && depth < MAX_DTO_NESTING ? validBody(p.nested, ids, depth + 1) : fc.constant({});
    case 'int':
      return integerIn(p.min, p.max);
    case 'number':
      return numberIn(p);
    case 'boolean':
      return fc.boolean();
    case 'object':
      return fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }).filter(plainKey), fc.string(), {
        maxKeys: 3,
      });
    case 'string':
      return stringFor(p);
    default:
      return fc.oneof(fc.string(), fc.integer());
  }
}

function integerIn(min = -(2 ** 31), max = 2 ** 31 - 1): fc.Arbitrary<number> {
  const edges = [min, max, 0, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32, Number.MAX_SAFE_INTEGER].filter(
    (n) => n >= min && n <= max,
  );
  return fc.oneof(
    fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) }),
    fc.constantFrom(...edges),
  );
}

function numberIn(p: PropertySchema): fc.Arbitrary<number> {
  const min = p.min ?? -1e9;
  const max = p.max ?? 1e9;
  const scale = p.maxDecimals === undefined ? 1e6 : 10 ** p.maxDecimals;
  return fc
    .integer({ min: Math.ceil(min * scale), max: Math.floor(max * scale) })
    .map((n) => n / scale)
    .filter((n) => n >= min && n <= max);
}

function stringFor(p: PropertySchema): fc.Arbitrary<string> {
  const minLength = p.minLength ?? 0;
  const maxLength = Math.min(p.maxLength ?? 40, 80);
  const fits = (s: string) => s.length >= minLength && s.length <= (p.maxLength ?? Infinity);
  if (p.uuid) return fc.uuid();
  if (p.date)
    return fc
      .tuple(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }),
        fc.boolean(),
      )
      .map(([d, dateOnly]) =>
        dateOnly || p.date === 'calendar' ? d.toISOString().slice(0, 10) : d.toISOString(),
      );
  if (p.pattern) return fc.stringMatching(p.pattern).filter(fits);
  return fc.oneof(
    fc.string({ minLength, maxLength }),
    fc.string({ unit: 'grapheme', minLength, maxLength }),
    fc.stringMatching(/^[\u4e00-\u9fa5A-Za-z0-9 -]+$/).filter(fits),
  );
}

function plainKey(key: string): boolean {
  return !(key in Object.prototype) && key !== '__proto__';
}

/**
 * Values a field must refuse whatever it is (outside its type or bounds): the service owes a 4xx problem
 * naming the field. `null` only for a required field (class-validator treats null as absent).
 */
export function certainlyInvalidValues(p: PropertySchema): Json[] {
  if (p.kind === 'unknown') return []; // no type stated: only the shape checks apply
  const values: Json[] = [[[]]];
  if (p.kind !== 'boolean' || p.array) values.push(true);
  if (p.kind !== 'object' || p.array) values.push({ a: { a: {} } });
  if (!p.optional) values.push(null);
  if (p.array) values.push('x', 1, { 0: 'x' });
  switch (p.array ? 'array' : p.kind) {
    case 'int':
      values.push(
        'NaN',
        '1',
        1e-7,
        1.5,
        ...[p.max !== undefined ? [2 ** 31, 2 ** 32, 2 ** 63, 1e308].filter((n) => n > p.max!) : []].flat(),
      );
      if (p.min !== undefined) values.push(p.min - 1);
      break;
    case 'number':
      values.push('NaN', '1e308', 'Infinity');
      if (p.max !== undefined) values.push(...[2 ** 31, 2 ** 32, 2 ** 63, 1e308].filter((n) => n > p.max!));
      if (p.maxDecimals !== undefined) values.push(10 ** -(p.maxDecimals + 5));
      break;
    case 'string':
      values.push(42, -0);
      if (p.maxLength !== undefined) values.push('x'.repeat(p.maxLength + 1));
      break;
    case 'boolean':
      values.push('true', 1);
      break;
    case 'nested':
      values.push('x', 42);
      break;
  }
  return values;
}

/**
 * Values that may or may not be valid for the field: the answer may be anything but a 5xx, and a 4xx
 * must be problem+json. Number edges, Unicode that changes length when case-mapped or normalised, lone
 * surrogates, combining marks.
 */
export function edgeValues(p: PropertySchema): Json[] {
  const numbers = [1e-7, -0, 2 ** 31, 2 ** 32, 2 ** 63, 1e308, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER];
  const strings = [
    'İ'.repeat(p.maxLength ?? 32),
    'e\u0301'.repeat(Math.ceil((p.maxLength ?? 32) / 2)),
    '\ud800',
    'a\udfffb',
    '2026-02-30',
    '0000-00-00',
    ' ',
    '',
    'NaN',
    '\u0000',
  ];
  if (p.kind === 'int' || p.kind === 'number') return numbers;
  if (p.kind === 'string') return strings;
  return [...numbers.slice(0, 3), ...strings.slice(0, 3)];
}
