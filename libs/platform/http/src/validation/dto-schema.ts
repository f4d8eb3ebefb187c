import type { Type } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';

// class-transformer keeps @Type() in a storage its index does not export; its typings sit apart from the code.
const { defaultMetadataStorage } =
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');

/** One DTO property as its class-validator decorators describe it. */
export interface PropertySchema {
  name: string;
  optional: boolean;
  /** What one value (or, for an array, one element) is. */
  kind: 'string' | 'int' | 'number' | 'boolean' | 'object' | 'nested' | 'unknown';
  array: boolean;
  nested?: Type;
  min?: number;
  max?: number;
  /** Decimals a number may have (IsNumber's maxDecimalPlaces). */
  maxDecimals?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: RegExp;
  oneOf?: unknown[];
  /** An ISO 8601 date or date-time, or only a `YYYY-MM-DD` day that exists. */
  date?: 'iso' | 'calendar';
  uuid?: boolean;
  arrayMin?: number;
  arrayMax?: number;
}

/** A DTO's properties read from class-validator's metadata storage (and class-transformer's @Type). */
export function dtoSchema(dto: Type): PropertySchema[] {
  const byProperty = new Map<string, PropertySchema>();
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  for (const m of metadata) {
    const p =
      byProperty.get(m.propertyName) ??
      ({ name: m.propertyName, optional: false, kind: 'unknown', array: false } as PropertySchema);
    byProperty.set(m.propertyName, p);
    const [c0] = (m.constraints ?? []) as unknown[];
    if (m.each) p.array = true;
    if (m.type === 'conditionalValidation') p.optional = true;
    else if (m.type === 'nestedValidation') {
      p.kind = 'nested';
      p.nested = nestedTypeOf(dto, m.propertyName);
    } else
      switch (m.name) {
        case 'isString':
          if (p.kind === 'unknown') p.kind = 'string';
          break;
        case 'isInt':
          p.kind = 'int';
          break;
        case 'isNumber':
          p.kind = 'number';
          p.maxDecimals =
            (c0 as { maxDecimalPlaces?: number } | undefined)?.maxDecimalPlaces ?? p.maxDecimals;
          break;
        case 'isBoolean':
          p.kind = 'boolean';
          break;
        case 'isObject':
          if (p.kind !== 'nested') p.kind = 'object'; // NestedObject(s) states both
          break;
        case 'isArray':
          p.array = true;
          break;
        case 'min':
          p.min = c0 as number;
          break;
        case 'max':
          p.max = c0 as number;
          break;
        case 'minLength':
          p.minLength = c0 as number;
          break;
        case 'maxLength':
          p.maxLength = c0 as number;
          break;
        case 'isLength':
          [p.minLength, p.maxLength] = m.constraints as [number, number];
          break;
        case 'matches':
          p.pattern = c0 instanceof RegExp ? c0 : new RegExp(String(c0), String(m.constraints[1] ?? ''));
          if (p.kind === 'unknown') p.kind = 'string';
          break;
        case 'isIn':
          p.oneOf = c0 as unknown[];
          break;
        case 'isEnum':
          p.oneOf = Object.values(c0 as object);
          break;
        case 'isDateString':
        case 'isIso8601':
          p.date = p.date ?? 'iso';
          p.kind = 'string';
          break;
        case 'isCalendarDate':
          p.date = 'calendar';
          p.kind = 'string';
          break;
        case 'maxDecimals':
          p.maxDecimals = c0 as number;
          break;
        case 'fitsColumn':
          p.maxLength = Math.min(p.maxLength ?? Infinity, c0 as number);
          if (p.kind === 'unknown') p.kind = 'string';
          break;
        case 'isUuid':
          p.uuid = true;
          p.kind = 'string';
          break;
        case 'arrayMinSize':
          p.arrayMin = c0 as number;
          p.array = true;
          break;
        case 'arrayMaxSize':
          p.arrayMax = c0 as number;
          p.array = true;
          break;
      }
  }
  return [...byProperty.values()];
}

/** The class of a nested property, declared with @Type() on the DTO or on a class it extends. */
function nestedTypeOf(dto: Type, property: string): Type | undefined {
  for (let target: unknown = dto; typeof target === 'function'; target = Object.getPrototypeOf(target)) {
    const found = defaultMetadataStorage.findTypeMetadata(target, property);
    if (found) return found.typeFunction() as Type;
  }
  return undefined;
}
