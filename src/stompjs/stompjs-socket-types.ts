import type { ConnectEvent, ConnectOptions, Peer } from '../types';

/**
 * `readyState` values, the WebSocket numbers that stompjs's `StompSocketState` uses.
 *
 * @example
 * ```ts
 * if (socket.readyState === STOMPJS_SOCKET_STATE.OPEN) socket.send('\n');
 * ```
 */
export const STOMPJS_SOCKET_STATE = Object.freeze({ CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 } as const);

/**
 * One of the {@link STOMPJS_SOCKET_STATE} values.
 *
 * @example
 * ```ts
 * const state: StompjsReadyState = socket.readyState; // 0 | 1 | 2 | 3
 * ```
 */
export type StompjsReadyState = (typeof STOMPJS_SOCKET_STATE)[keyof typeof STOMPJS_SOCKET_STATE];

/**
 * The argument of `onopen`.
 *
 * @example
 * ```ts
 * socket.onopen = (event: StompjsOpenEvent) => console.log(event.type); // 'open'
 * ```
 */
export interface StompjsOpenEvent {
  readonly type: 'open';
}

/**
 * The argument of `onmessage`: the bytes of one read, as an `ArrayBuffer`
 * (when `binaryType` is `'arraybuffer'`, the default) or as a string.
 *
 * @example
 * ```ts
 * socket.onmessage = ({ data }: StompjsMessageEvent) => parser.parseChunk(data);
 * ```
 */
export interface StompjsMessageEvent {
  readonly type: 'message';
  readonly data: ArrayBuffer | string;
}

/**
 * The argument of `onerror`: the run's error (`ConnectError`, `UriError`,
 * `SockoptError`, a `TypeError` for a bad argument) or the socket's (`ECONNRESET`…).
 *
 * @example
 * ```ts
 * socket.onerror = ({ error }: StompjsErrorEvent) => console.error(error.message);
 * ```
 */
export interface StompjsErrorEvent {
  readonly type: 'error';
  readonly error: Error;
  readonly message: string;
}

/**
 * The argument of `onclose`, shaped as a WebSocket `CloseEvent`: `code` 1000
 * and `wasClean` after a `close()` that ended cleanly; 1006 otherwise (the
 * run failed or was cancelled, the broker closed the connection, an I/O
 * error, `terminate()`), with the reason in `reason`.
 *
 * @example
 * ```ts
 * socket.onclose = ({ code, reason, wasClean }: StompjsCloseEvent) => console.log(code, reason, wasClean);
 * ```
 */
export interface StompjsCloseEvent {
  readonly type: 'close';
  readonly code: 1000 | 1006;
  readonly reason: string;
  readonly wasClean: boolean;
}

/**
 * {@link ConnectOptions} plus `onEvent`, called with each event of the run
 * (`attempt`, `failed`, `connected`). An `onEvent` that throws ends the
 * socket: `onerror` carries an `Error` whose `cause` is what it threw.
 *
 * @example
 * ```ts
 * stompjsSocket(uri, {}, { onEvent: (event) => console.log(event.type, event.attempt, event.peer.uri) });
 * ```
 */
export interface StompjsSocketOptions extends ConnectOptions {
  readonly onEvent?: (event: ConnectEvent) => void;
}

/**
 * A socket that `@stomp/stompjs` and `@stomp/rx-stomp` can use (their
 * `IStompSocket`, matched structurally), over one `connect$` run.
 *
 * @example
 * ```ts
 * const client = new Client({ webSocketFactory: (): StompjsSocket => stompjsSocket('tcp://mq:61613') });
 * ```
 */
export interface StompjsSocket {
  /** The target without credentials: `failover:(tcp://a:61613,tcp://b:61613)`, `ssl://mq:61614`. */
  readonly url: string;
  readonly readyState: StompjsReadyState;
  /** `'arraybuffer'` (the default, and what stompjs sets): reads as `ArrayBuffer`s; any other value: as strings. */
  binaryType: string;
  /** Bytes written and not yet sent (the socket's `writableLength`). */
  readonly bufferedAmount: number;
  /** The broker connected to, once open. */
  readonly peer: Peer | undefined;
  onopen: ((event: StompjsOpenEvent) => unknown) | null | undefined;
  onmessage: ((event: StompjsMessageEvent) => unknown) | null | undefined;
  onerror: ((event: StompjsErrorEvent) => unknown) | null | undefined;
  onclose: ((event: StompjsCloseEvent) => unknown) | null | undefined;
  /** Writes; throws `InvalidStateError` while connecting; discarded once closing, as with a WebSocket. */
  send(data: string | ArrayBufferLike | ArrayBufferView | Blob): void;
  /** Ends the connection (flushing what was sent), or cancels the run while connecting. */
  close(): void;
  /** Destroys the connection at once, or cancels the run while connecting. */
  terminate(): void;
}
