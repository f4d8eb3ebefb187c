/**
 * Every adapter stores JSON text, so the in-process cache behaves like Redis: callers get copies,
 * and a value that cannot round-trip (a function, a BigInt, a cycle) fails at `set` in tests,
 * not only in production against Redis.
 */
export function encodeCacheValue(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined)
    throw new TypeError('Cache values must be JSON-serialisable; got undefined or a function');
  return text;
}

export function decodeCacheValue<T>(text: string): T {
  return JSON.parse(text) as T;
}
