import { StompError } from '../errors/stomp-error';
import { NO_MASK, type CredentialMask } from './credential-mask';
import type { StompFrame } from './frame';

/**
 * The broker's CONNECTED frame, as read by {@link stompHandshake}, with the
 * heart-beat intervals both sides agreed on (STOMP 1.2 § Heart-beating).
 *
 * @example
 * ```ts
 * const connected: StompConnected = {
 *   version: '1.2', server: 'RabbitMQ/3.10.8', session: 'session-x1', heartBeat: [0, 10000],
 *   heartbeatOutgoing: 0, heartbeatIncoming: 10000,
 *   headers: { version: '1.2', server: 'RabbitMQ/3.10.8', session: 'session-x1', 'heart-beat': '0,10000' },
 * };
 * ```
 */
export interface StompConnected {
  /** The protocol version the broker chose; `'1.0'` when it sent none. */
  readonly version: string;
  readonly server?: string;
  readonly session?: string;
  /** The broker's `heart-beat` header `[sx, sy]` in ms; `[0, 0]` when it sent none. */
  readonly heartBeat: [number, number];
  /**
   * ms: how often the client must send something, max(cx, sy) when both are
   * non-zero, else 0 (no outgoing heart-beats).
   */
  readonly heartbeatOutgoing: number;
  /**
   * ms: how often the broker will send something, max(sx, cy) when both are
   * non-zero, else 0 (no incoming heart-beats).
   */
  readonly heartbeatIncoming: number;
  /** Every header of the CONNECTED frame, read literally (CONNECTED is not escaped). */
  readonly headers: Record<string, string>;
}

/** The largest heart-beat interval a header may carry: Node's timer limit, in ms. */
const MAX_HEART_BEAT_MS = 2147483647;
const HEART_BEAT = /^\s*(\d{1,10})\s*,\s*(\d{1,10})\s*$/;

/**
 * Reads a `heart-beat` header value `sx,sy`: two whole numbers 0..2147483647;
 * absent is `[0, 0]` (STOMP 1.0 brokers send none). Anything else is a
 * {@link StompError} `ERR_STOMP_PROTOCOL` naming the header and quoting the
 * value, with the credentials `mask` hides shown as `***`.
 *
 * @example
 * ```ts
 * readHeartBeat('0,5000'); // [0, 5000]
 * readHeartBeat('5000');   // throws StompError ERR_STOMP_PROTOCOL
 * ```
 */
export function readHeartBeat(value: string | undefined, mask: CredentialMask = NO_MASK): [number, number] {
  if (value === undefined) return [0, 0];
  const match = HEART_BEAT.exec(value);
  const beats = match === null ? [] : [Number(match[1]), Number(match[2])];
  const [sx, sy] = beats;
  if (sx === undefined || sy === undefined || sx > MAX_HEART_BEAT_MS || sy > MAX_HEART_BEAT_MS) {
    const masked = mask.text(value);
    const shown = masked.length > 40 ? `${masked.slice(0, 40)}...` : masked;
    throw new StompError(
      'ERR_STOMP_PROTOCOL',
      `CONNECTED frame: malformed heart-beat header ${JSON.stringify(shown)} ` +
        `(expected two whole numbers 0..${MAX_HEART_BEAT_MS}, e.g. "0,10000")`,
    );
  }
  return [sx, sy];
}

/**
 * The negotiated heart-beat intervals (STOMP 1.2 § Heart-beating) from the
 * client's `[cx, cy]` and the broker's `[sx, sy]`, in ms; 0 = none.
 *
 * @example
 * ```ts
 * negotiateHeartBeats([10000, 10000], [0, 5000]); // { heartbeatOutgoing: 10000, heartbeatIncoming: 0 }
 * ```
 */
export function negotiateHeartBeats(
  [cx, cy]: readonly [number, number],
  [sx, sy]: readonly [number, number],
): { heartbeatOutgoing: number; heartbeatIncoming: number } {
  return {
    heartbeatOutgoing: cx !== 0 && sy !== 0 ? Math.max(cx, sy) : 0,
    heartbeatIncoming: sx !== 0 && cy !== 0 ? Math.max(sx, cy) : 0,
  };
}

/**
 * Reads a CONNECTED frame: `version` (`'1.0'` when absent, as STOMP 1.2
 * says), `server`, `session`, `heart-beat` as numbers with the intervals
 * negotiated against the client's `[cx, cy]`, and all headers. A malformed
 * `heart-beat` throws {@link StompError} `ERR_STOMP_PROTOCOL` (what `mask`
 * hides shown as `***`).
 *
 * @example
 * ```ts
 * readConnected({ command: 'CONNECTED', headers: { version: '1.2', 'heart-beat': '0,5000' }, body: Buffer.alloc(0) }, [10000, 0]);
 * // { version: '1.2', heartBeat: [0, 5000], heartbeatOutgoing: 10000, heartbeatIncoming: 0, headers: {...} }
 * ```
 */
export function readConnected(
  frame: StompFrame,
  clientHeartBeat: readonly [number, number],
  mask: CredentialMask = NO_MASK,
): StompConnected {
  const headers = { ...frame.headers };
  const heartBeat = readHeartBeat(headers['heart-beat'], mask);
  return {
    version: headers.version ?? '1.0',
    ...(headers.server !== undefined && { server: headers.server }),
    ...(headers.session !== undefined && { session: headers.session }),
    heartBeat,
    ...negotiateHeartBeats(clientHeartBeat, heartBeat),
    headers,
  };
}

/**
 * The {@link StompError} `ERR_STOMP_ERROR_FRAME` for a broker's ERROR frame:
 * its text is the `message` header, then the body's first non-blank line
 * (each clipped to 200 characters), where brokers put the reason. The
 * credentials `mask` hides (the login and passcode sent, which a broker may
 * echo) are `***` in that text and in the `frame` the error keeps, a masked
 * copy: the original is not kept.
 *
 * @example
 * ```ts
 * errorFrameError({ command: 'ERROR', headers: { message: 'Bad CONNECT' },
 *   body: Buffer.from("Virtual host '127.0.0.1' access denied") }).message;
 * // "STOMP ERROR frame: Bad CONNECT: Virtual host '127.0.0.1' access denied"
 * ```
 */
export function errorFrameError(received: StompFrame, mask: CredentialMask = NO_MASK): StompError {
  const frame = mask.frame(received);
  // Clipped after masking: a cut inside an echo would show its first letters.
  const clip = (text: string): string => (text.length > 200 ? `${text.slice(0, 200)}...` : text);
  const message = clip((frame.headers.message ?? '').trim());
  const line = clip(
    frame.body
      .toString('utf8')
      .split(/\r?\n/)
      .map((text) => text.trim())
      .find((text) => text !== '') ?? '',
  );
  const reason = [message, line === message ? '' : line].filter((text) => text !== '').join(': ');
  return new StompError('ERR_STOMP_ERROR_FRAME', `STOMP ERROR frame${reason === '' ? '' : `: ${reason}`}`, {
    frame,
  });
}
