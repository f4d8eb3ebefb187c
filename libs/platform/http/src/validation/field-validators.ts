import { Type } from 'class-transformer';
import { IsObject, ValidateBy, ValidateIf, ValidateNested, type ValidationOptions } from 'class-validator';

/**
 * Field rules every app's DTOs share, so one input shape is judged the same way on every route. Each one
 * refuses in the DTO what would otherwise reach a service or the database and come back as a 500.
 */

const compose =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, property) => {
    for (const decorate of decorators) decorate(target, property);
  };

/**
 * The field may be left out, but not sent as null. `@IsOptional()` skips every rule for null too, and a
 * service that tells "given" from "left out" with `=== undefined` then works on a null.
 */
export function IsOmittable(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined, options);
}

/**
 * One nested object of the DTO given. `@ValidateNested()` alone lets a missing value, null, a string or an
 * array through (an array's elements are validated instead, so `[]` passes as an object).
 */
export function NestedObject(dto: () => new () => object, options?: ValidationOptions): PropertyDecorator {
  return compose(
    IsObject({ ...options, message: ({ property }) => `${property} must be an object` }),
    ValidateNested(options),
    Type(dto),
  );
}

/** Each element one nested object of the DTO given: `[[]]` or `[null]` is refused by index, not passed over. */
export function NestedObjects(dto: () => new () => object, options?: ValidationOptions): PropertyDecorator {
  return compose(
    IsObject({
      ...options,
      each: true,
      message: ({ property }) => `each element of ${property} must be an object`,
    }),
    ValidateNested({ ...options, each: true }),
    Type(dto),
  );
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` naming a day that exists (2026-02-30 does not) within MariaDB's DATE range (years 1000-9999). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = CALENDAR_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  if (year < 1000) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value) => isCalendarDate(value),
        defaultMessage: () => '$property must be a calendar date YYYY-MM-DD that exists',
      },
    },
    options,
  );
}

/**
 * A finite number with at most `places` decimals, judged on the number as parsed: 1e-7 has seven, although
 * class-validator's `maxDecimalPlaces` reads its printed form "1e-7" and sees none.
 */
export function hasAtMostDecimals(value: unknown, places: number): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  const scale = 10 ** places;
  return Math.round(value * scale) / scale === value;
}

export function MaxDecimals(places: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxDecimals',
      constraints: [places],
      validator: {
        validate: (value) => hasAtMostDecimals(value, places),
        defaultMessage: () => `$property must be a number with at most ${places} decimals`,
      },
    },
    options,
  );
}

/**
 * Length as the column counts it (characters, i.e. code points, in utf8mb4), of the string as the service
 * stores it: `normalise` is that service's own normalisation (case mapping can lengthen a string: "İ" lower-
 * cases to two characters), so what passes here always fits the column.
 */
export function fitsColumn(
  value: unknown,
  maxCharacters: number,
  normalise: (text: string) => string,
): boolean {
  return typeof value === 'string' && [...normalise(value)].length <= maxCharacters;
}

export function FitsColumn(
  maxCharacters: number,
  normalise: (text: string) => string = (text) => text,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'fitsColumn',
      constraints: [maxCharacters],
      validator: {
        validate: (value) => fitsColumn(value, maxCharacters, normalise),
        defaultMessage: () => `$property must be at most ${maxCharacters} characters once normalised`,
      },
    },
    options,
  );
}
