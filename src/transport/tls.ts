import { connect as nodeTlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { Observable, type Observer, type Unsubscribable } from 'rxjs';
import { userError } from './user-functions';

/**
 * One TLS connection to open: `tls.connect` options and what to accept.
 *
 * @example
 * ```ts
 * const request: TlsConnectRequest = tlsConnectRequest(peer, prepared);
 * ```
 */
export interface TlsConnectRequest {
  /** For `tls.connect`, host and port included. */
  readonly options: ConnectionOptions;
  /** TCP_NODELAY / SO_KEEPALIVE, which `tls.connect` does not take from its options. */
  readonly noDelay?: boolean;
  readonly keepAlive?: boolean;
  /** ms before the first keepalive probe (whole seconds count); 0 or undefined = the system's idle time. */
  readonly keepAliveInitialDelay?: number;
  /** Called on `secureConnect`: an error refuses the connection (verification, pinning). */
  readonly accept: (socket: TLSSocket) => Error | undefined;
}

/** The error of a socket closed without one (a safety net: Node reports ECONNRESET itself). */
function closedBeforeHandshake(): Error {
  const error = new Error('the connection closed before the TLS handshake completed') as Error & {
    code: string;
  };
  error.code = 'ECONNRESET';
  return error;
}

/**
 * Opens one TLS connection: emits the socket once the handshake is done and
 * `accept` took it, then completes. Errors carry Node's codes (ECONNREFUSED,
 * ENOTFOUND, ECONNRESET, DEPTH_ZERO_SELF_SIGNED_CERT,
 * ERR_TLS_CERT_ALTNAME_INVALID…). The attempt settles once: unsubscribing
 * before that destroys the socket, whatever the phase (DNS lookup, TCP
 * connect, TLS handshake), and removes every listener added here; after it
 * the socket is the subscriber's and is left alone.
 *
 * @example
 * ```ts
 * tlsConnect$({ options: { host: 'mq', port: 61614, servername: 'mq' }, accept: () => undefined })
 *   .subscribe((socket) => socket.end());
 * ```
 */
export function tlsConnect$(request: TlsConnectRequest): Observable<TLSSocket> {
  return new Observable<TLSSocket>((subscriber) => tlsConnect(request, subscriber));
}

/**
 * {@link tlsConnect$} without the Observable around it: opens the connection
 * at once, reports to `observer` (`next` then `complete`, or `error`, once)
 * and returns what cancels it. What a `connect$` attempt uses: an Observable
 * and its subscriber less for each one. Throws what `tls.connect` throws
 * (bad options).
 *
 * @example
 * ```ts
 * const cancel = tlsConnect(tlsConnectRequest(peer, prepared), { next: use, error: report, complete: () => {} });
 * cancel.unsubscribe(); // destroys the socket being opened
 * ```
 */
export function tlsConnect(request: TlsConnectRequest, observer: Observer<TLSSocket>): Unsubscribable {
  const socket = nodeTlsConnect(request.options);
  // Before the TCP connect this is recorded and applied to the new handle.
  if (request.noDelay !== undefined) socket.setNoDelay(request.noDelay);
  let settled = false;
  const detach = (): void => {
    socket.off('connect', onConnect);
    socket.off('secureConnect', onSecureConnect);
    socket.off('error', onError);
    socket.off('close', onClose);
  };
  function fail(error: Error): void {
    settled = true;
    detach();
    socket.destroy();
    observer.error(error);
  }
  // Keepalive is set once the TCP connection is up, as net.connect does for a
  // plain peer: set before, libuv would give it 60 s instead of the system's idle time.
  function onConnect(): void {
    if (request.keepAlive === true) socket.setKeepAlive(true, request.keepAliveInitialDelay ?? 0);
  }
  function onSecureConnect(): void {
    let refusal: Error | undefined;
    try {
      refusal = request.accept(socket);
    } catch (error) {
      // An event handler must not throw: that would crash the process.
      refusal = userError('accepting the connection threw', error);
    }
    if (refusal !== undefined) return fail(refusal);
    settled = true;
    detach();
    observer.next(socket);
    observer.complete();
  }
  function onError(error: unknown): void {
    // Node emits what a user function gave it (checkServerIdentity, pskCallback): only Errors go on.
    fail(userError('the TLS connection failed with', error));
  }
  function onClose(): void {
    fail(closedBeforeHandshake());
  }
  socket.once('connect', onConnect);
  socket.once('secureConnect', onSecureConnect);
  socket.once('error', onError);
  socket.once('close', onClose);
  return {
    unsubscribe: () => {
      if (settled) return;
      settled = true;
      detach();
      socket.destroy();
    },
  };
}
