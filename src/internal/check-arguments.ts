import { SockoptError } from '../errors/sockopt-error';
import type { ConnectOptions, SockoptRecord } from '../types';
import { describeValue, isPlainObject } from './describe-value';
import { errorMessage, readProperty } from './error-message';

/**
 * The sockopts argument as checked (SPEC §1): `undefined`, or a copy of a
 * plain object, each value read once, so that the values checked are the
 * values used (a getter cannot answer differently later). Anything else (null,
 * an array, a string, a Map, an object that cannot be read) is a
 * {@link SockoptError}.
 *
 * @example
 * ```ts
 * checkedSockoptsArgument({ Timeout: 5 }); // { Timeout: 5 } (a copy)
 * checkedSockoptsArgument([]);             // throws SockoptError: … got an array
 * ```
 */
export function checkedSockoptsArgument(sockopts: unknown): SockoptRecord | undefined {
  if (sockopts === undefined) return undefined;
  const what = 'sockopts must be a plain object of option names to values';
  try {
    if (!isPlainObject(sockopts)) throw new SockoptError(`${what}, got ${describeValue(sockopts)}`);
    // Own data properties even for a name such as __proto__: no prototype is ever set.
    return Object.fromEntries(Object.entries(sockopts));
  } catch (error) {
    if (error instanceof SockoptError) throw error;
    throw new SockoptError(`${what}; it could not be read: ${unreadable(error)}`, { cause: error });
  }
}

/**
 * The options argument as checked (SPEC §1): an object (or `undefined`)
 * whose `transport`, `verify` and `random` are functions or `undefined`, each
 * read once. Anything else is a `TypeError` naming the option and what it got.
 *
 * @example
 * ```ts
 * checkedConnectOptions({ random: 0.5 }); // throws TypeError: options.random must be a function, got the number 0.5
 * ```
 */
export function checkedConnectOptions(options: unknown): ConnectOptions {
  const fields = readOptions(options, ['transport', 'verify', 'random']);
  for (const [name, value] of Object.entries(fields)) checkFunction(name, value);
  return Object.freeze(fields) as ConnectOptions;
}

/**
 * Reads the named fields of an options argument once, or throws a
 * `TypeError`: options that are not an object (`null`, a string, an array, a
 * function), or whose fields cannot be read (a getter or a Proxy that throws).
 *
 * @example
 * ```ts
 * readOptions({ signal, retries: 2 }, ['signal']); // { signal }
 * readOptions(null, ['signal']);                   // throws TypeError: options must be an object, got null
 * ```
 */
export function readOptions<K extends string>(options: unknown, names: readonly K[]): Record<K, unknown> {
  if (options === undefined)
    return Object.fromEntries(names.map((name) => [name, undefined])) as Record<K, unknown>;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  }
  try {
    return Object.fromEntries(
      names.map((name) => [name, (options as Record<string, unknown>)[name]]),
    ) as Record<K, unknown>;
  } catch (error) {
    throw new TypeError(`options could not be read: ${unreadable(error)}`, { cause: error });
  }
}

/**
 * A copy of an options object without the named fields (the ones its reader
 * handles itself), or a `TypeError` when it cannot be read. Call it once
 * {@link readOptions} has accepted the object.
 *
 * @example
 * ```ts
 * optionsWithout({ signal, verify }, ['signal']); // { verify }
 * ```
 */
export function optionsWithout(
  options: object | undefined,
  names: readonly string[],
): Record<string, unknown> {
  try {
    const rest: Record<string, unknown> = { ...options };
    for (const name of names) delete rest[name];
    return rest;
  } catch (error) {
    throw new TypeError(`options could not be read: ${unreadable(error)}`, { cause: error });
  }
}

/**
 * Throws a `TypeError` unless `value` is a function or `undefined`.
 *
 * @example
 * ```ts
 * checkFunction('onEvent', 'log'); // throws TypeError: options.onEvent must be a function, got a string
 * ```
 */
export function checkFunction(name: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'function') {
    throw new TypeError(`options.${name} must be a function, got ${describeValue(value)}`);
  }
}

/**
 * The `signal` option as checked: an `AbortSignal`, or `undefined` for
 * `undefined` and `null` (as `fetch` reads it). An `AbortController` given by
 * mistake is named as such; anything else is a `TypeError` too.
 *
 * @example
 * ```ts
 * checkedSignal(controller); // throws TypeError: options.signal is an AbortController; pass controller.signal
 * ```
 */
export function checkedSignal(signal: unknown): AbortSignal | undefined {
  if (signal === undefined || signal === null) return undefined;
  if (hasMethods(signal, ['addEventListener', 'removeEventListener']) && hasBoolean(signal, 'aborted')) {
    return signal as AbortSignal;
  }
  // A controller from any realm: abort() and a signal.
  if (hasMethods(signal, ['abort']) && hasMethods(readField(signal, 'signal'), ['addEventListener'])) {
    throw new TypeError('options.signal is an AbortController; pass controller.signal');
  }
  throw new TypeError(`options.signal must be an AbortSignal, got ${describeValue(signal)}`);
}

// By shape, not `instanceof`: signals may come from another realm (vm contexts, jest).
function hasMethods(value: unknown, names: readonly string[]): boolean {
  if (typeof value !== 'object' || value === null) return false;
  try {
    return names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');
  } catch {
    return false;
  }
}

function hasBoolean(value: unknown, name: string): boolean {
  return typeof readField(value, name) === 'boolean';
}

function readField(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? readProperty(value, name) : undefined;
}

function unreadable(error: unknown): string {
  return errorMessage(error) ?? describeValue(error);
}
