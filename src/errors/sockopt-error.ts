/**
 * A socket option with an unknown name, a wrong value, an unreadable file or
 * a key that its passphrase does not unlock. Raised before any attempt.
 *
 * @example
 * ```ts
 * connect$('ssl://broker:61614', { SSL_ca_fle: 'ca.pem' }).subscribe({
 *   error: (err) => err instanceof SockoptError && console.error(err.option, err.message),
 * });
 * ```
 */
export class SockoptError extends Error {
  readonly code = 'ERR_STOMP_SOCKOPT' as const;
  /** The name of the offending socket option, where there is one. */
  readonly option: string | undefined;

  constructor(message: string, details: { option?: string; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'SockoptError';
    this.option = details.option;
  }
}
