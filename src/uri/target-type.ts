import { UriError } from '../errors/uri-error';

/**
 * What a value given as a connection target is, for a message: `undefined`,
 * `null`, `a number`, `an array`, `a URL object`, `an object`…
 *
 * @example
 * ```ts
 * describeValue(undefined);  // 'undefined'
 * describeValue([]);         // 'an array'
 * ```
 */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (isUrl(value)) return 'a URL object';
  const type = typeof value;
  return `${type === 'object' ? 'an' : 'a'} ${type}`;
}

/** A WHATWG URL (from any realm): its host and port look like a target's, but are not one. */
function isUrl(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && Object.prototype.toString.call(value) === '[object URL]'
  );
}

/**
 * Whether `value` can be the `{ host, port }` form of a target: an object,
 * not an array or a URL (whose `host` holds the port too).
 *
 * @example
 * ```ts
 * isTargetObject({ host: 'mq', port: 61613 }); // true
 * isTargetObject(new URL('tcp://mq:61613'));   // false
 * ```
 */
export function isTargetObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUrl(value);
}

/**
 * The error for a target that is neither a URI string nor `{ host, port }`,
 * worded the same by `parseUri`, `connect$` and `connect` (SPEC §1): what
 * was expected and what was given (never the value itself, which may hold a
 * passcode).
 *
 * @example
 * ```ts
 * notATarget(undefined).message; // 'expected a URI string or { host, port }, got undefined'
 * ```
 */
export function notATarget(value: unknown): UriError {
  const hint = isUrl(value) ? ': pass String(url)' : '';
  return new UriError(`expected a URI string or { host, port }, got ${describeValue(value)}${hint}`, {
    input: '',
  });
}
