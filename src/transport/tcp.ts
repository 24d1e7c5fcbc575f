import { connect as netConnect, type NetConnectOpts, type Socket } from 'node:net';
import { Observable } from 'rxjs';
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
  return new Observable<Socket>((subscriber) => {
    const socket = netConnect(options);
    let settled = false;
    const detach = (): void => {
      socket.off('connect', onConnect);
      socket.off('error', onError);
    };
    function onConnect(): void {
      settled = true;
      detach();
      subscriber.next(socket);
      subscriber.complete();
    }
    function onError(error: unknown): void {
      settled = true;
      detach();
      socket.destroy();
      // Node emits what a user function gave it (lookup, pskCallback): only Errors go on.
      subscriber.error(userError('the connection failed with', error));
    }
    socket.once('connect', onConnect);
    socket.once('error', onError);
    return () => {
      if (settled) return;
      settled = true;
      detach();
      socket.destroy();
    };
  });
}
