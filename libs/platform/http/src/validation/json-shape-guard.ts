import type { FieldError } from '../problem/problem-details';

/**
 * Keys that name Object.prototype members (or reach the prototype itself). No DTO declares them, and
 * class-validator's whitelist looks fields up in a plain object where these names resolve to inherited
 * members, so they slipped past the unknown-field guard; `__proto__` would even swap an object's prototype
 * once class-transformer copies it. Refused by name wherever they appear.
 */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

type Container =
  { kind: 'object'; key: string | undefined; expectKey: boolean } | { kind: 'array'; index: number };

/**
 * Checks raw JSON text before it is parsed: nesting deeper than `maxDepth` (a body nested thousands deep
 * overflows the stack of every recursive walker after the parser: class-transformer, class-validator, the
 * logger) and prototype keys at any depth. One linear pass without recursion; syntax errors are left to the
 * parser. Returns the offending field, with the path format of validation errors, or undefined.
 */
export function jsonShapeError(text: string, maxDepth: number): FieldError | undefined {
  const stack: Container[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = stringEnd(text, i);
      const top = stack[stack.length - 1];
      if (top?.kind === 'object' && top.expectKey) {
        top.key = decodeKey(text.slice(i, end + 1));
        top.expectKey = false;
        if (PROTOTYPE_KEYS.has(top.key))
          return { field: pathOf(stack), message: `property ${top.key} should not exist` };
      }
      i = end;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length >= maxDepth)
        return { field: pathOf(stack), message: `is nested deeper than ${maxDepth} levels` };
      stack.push(
        c === 0x7b ? { kind: 'object', key: undefined, expectKey: true } : { kind: 'array', index: 0 },
      );
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.kind === 'array') top.index++;
      else if (top) top.expectKey = true;
    }
  }
  return undefined;
}

/** Index of the quote closing the string that opens at `start` (or the last index for an unterminated one). */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x22) return i;
  }
  return text.length - 1;
}

function decodeKey(literal: string): string {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return literal; // malformed: the parser answers it
  }
}

/** `lines[0].sku`: the containers' current keys, as validation errors name fields. */
function pathOf(stack: Container[]): string {
  let path = '';
  for (const container of stack) {
    if (container.kind === 'array') path += `[${container.index}]`;
    else if (container.key !== undefined) path += path ? `.${container.key}` : container.key;
  }
  return path || '(body)';
}
