import { describeValue } from './describe-value';

/**
 * Reads `value[key]` as a getter or a Proxy allows: what it throws reads as `undefined`.
 *
 * @example
 * ```ts
 * readProperty(Object.create(null), 'message'); // undefined
 * ```
 */
export function readProperty(value: object, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/**
 * The words of a thrown or rejected value, if it has any: a non-empty string
 * itself, else an object's non-empty `message`, else its `name`. `undefined`
 * for anything else (`null`, a number, an object without prototype, an object
 * whose getters throw): the caller then says what the value is
 * (`describeValue`). Never throws, and never calls the value's `toString`
 * (which may throw, or not exist).
 *
 * @example
 * ```ts
 * errorMessage(new Error('boom')); // 'boom'
 * errorMessage('boom');            // 'boom'
 * errorMessage(null);              // undefined
 * ```
 */
export function errorMessage(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value !== 'object' || value === null) return undefined;
  const message = readProperty(value, 'message');
  if (typeof message === 'string' && message !== '') return message;
  const name = readProperty(value, 'name');
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/**
 * `WHAT threw: MESSAGE`, or `WHAT threw null` (what the value is) when it has no words.
 *
 * @example
 * ```ts
 * threwText('options.random', new Error('boom')); // 'options.random threw: boom'
 * threwText('options.random', null);              // 'options.random threw null'
 * ```
 */
export function threwText(what: string, error: unknown): string {
  const words = errorMessage(error);
  return words === undefined ? `${what} threw ${describeValue(error)}` : `${what} threw: ${words}`;
}
