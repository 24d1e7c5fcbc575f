/**
 * What a value is, for an error message: `null`, `a string`, `the number 5`,
 * `an array`, `an object`, `a Map`, `an AbortController`… Never the value
 * itself beyond a number (it may be a secret), and never throws, whatever the
 * value (an object without prototype, a Proxy whose every trap throws).
 *
 * @example
 * ```ts
 * describeValue(null);             // 'null'
 * describeValue([]);               // 'an array'
 * describeValue(new Map());        // 'a Map'
 * describeValue(Object.create(null)); // 'an object without prototype'
 * ```
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'string':
      return 'a string';
    case 'number':
      return `the number ${String(value)}`;
    case 'bigint':
      return 'a bigint';
    case 'boolean':
      return 'a boolean';
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
  }
  if (value === null) return 'null';
  try {
    if (Array.isArray(value)) return 'an array';
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto === null) return 'an object without prototype';
    if (Object.getPrototypeOf(proto) === null) return 'an object';
    const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
    if (typeof name !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(name)) return 'an object';
    return `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`;
  } catch {
    return 'an unreadable object';
  }
}

/**
 * Whether `value` is a plain object: made by `{}`, `Object.create(null)` or
 * another realm's `Object` (vm contexts, jest), not an array, a Map, a class
 * instance. Throws what a Proxy's trap throws.
 *
 * @example
 * ```ts
 * isPlainObject({ Timeout: 5 }); // true
 * isPlainObject(new Map());      // false
 * ```
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}
