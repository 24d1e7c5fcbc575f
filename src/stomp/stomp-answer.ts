import { StompError } from '../errors/stomp-error';
import type { StompFrame } from './frame';

/**
 * The broker's CONNECTED frame, as read by {@link stompHandshake}.
 *
 * @example
 * ```ts
 * const connected: StompConnected = {
 *   version: '1.2', server: 'RabbitMQ/3.10.8', session: 'session-x1', heartBeat: [0, 0],
 *   headers: { version: '1.2', server: 'RabbitMQ/3.10.8', session: 'session-x1', 'heart-beat': '0,0' },
 * };
 * ```
 */
export interface StompConnected {
  /** The protocol version the broker chose; `'1.0'` when it sent none. */
  readonly version: string;
  readonly server?: string;
  readonly session?: string;
  /** The broker's `heart-beat` header `[sx, sy]`; `[0, 0]` when absent or malformed. */
  readonly heartBeat: [number, number];
  /** Every header of the CONNECTED frame. */
  readonly headers: Record<string, string>;
}

/**
 * Reads a CONNECTED frame: `version` (`'1.0'` when absent, as STOMP 1.2
 * says), `server`, `session`, `heart-beat` as numbers, and all headers.
 *
 * @example
 * ```ts
 * readConnected({ command: 'CONNECTED', headers: { version: '1.2', 'heart-beat': '0,5000' }, body: Buffer.alloc(0) });
 * // { version: '1.2', heartBeat: [0, 5000], headers: { version: '1.2', 'heart-beat': '0,5000' } }
 * ```
 */
export function readConnected(frame: StompFrame): StompConnected {
  const headers = { ...frame.headers };
  const beats = /^\s*(\d+)\s*,\s*(\d+)\s*$/.exec(headers['heart-beat'] ?? '');
  return {
    version: headers.version ?? '1.0',
    ...(headers.server !== undefined && { server: headers.server }),
    ...(headers.session !== undefined && { session: headers.session }),
    heartBeat: beats === null ? [0, 0] : [Number(beats[1]), Number(beats[2])],
    headers,
  };
}

/**
 * The {@link StompError} `ERR_STOMP_ERROR_FRAME` for a broker's ERROR frame:
 * its text is the `message` header, then the body's first non-blank line
 * (each clipped to 200 characters), where brokers put the reason.
 *
 * @example
 * ```ts
 * errorFrameError({ command: 'ERROR', headers: { message: 'Bad CONNECT' },
 *   body: Buffer.from("Virtual host '127.0.0.1' access denied") }).message;
 * // "STOMP ERROR frame: Bad CONNECT: Virtual host '127.0.0.1' access denied"
 * ```
 */
export function errorFrameError(frame: StompFrame): StompError {
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
