import { connect as netConnect, type NetConnectOpts, type Socket } from 'node:net';
import { Observable, type Observer, type Unsubscribable } from 'rxjs';
import { userError } from './user-functions';

/**
 * Opens one TCP connection: emits the socket once it is connected, then
 * completes. The attempt settles once; unsubscribing before that destroys the
 * socket (in DNS lookup or TCP connect), and after it the socket is the
 * subscriber's and is left alone.
 *
 * @example
 * ```ts
 * tcpConnect$({ host: '127.0.0.1', port: 61613 }).subscribe((socket) => socket.end());
 * ```
 */
export function tcpConnect$(options: NetConnectOpts): Observable<Socket> {
  return new Observable<Socket>((subscriber) => tcpConnect(options, subscriber));
}

/**
 * {@link tcpConnect$} without the Observable around it: opens the connection
 * at once, reports to `observer` (`next` then `complete`, or `error`, once)
 * and returns what cancels it. What a `connect$` attempt uses: an Observable
 * and its subscriber less for each one. Throws what `net.connect` throws
 * (bad options).
 *
 * @example
 * ```ts
 * const cancel = tcpConnect({ host: '127.0.0.1', port: 61613 }, { next: use, error: report, complete: () => {} });
 * cancel.unsubscribe(); // destroys the socket being opened
 * ```
 */
export function tcpConnect(options: NetConnectOpts, observer: Observer<Socket>): Unsubscribable {
  const socket = netConnect(options);
  let settled = false;
  const detach = (): void => {
    socket.off('connect', onConnect);
    socket.off('error', onError);
  };
  function onConnect(): void {
    settled = true;
    detach();
    observer.next(socket);
    observer.complete();
  }
  function onError(error: unknown): void {
    settled = true;
    detach();
    socket.destroy();
    // Node emits what a user function gave it (lookup, pskCallback): only Errors go on.
    observer.error(userError('the connection failed with', error));
  }
  socket.once('connect', onConnect);
  socket.once('error', onError);
  return {
    unsubscribe: () => {
      if (settled) return;
      settled = true;
      detach();
      socket.destroy();
    },
  };
}
