/**
 * The cause of an attempt that ran out of time (`connectionTimeout`, or the
 * `Timeout` sockopt): `code` ETIMEDOUT, as Node's own, so the attempt's
 * {@link AttemptError} has that code too.
 *
 * @example
 * ```ts
 * connect$('tcp://10.255.255.1?connectionTimeout=200').subscribe((event) => {
 *   if (event.type === 'failed') console.log(event.error.cause instanceof AttemptTimeoutError); // true
 * });
 * ```
 */
export class AttemptTimeoutError extends Error {
  readonly code = 'ETIMEDOUT' as const;
  /** The limit that ran out, in ms. */
  readonly ms: number;

  constructor(ms: number) {
    super(`timed out after ${ms} ms`);
    this.name = 'AttemptTimeoutError';
    this.ms = ms;
  }
}
