import { defer, Observable, take, throwIfEmpty, type ObservableInput } from 'rxjs';
import type { Peer, Socket } from '../types';

/** A socket that an attempt has established, with what `verify` said of it. */
export interface Established {
  readonly socket: Socket;
  readonly verified?: unknown;
}

/**
 * Runs `verify` on a freshly opened socket. The socket stays the attempt's
 * until `verify` emits: if it errors, completes empty, or the attempt is
 * unsubscribed first (cancellation, attempt timeout), the socket is destroyed.
 * Once the value is emitted the socket belongs downstream and is never touched
 * again, even if downstream unsubscribes synchronously inside `next`.
 *
 * @example
 * ```ts
 * socket$.pipe(switchMap((socket) => verifiedSocket(socket, peer, stompHandshake())));
 * ```
 */
export function verifiedSocket(
  socket: Socket,
  peer: Peer,
  verify: (socket: Socket, peer: Peer) => ObservableInput<unknown>,
): Observable<Established> {
  return new Observable<Established>((subscriber) => {
    // Settled: handed over (verify emitted) or already destroyed (verify failed).
    let settled = false;
    // defer: a verify that throws synchronously fails the attempt like one that errors.
    const subscription = defer(() => verify(socket, peer))
      .pipe(
        take(1),
        throwIfEmpty(() => new Error('verification completed without a value')),
      )
      .subscribe({
        next: (verified) => {
          settled = true;
          subscriber.next({ socket, verified });
          subscriber.complete();
        },
        error: (error: unknown) => {
          settled = true;
          socket.destroy();
          subscriber.error(error);
        },
      });
    return () => {
      subscription.unsubscribe();
      if (!settled) socket.destroy();
    };
  });
}
