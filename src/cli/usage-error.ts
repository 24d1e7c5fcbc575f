/**
 * A command line the CLI cannot run: an unknown option, a missing or extra
 * argument, a malformed `--sockopt`. The CLI prints its message on one line of
 * stderr and exits with code 2.
 *
 * @example
 * ```ts
 * try {
 *   parseCliArgs(['--sockopt', 'Timeout']);
 * } catch (err) {
 *   if (err instanceof UsageError) console.error(err.message); // --sockopt expects NAME=VALUE, got 'Timeout'
 * }
 * ```
 */
export class UsageError extends Error {
  readonly code = 'ERR_STOMP_USAGE' as const;

  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
