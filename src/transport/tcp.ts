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
  return new TcpOpening(netConnect(options), observer);
}

/**
 * One connection being opened. Its two listeners are added with `on` and
 * removed when it settles (what `once` would do, without a wrapper for each):
 * an attempt costs a few objects less, which counts when thousands are pending.
 */
class TcpOpening implements Unsubscribable {
  private settled = false;

  constructor(
    private readonly socket: Socket,
    private readonly observer: Observer<Socket>,
  ) {
    socket.on('connect', this.onConnect);
    socket.on('error', this.onError);
  }

  private readonly onConnect = (): void => {
    this.settle();
    this.observer.next(this.socket);
    this.observer.complete();
  };

  private readonly onError = (error: unknown): void => {
    this.settle();
    this.socket.destroy();
    // Node emits what a user function gave it (lookup, pskCallback): only Errors go on.
    this.observer.error(userError('the connection failed with', error));
  };

  private settle(): void {
    this.settled = true;
    this.socket.off('connect', this.onConnect);
    this.socket.off('error', this.onError);
  }

  unsubscribe(): void {
    if (this.settled) return;
    this.settle();
    this.socket.destroy();
  }
}
