/**
 * A URI that cannot be parsed, or an option in it with a wrong name or value.
 *
 * `input` is the URI as given, with any passcode masked as `***`; `position`
 * is the 0-based character offset of the fault in it, where there is one.
 *
 * @example
 * ```ts
 * try {
 *   parseUri('tcp://host:');
 * } catch (err) {
 *   if (err instanceof UriError) console.error(err.code, err.position, err.message);
 * }
 * ```
 */
export class UriError extends Error {
  readonly code = 'ERR_STOMP_URI' as const;
  /** The URI (or file line) with any passcode masked. */
  readonly input: string;
  /** Character offset of the fault in `input`, where one exists. */
  readonly position: number | undefined;

  constructor(message: string, details: { input: string; position?: number; cause?: unknown }) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'UriError';
    this.input = details.input;
    this.position = details.position;
  }
}
