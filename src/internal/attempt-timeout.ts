import { identity, throwError, timeout, type MonoTypeOperatorFunction } from 'rxjs';

/** The cause of an attempt that ran out of time: `code` ETIMEDOUT, as Node's own. */
export class AttemptTimeoutError extends Error {
  readonly code = 'ETIMEDOUT' as const;
  constructor(readonly ms: number) {
    super(`timed out after ${ms} ms`);
    this.name = 'AttemptTimeoutError';
  }
}

/**
 * Fails an attempt that has not produced its first value within `ms`
 * (0 or undefined = no limit). Built on RxJS's `timeout`, so the scheduler —
 * virtual under `TestScheduler.run` — owns the clock, and expiry unsubscribes
 * the attempt, whose teardown destroys its socket.
 *
 * @example
 * ```ts
 * transport$.pipe(attemptTimeout(5000));
 * ```
 */
export function attemptTimeout<T>(ms: number | undefined): MonoTypeOperatorFunction<T> {
  if (ms === undefined || ms <= 0) return identity;
  return timeout({ first: ms, with: () => throwError(() => new AttemptTimeoutError(ms)) });
}
