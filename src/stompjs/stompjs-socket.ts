import type { Subscription } from 'rxjs';
import { connect$, type ConnectTarget } from '../connect';
import type { ConnectEvent, Peer, Socket, Sockopts } from '../types';
import { CoalescingWriter } from './coalescing-writer';
import { describeTarget } from './describe-target';
import { OutgoingBytes } from './outgoing-bytes';
import { withPeerCredentials } from './peer-credentials';
import { reasonOf, splitOptions, type SplitOptions } from './stompjs-options';
import {
  STOMPJS_SOCKET_STATE,
  type StompjsCloseEvent,
  type StompjsErrorEvent,
  type StompjsMessageEvent,
  type StompjsOpenEvent,
  type StompjsReadyState,
  type StompjsSocket,
  type StompjsSocketOptions,
} from './stompjs-socket-types';
import { Utf8Chunks } from './utf8-chunks';

const { CONNECTING, OPEN, CLOSING, CLOSED } = STOMPJS_SOCKET_STATE;

/** How long `close()` waits for the broker to close its side before destroying the socket. */
const CLOSE_TIMEOUT_MS = 5000;

/**
 * A socket for `@stomp/stompjs` / `@stomp/rx-stomp` over one {@link connect$}
 * run (SPEC §10): pass `() => stompjsSocket(uri, sockopts)` as their
 * `webSocketFactory`, and each connection stompjs opens (its first, and each
 * reconnect) is a fresh failover run over the whole list, with TLS and every
 * sockopt. `onopen` fires at `connected`; each read goes to `onmessage`;
 * `onclose` fires exactly once, also when the run fails (after `onerror`
 * with the `ConnectError`) or is cancelled by `close()` while connecting.
 *
 * The run starts in a microtask, once the caller has set its handlers, and
 * nothing is ever thrown from here: a bad argument arrives as `onerror` +
 * `onclose`, as a failed run does. Credentials in the URI are never shown
 * (`url` has none) and are sent only in stompjs's CONNECT frame when its
 * `connectHeaders` hold no `login`/`passcode`. As on a WebSocket, Nagle's
 * algorithm is off (TCP_NODELAY) unless the URI's `tcpNoDelay` or the
 * `noDelay` sockopt says otherwise; on Linux, from the fourth write of one
 * turn of the event loop on, the writes of a burst share packets until the
 * turn ends (each write still reaches the kernel at once).
 *
 * @example
 * ```ts
 * import { RxStomp } from '@stomp/rx-stomp';
 * import { stompjsSocket } from 'stomp-connection/stompjs';
 *
 * const rxStomp = new RxStomp();
 * rxStomp.configure({
 *   webSocketFactory: () => stompjsSocket('failover:(tcp://mq1:61613,ssl://mq2:61614)', { SSL_ca_file: 'ca.pem' }),
 *   connectHeaders: { login: 'app', passcode: 'secret' },
 *   reconnectDelay: 1000,
 * });
 * rxStomp.activate();
 * rxStomp.watch('/queue/orders').subscribe((message) => console.log(message.body));
 * ```
 */
export function stompjsSocket(
  target: ConnectTarget,
  sockopts?: Sockopts,
  options?: StompjsSocketOptions,
): StompjsSocket {
  return new StompjsTcpSocket(target, sockopts, options);
}

type Handler<E> = ((event: E) => unknown) | null | undefined;

class StompjsTcpSocket implements StompjsSocket {
  onopen: Handler<StompjsOpenEvent> = null;
  onmessage: Handler<StompjsMessageEvent> = null;
  onerror: Handler<StompjsErrorEvent> = null;
  onclose: Handler<StompjsCloseEvent> = null;
  readonly url: string;
  // Private fields: never shown by util.inspect, so nothing of the target leaks that way.
  #state: StompjsReadyState = CONNECTING;
  #binaryType = 'arraybuffer';
  #run: Subscription | undefined;
  #socket: Socket | undefined;
  #writer: CoalescingWriter | undefined;
  #peer: Peer | undefined;
  #firstSend = true;
  #noDelayGiven: boolean;
  #closeRequested = false;
  #terminated = false;
  #reason = 'connection closed by the broker';
  #closeTimer: ReturnType<typeof setTimeout> | undefined;
  #closeDispatched = false;
  readonly #text = new Utf8Chunks();
  readonly #out = new OutgoingBytes();

  constructor(target: ConnectTarget, sockopts: Sockopts | undefined, options: unknown) {
    this.url = describeTarget(target, sockopts);
    this.#noDelayGiven = typeof sockopts === 'object' && sockopts !== null && sockopts.noDelay !== undefined;
    queueMicrotask(() => this.#start(target, sockopts, options));
  }

  get readyState(): StompjsReadyState {
    return this.#state;
  }

  get binaryType(): string {
    return this.#binaryType;
  }

  set binaryType(value: string) {
    if (typeof value !== 'string') {
      throw new TypeError(
        `stompjsSocket: binaryType must be a string such as 'arraybuffer', got ${typeof value}`,
      );
    }
    this.#binaryType = value;
  }

  get bufferedAmount(): number {
    return this.#socket?.writableLength ?? 0;
  }

  get peer(): Peer | undefined {
    return this.#peer;
  }

  send(data: string | ArrayBufferLike | ArrayBufferView | Blob): void {
    if (this.#state === CONNECTING) {
      throw new DOMException('stompjsSocket.send: the socket is still connecting', 'InvalidStateError');
    }
    let chunk = this.#out.chunk(data);
    if (this.#state !== OPEN || this.#writer === undefined || this.#peer === undefined) return;
    if (this.#firstSend) {
      this.#firstSend = false;
      chunk = withPeerCredentials(
        typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk,
        this.#peer,
      );
    }
    if (chunk.length > 0) this.#writer.write(chunk);
  }

  close(): void {
    if (this.#state === CONNECTING) return this.#cancel();
    const socket = this.#socket;
    if (this.#state !== OPEN || socket === undefined) return;
    this.#state = CLOSING;
    this.#closeRequested = true;
    socket.end();
    this.#closeTimer = setTimeout(() => {
      this.#reason = `the broker did not close the connection within ${CLOSE_TIMEOUT_MS} ms`;
      this.#closeRequested = false;
      socket.destroy();
    }, CLOSE_TIMEOUT_MS);
  }

  terminate(): void {
    if (this.#state === CONNECTING) return this.#cancel();
    if (this.#state === CLOSED) return;
    this.#state = CLOSING;
    this.#terminated = true;
    this.#reason = 'terminated';
    this.#socket?.destroy();
  }

  #start(target: ConnectTarget, sockopts: Sockopts | undefined, options: unknown): void {
    if (this.#state !== CONNECTING) return; // closed before the run began
    let split: SplitOptions;
    try {
      split = splitOptions(options);
    } catch (error) {
      return this.#fail(error as TypeError);
    }
    const { onEvent, connectOptions } = split;
    const run = connect$(target, sockopts, connectOptions).subscribe({
      next: (event) => this.#onRunEvent(event, onEvent),
      error: (error: unknown) => this.#fail(error instanceof Error ? error : new Error(reasonOf(error))),
    });
    // The run may have ended (or been closed from onEvent) inside subscribe, before `run` existed.
    if (this.#state === CONNECTING) this.#run = run;
    else run.unsubscribe();
  }

  #onRunEvent(event: ConnectEvent, onEvent: SplitOptions['onEvent']): void {
    try {
      onEvent?.(event);
    } catch (cause) {
      if (event.type === 'connected') event.socket.destroy();
      this.#stopRun();
      return this.#fail(new Error(`stompjsSocket: options.onEvent threw: ${reasonOf(cause)}`, { cause }));
    }
    if (event.type !== 'connected') return;
    // Closed from onEvent: the socket is ours since `connected`, and nobody wants it.
    if (this.#state !== CONNECTING) return void event.socket.destroy();
    this.#adopt(event.socket, event.peer);
  }

  #adopt(socket: Socket, peer: Peer): void {
    this.#run = undefined;
    this.#socket = socket;
    this.#peer = peer;
    // stompjs writes each frame and heart-beat on its own, as over a WebSocket, whose TCP
    // connections run without Nagle's algorithm (ws sets TCP_NODELAY): with it, a write after an
    // unacknowledged one waits for the broker's delayed ACK, ~40 ms. Unless the URI or sockopts say.
    // The frames of a burst still share packets where the kernel allows it (CoalescingWriter).
    const ownNoDelay = peer.tcpNoDelay === undefined && !this.#noDelayGiven;
    if (ownNoDelay) socket.setNoDelay(true);
    this.#writer = new CoalescingWriter(socket, ownNoDelay && process.platform === 'linux');
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('end', () => {
      if (!socket.writableEnded) socket.end(); // with allowHalfOpen, close our side too
    });
    socket.on('error', (error: Error) => {
      this.#reason = `connection lost: ${error.message}`;
      this.#dispatch(this.onerror, { type: 'error', error, message: error.message });
    });
    socket.on('close', (hadError: boolean) => this.#onSocketClose(hadError));
    this.#state = OPEN;
    this.#dispatch(this.onopen, { type: 'open' });
  }

  #onData(chunk: Buffer): void {
    if (this.#state !== OPEN) return; // as a WebSocket: nothing is delivered once closing
    const data = this.#binaryType === 'arraybuffer' ? this.#text.bytes(chunk) : this.#text.decode(chunk);
    if (data === '') return; // only the start of a character
    this.#dispatch(this.onmessage, { type: 'message', data });
  }

  #onSocketClose(hadError: boolean): void {
    clearTimeout(this.#closeTimer);
    const clean = this.#closeRequested && !hadError && !this.#terminated;
    this.#state = CLOSED;
    this.#dispatchClose(clean ? 1000 : 1006, clean ? '' : this.#reason, clean);
  }

  #cancel(): void {
    this.#state = CLOSING;
    this.#stopRun();
    // A WebSocket's close event comes after close() returns; stompjs relies on that order.
    queueMicrotask(() => {
      this.#state = CLOSED;
      this.#dispatchClose(1006, 'closed before the connection was established', false);
    });
  }

  #stopRun(): void {
    this.#run?.unsubscribe();
    this.#run = undefined;
  }

  #fail(error: Error): void {
    this.#state = CLOSED;
    try {
      this.#dispatch(this.onerror, { type: 'error', error, message: error.message });
    } finally {
      this.#dispatchClose(1006, error.message, false);
    }
  }

  #dispatchClose(code: 1000 | 1006, reason: string, wasClean: boolean): void {
    if (this.#closeDispatched) return;
    this.#closeDispatched = true;
    this.#dispatch(this.onclose, { type: 'close', code, reason, wasClean });
  }

  #dispatch<E>(handler: Handler<E>, event: E): void {
    if (typeof handler === 'function') handler.call(this, event);
  }
}
