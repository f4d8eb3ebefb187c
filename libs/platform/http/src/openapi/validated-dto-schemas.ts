import type { Type } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { SWAGGER_METADATA } from './swagger-metadata-keys';
import { getMetadataStorage } from 'class-validator';
import { dtoSchema, type PropertySchema } from '../validation/dto-schema';

const described = new WeakSet<Type>();

/**
 * Describes every class class-validator knows (our request DTOs) to @nestjs/swagger from the rules the
 * validation pipe enforces, so the documented constraints are the enforced ones by construction: no second
 * copy in `@ApiProperty` decorators, and no compile step (the swagger CLI plugin needs tsc; our services
 * and Jest run through SWC). An explicit `@ApiProperty` on a property (a description, an example) is kept
 * and wins over what is derived. Runs once per class however many documents a process builds.
 */
export function describeValidatedDtos(): void {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Type, unknown> };
  for (const dto of storage.validationMetadatas.keys()) {
    if (typeof dto !== 'function' || described.has(dto)) continue;
    described.add(dto);
    for (const property of dtoSchema(dto)) {
      const explicit = Reflect.getMetadata(SWAGGER_METADATA.modelProperties, dto.prototype, property.name) as
        ApiPropertyOptions | undefined;
      ApiProperty({ ...propertyOptions(dto, property), ...explicit } as ApiPropertyOptions)(
        dto.prototype,
        property.name,
      );
    }
  }
}

function propertyOptions(dto: Type, p: PropertySchema): ApiPropertyOptions {
  const options: Record<string, unknown> = { required: !p.optional };
  const designType = Reflect.getMetadata('design:type', dto.prototype, p.name) as unknown;
  switch (p.kind) {
    case 'string':
      options.type = 'string';
      break;
    case 'int':
      options.type = 'integer';
      break;
    case 'number':
      options.type = 'number';
      break;
    case 'boolean':
      options.type = 'boolean';
      break;
    case 'object':
      options.type = 'object';
      options.additionalProperties = true;
      break;
    case 'nested':
      if (p.nested) options.type = p.nested;
      break;
    case 'unknown':
      // No type rule (an enum or a pattern alone): the TypeScript type SWC recorded, unless that is an array.
      if (designType !== Array && designType !== Object && designType !== undefined)
        options.type = designType;
      break;
  }
  if (p.array || designType === Array) options.isArray = true;
  if (p.min !== undefined) options.minimum = p.min;
  if (p.max !== undefined) options.maximum = p.max;
  if (p.minLength !== undefined) options.minLength = p.minLength;
  if (p.maxLength !== undefined && Number.isFinite(p.maxLength)) options.maxLength = p.maxLength;
  if (p.pattern) options.pattern = p.pattern.source;
  if (p.oneOf) {
    options.enum = p.oneOf;
    if (p.kind === 'unknown' && options.type === undefined)
      options.type = typeof p.oneOf[0] === 'number' ? 'number' : 'string';
  }
  if (p.date === 'calendar') options.format = 'date';
  if (p.date === 'iso') options.description = 'An ISO 8601 date or date-time.';
  if (p.uuid) options.format = 'uuid';
  if (p.arrayMin !== undefined) options.minItems = p.arrayMin;
  if (p.arrayMax !== undefined) options.maxItems = p.arrayMax;
  if (p.maxDecimals !== undefined) options.description = `At most ${p.maxDecimals} decimal places.`;
  return options as ApiPropertyOptions;
}
