import type { StompFrame } from '../stomp/frame';

/**
 * The `code`s a {@link StompError} can carry.
 *
 * @example
 * ```ts
 * const retryable = (code: StompErrorCode): boolean => code === 'ERR_STOMP_CLOSED';
 * ```
 */
export type StompErrorCode =
  /** The broker answered the CONNECT frame with an ERROR frame. */
  | 'ERR_STOMP_ERROR_FRAME'
  /** The connection ended before the broker's answer was complete. */
  | 'ERR_STOMP_CLOSED'
  /** The bytes received are not a STOMP frame, or not the one expected. */
  | 'ERR_STOMP_PROTOCOL'
  /** Nothing arrived from the broker for twice the negotiated incoming heart-beat interval. */
  | 'ERR_STOMP_HEARTBEAT';

/**
 * A STOMP exchange that did not go as planned: the broker's ERROR frame, a
 * connection closed before the answer, or bytes that are not STOMP. Raised by
 * {@link stompHandshake}; within {@link connect$} it is the `cause` of an
 * {@link AttemptError} whose `code` is this error's `code`.
 *
 * For an ERROR frame the message carries the frame's `message` header and
 * the first line of its body (where brokers put the reason), and `frame`
 * holds the whole frame. Neither ever shows the login or passcode sent: where
 * the broker echoes them (`login failed for app/S3cret`), they read `***`,
 * in the message and in `frame`, which is a masked copy (the frame as
 * received is not kept, so no inspection or JSON of the error can show it).
 *
 * @example
 * ```ts
 * connect$(uri, {}, { verify: stompHandshake() }).subscribe((event) => {
 *   if (event.type === 'failed' && event.error.cause instanceof StompError) {
 *     console.error(event.error.code, event.error.cause.frame?.headers.message);
 *   }
 * });
 * ```
 */
export class StompError extends Error {
  readonly code: StompErrorCode;
  /** The ERROR frame (for `ERR_STOMP_ERROR_FRAME`), echoed credentials shown as `***`. */
  readonly frame: StompFrame | undefined;

  constructor(code: StompErrorCode, message: string, details: { frame?: StompFrame; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'StompError';
    this.code = code;
    this.frame = details.frame;
  }
}
