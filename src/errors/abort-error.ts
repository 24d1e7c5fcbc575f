/**
 * The rejection of {@link connect} when its `signal` aborts before a socket is
 * connected. Named `AbortError` like the DOM's and Node's own, so
 * `err.name === 'AbortError'` checks work; `cause` is the signal's reason.
 *
 * @example
 * ```ts
 * await connect(uri, {}, { signal: AbortSignal.timeout(5000) }).catch((err) => {
 *   if (err.name === 'AbortError') console.error('gave up');
 * });
 * ```
 */
export class AbortError extends Error {
  readonly code = 'ABORT_ERR' as const;

  constructor(reason?: unknown) {
    super('the connection run was aborted', reason === undefined ? undefined : { cause: reason });
    this.name = 'AbortError';
  }
}
