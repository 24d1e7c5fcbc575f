/**
 * What a call threw, boxed: `undefined` and `null` are values a user's function may throw too.
 *
 * @example
 * ```ts
 * const thrown: Thrown | undefined = attempt(() => subscription.unsubscribe());
 * if (thrown !== undefined) fail(thrown.error);
 * ```
 */
export interface Thrown {
  readonly error: unknown;
}

/**
 * Runs `fn`; returns what it threw, if it did, rather than letting it escape
 * (from inside an RxJS callback it would become an uncaught exception).
 *
 * @example
 * ```ts
 * attempt(() => socket.destroy()); // undefined, or { error } for a socket-shaped value that throws
 * ```
 */
export function attempt(fn: () => void): Thrown | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return { error };
  }
}

/**
 * Runs `fn`, and hands what it throws to `onThrow`.
 *
 * @example
 * ```ts
 * source.subscribe({ next: (value) => attemptOr(() => use(value), fail) });
 * ```
 */
export function attemptOr(fn: () => void, onThrow: (error: unknown) => void): void {
  const thrown = attempt(fn);
  if (thrown !== undefined) onThrow(thrown.error);
}
