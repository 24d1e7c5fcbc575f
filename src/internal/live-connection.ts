import { asyncScheduler, Observable, Subscription } from 'rxjs';
import { heartBeats$, type HeartBeatIntervals } from '../heart-beats';
import { closeAfterFlush } from './close-after-flush';
import type { ConnectEvent, ConnectionEvent } from '../types';
import { MAX_DELAY_MS } from '../uri/option-values';

type Connected = Extract<ConnectEvent, { type: 'connected' }>;

const isInterval = (ms: unknown): ms is number =>
  typeof ms === 'number' && Number.isSafeInteger(ms) && ms >= 0 && ms <= MAX_DELAY_MS;

/**
 * The heart-beats a `verified` value negotiated: `StompConnected`'s
 * `heartbeatOutgoing` / `heartbeatIncoming` when at least one is non-zero,
 * else `undefined` (no verify, another verify's value, none negotiated).
 *
 * @example
 * ```ts
 * negotiatedHeartBeats({ heartbeatOutgoing: 10000, heartbeatIncoming: 0 }); // { outgoing: 10000, incoming: 0 }
 * negotiatedHeartBeats('CONNECTED');                                       // undefined
 * ```
 */
export function negotiatedHeartBeats(verified: unknown): HeartBeatIntervals | undefined {
  if (typeof verified !== 'object' || verified === null) return undefined;
  const { heartbeatOutgoing: outgoing, heartbeatIncoming: incoming } = verified as Record<string, unknown>;
  if (!isInterval(outgoing) || !isInterval(incoming) || outgoing + incoming === 0) return undefined;
  return { outgoing, incoming };
}

/**
 * The connected phase of one `connection$` cycle: emits the `connected`
 * event (with its `connection` number), then, when the socket closes,
 * `disconnected` and completes. Until then the socket is the subscriber's:
 * this listens only to its `error` (kept for `disconnected`, and so that an
 * error never goes unhandled) and `close`, and, when `heartBeats` and the
 * connection negotiated them, keeps STOMP heart-beats ({@link heartBeats$}:
 * a silent peer ends the connection with `reason: 'heart-beat'`).
 * `connectedFor` is measured on `asyncScheduler`'s clock (virtual under
 * `TestScheduler.run`), and handed to `dropped` just before `disconnected`
 * is emitted, so the next cycle's wait is known by then.
 *
 * Unsubscribing before the close (even inside `next`, e.g. `take(1)`) closes
 * the socket once its pending writes are flushed (`destroySoon`; destroyed
 * with them when they are not flushed within `FLUSH_LIMIT_MS`, 10 s), and no
 * event follows. When `replaced` emits (a priority peer took over, SPEC §9)
 * the socket is closed the same way, and `disconnected` with `reason:
 * 'priority'` is emitted at once.
 *
 * @example
 * ```ts
 * liveConnection$(connectedEvent, 2, true, (connectedFor) => console.log('lasted', connectedFor));
 * ```
 */
export function liveConnection$(
  connected: Connected,
  connection: number,
  heartBeats: boolean,
  dropped: (connectedFor: number) => void,
  replaced?: Observable<unknown>,
): Observable<ConnectionEvent> {
  return new Observable<ConnectionEvent>((subscriber) => {
    const { socket, peer } = connected;
    const since = asyncScheduler.now();
    let error: Error | null = null;
    let reason: 'closed' | 'heart-beat' = 'closed';
    const connectedFor = (): number => Math.max(0, asyncScheduler.now() - since);
    const beats = new Subscription();
    let over = false;

    const onError = (socketError: Error): void => {
      error ??= socketError; // the first: later ones (EPIPE after a reset) follow from it
    };
    const onClose = (): void => {
      if (over) return;
      over = true;
      socket.off('error', onError);
      beats.unsubscribe();
      const lasted = connectedFor();
      dropped(lasted);
      subscriber.next(
        Object.freeze({ type: 'disconnected', connection, peer, error, reason, connectedFor: lasted }),
      );
      subscriber.complete();
    };
    // A priority peer took over: this socket is closed once its writes are flushed, and its
    // `disconnected` follows at once (no new cycle comes of it, so `dropped` is not told).
    const onReplaced = (): void => {
      if (over) return;
      over = true;
      beats.unsubscribe();
      socket.off('close', onClose);
      closeAfterFlush(socket, () => socket.off('error', onError));
      subscriber.next(
        Object.freeze({
          type: 'disconnected',
          connection,
          peer,
          error,
          reason: 'priority',
          connectedFor: connectedFor(),
        }),
      );
      subscriber.complete();
    };
    socket.on('error', onError);
    socket.once('close', onClose);
    subscriber.add(() => {
      beats.unsubscribe();
      if (over) return;
      over = true;
      socket.off('close', onClose);
      // Closing may still raise an error (a reset while flushing): it must not go unhandled.
      closeAfterFlush(socket, () => socket.off('error', onError));
    });

    subscriber.next(Object.freeze({ ...connected, connection }));
    if (over) return; // unsubscribed inside next
    if (socket.closed) return onClose(); // a transport handed over a socket already closed
    if (replaced !== undefined) beats.add(replaced.subscribe(onReplaced));
    const intervals = heartBeats && !socket.destroyed ? negotiatedHeartBeats(connected.verified) : undefined;
    if (intervals === undefined) return;
    beats.add(
      heartBeats$(socket, intervals).subscribe({
        error: (heartBeatError: Error) => {
          // heartBeats$ destroyed the socket: its 'close' follows and emits `disconnected`.
          reason = 'heart-beat';
          error = heartBeatError;
        },
      }),
    );
  });
}
