import type { ValidationError } from 'class-validator';
import type { FieldError } from '../problem/problem-details';

/** Flattens class-validator's error tree into one entry per message, with paths like `lines[0].quantity`. */
export function fieldErrorsOf(errors: ValidationError[], parentPath = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const path = joinPath(parentPath, error.property);
    for (const message of Object.values(error.constraints ?? {})) out.push({ field: path, message });
    if (error.children?.length) out.push(...fieldErrorsOf(error.children, path));
  }
  return out;
}

function joinPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}
