import { Observable, timer } from 'rxjs';
import type { Socket } from '../types';

/** How long a clean close may take before the socket is destroyed. */
const CLOSE_GRACE_MS = 2000;

/**
 * STOMP's goodbye: a DISCONNECT frame with no headers.
 *
 * @example
 * ```ts
 * socket.end(STOMP_DISCONNECT);
 * ```
 */
export const STOMP_DISCONNECT = 'DISCONNECT\n\n\0';

/**
 * Closes a connected socket cleanly: writes `goodbye` (e.g. STOMP's
 * DISCONNECT) if given, ends the socket (a FIN; TLS's close_notify), reads and
 * drops whatever still arrives so the peer's close is seen, and completes once
 * the socket has closed. It is destroyed when that takes longer than
 * `graceMs`, or when the subscriber unsubscribes first. Socket errors while
 * closing (a reset) are not errors of the close.
 *
 * @example
 * ```ts
 * closeSocket$(socket, STOMP_DISCONNECT).subscribe({ complete: () => console.log('closed') });
 * ```
 */
export function closeSocket$(socket: Socket, goodbye?: string, graceMs = CLOSE_GRACE_MS): Observable<never> {
  return new Observable<never>((subscriber) => {
    const onError = (): void => undefined;
    const onClose = (): void => subscriber.complete();
    socket.on('error', onError);
    socket.once('close', onClose);
    const grace = timer(graceMs).subscribe(() => socket.destroy());
    if (socket.destroyed) {
      // 'close' may already have been emitted: nothing more will come.
      if (socket.closed) subscriber.complete();
    } else {
      socket.resume();
      if (goodbye !== undefined && socket.writable) socket.write(goodbye);
      socket.end();
    }
    return () => {
      grace.unsubscribe();
      socket.off('close', onClose);
      if (!socket.closed) socket.destroy();
      // A destroyed socket may still emit 'error' before 'close'.
      if (socket.closed) socket.off('error', onError);
      else socket.once('close', () => socket.off('error', onError));
    };
  });
}
