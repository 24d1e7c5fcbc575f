import type { ConnectEvent, ConnectOptions } from '../types';

/**
 * What `stompjsSocket`'s `options` come to: `onEvent`, and the rest for `connect$`.
 *
 * @example
 * ```ts
 * const { onEvent, connectOptions }: SplitOptions = splitOptions({ onEvent: console.log, random: Math.random });
 * ```
 */
export interface SplitOptions {
  readonly onEvent: ((event: ConnectEvent) => void) | undefined;
  readonly connectOptions: ConnectOptions;
}

/**
 * Checks `stompjsSocket`'s `options` (an object or undefined; `onEvent` a
 * function or undefined) and splits `onEvent` off. A `TypeError` names what
 * is wrong.
 *
 * @example
 * ```ts
 * splitOptions({ onEvent: 42 }); // throws TypeError: stompjsSocket: options.onEvent must be a function, got number
 * ```
 */
export function splitOptions(options: unknown): SplitOptions {
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
    throw new TypeError(`stompjsSocket: options must be an object, got ${kind(options)}`);
  }
  const { onEvent, ...connectOptions } = (options ?? {}) as ConnectOptions & { onEvent?: unknown };
  if (onEvent !== undefined && typeof onEvent !== 'function') {
    throw new TypeError(`stompjsSocket: options.onEvent must be a function, got ${kind(onEvent)}`);
  }
  return { onEvent: onEvent as SplitOptions['onEvent'], connectOptions };
}

function kind(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

/**
 * A thrown value's text, whatever was thrown (an object without prototype has no string form).
 *
 * @example
 * ```ts
 * reasonOf(new Error('boom')); // 'boom'
 * reasonOf(Object.create(null)); // 'object'
 * ```
 */
export function reasonOf(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  try {
    return String(cause);
  } catch {
    return typeof cause;
  }
}
