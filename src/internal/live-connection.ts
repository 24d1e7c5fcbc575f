import { asyncScheduler, Observable, Subscription } from 'rxjs';
import { heartBeats$, type HeartBeatIntervals } from '../heart-beats';
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
 * the socket once its pending writes are flushed (`destroySoon`), and no
 * event follows.
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
): Observable<ConnectionEvent> {
  return new Observable<ConnectionEvent>((subscriber) => {
    const { socket, peer } = connected;
    const since = asyncScheduler.now();
    let error: Error | null = null;
    let reason: 'closed' | 'heart-beat' = 'closed';
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
      const connectedFor = Math.max(0, asyncScheduler.now() - since);
      dropped(connectedFor);
      subscriber.next(Object.freeze({ type: 'disconnected', connection, peer, error, reason, connectedFor }));
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
      socket.once('close', () => socket.off('error', onError));
      socket.destroySoon();
    });

    subscriber.next(Object.freeze({ ...connected, connection }));
    if (over) return; // unsubscribed inside next
    if (socket.closed) return onClose(); // a transport handed over a socket already closed
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
