import { interval, Observable, type Subscription } from 'rxjs';
import { StompError } from './errors/stomp-error';
import type { Socket } from './types';
import { MAX_DELAY_MS } from './uri/option-values';

/**
 * The negotiated STOMP heart-beat intervals of a connection, in ms (0 = none):
 * `StompConnected`'s `heartbeatOutgoing` and `heartbeatIncoming`.
 *
 * @example
 * ```ts
 * const intervals: HeartBeatIntervals = { outgoing: connected.heartbeatOutgoing, incoming: connected.heartbeatIncoming };
 * ```
 */
export interface HeartBeatIntervals {
  /** Something must be written at least this often; an EOL is, when nothing else was. */
  readonly outgoing: number;
  /** The peer promised to send something this often; 2 × this of silence means it is gone. */
  readonly incoming: number;
}

/** What the checks read and do: a socket's counters, `write`, `destroy`. */
type HeartBeatSocket = Pick<
  Socket,
  'bytesRead' | 'bytesWritten' | 'write' | 'destroy' | 'destroyed' | 'writable'
>;

function isHeartBeatSocket(value: unknown): value is HeartBeatSocket {
  if (typeof value !== 'object' || value === null) return false;
  const socket = value as Partial<Record<keyof HeartBeatSocket, unknown>>;
  return (
    typeof socket.bytesRead === 'number' &&
    typeof socket.bytesWritten === 'number' &&
    typeof socket.write === 'function' &&
    typeof socket.destroy === 'function'
  );
}

function checkInterval(intervals: object, name: 'outgoing' | 'incoming'): number {
  const ms = (intervals as Partial<Record<string, unknown>>)[name];
  if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < 0 || ms > MAX_DELAY_MS) {
    throw new TypeError(
      `heartBeats$: intervals.${name} must be a whole number of ms from 0 to ${MAX_DELAY_MS}, got ${String(ms)}`,
    );
  }
  return ms;
}

/**
 * The check period for an interval: a fraction of it (whole ms, at least 1).
 * Both rules below count checks, not clock time, so a timer that fires late
 * (a busy event loop) never makes a live peer look silent.
 */
const periodOf = (ms: number, fraction: number): number => Math.max(1, Math.floor(ms / fraction));

/**
 * Outgoing: at each check, `quiet` counts the checks since a moment no later
 * than the last write (a write first seen at a check happened after the check
 * before it; an EOL of ours, at its own check). An EOL is written once that
 * moment is `outgoing` ms back, so the peer never waits longer than `outgoing`
 * between two writes; on an idle socket the EOLs come exactly every `outgoing` ms.
 */
function sendBeats(socket: HeartBeatSocket, outgoing: number): Subscription {
  const period = periodOf(outgoing, 2);
  const checks = Math.max(1, Math.floor(outgoing / period));
  let seen = socket.bytesWritten;
  let quiet = 0;
  const subscription = interval(period).subscribe(() => {
    if (socket.destroyed) return subscription.unsubscribe();
    const written = socket.bytesWritten;
    if (written !== seen) {
      seen = written;
      quiet = 1;
    } else quiet += 1;
    if (quiet >= checks && socket.writable !== false) {
      socket.write('\n');
      seen = socket.bytesWritten;
      quiet = 0;
    }
  });
  return subscription;
}

/**
 * Incoming: checks every quarter interval; `silent` counts the checks since
 * the last one that saw `bytesRead` change (the read happened no later than
 * that check; the subscription counts as a read). The socket is destroyed at
 * the first check at which it is certain that nothing was read for more than
 * 2 × `incoming` ms: 2.25 × `incoming` after the check that saw the last
 * byte, so between 2.25 × and 2.5 × after the byte itself. "More than", with
 * a check to spare: ActiveMQ sends its first heart-beat after a frame up to
 * 2 × the interval late (AMQ-4710), and must not be taken for dead.
 */
function watchBeats(
  socket: HeartBeatSocket,
  incoming: number,
  dead: (error: StompError) => void,
): Subscription {
  const period = periodOf(incoming, 4);
  const limit = Math.floor((2 * incoming) / period) + 1;
  let seen = socket.bytesRead;
  let silent = 0;
  const subscription = interval(period).subscribe(() => {
    if (socket.destroyed) return subscription.unsubscribe();
    const read = socket.bytesRead;
    if (read !== seen) {
      seen = read;
      silent = 0;
      return;
    }
    silent += 1;
    if (silent < limit) return;
    subscription.unsubscribe();
    socket.destroy();
    dead(
      new StompError(
        'ERR_STOMP_HEARTBEAT',
        `no heart-beat: nothing read for ${silent * period} ms (more than 2 × the negotiated ${incoming} ms)`,
      ),
    );
  });
  return subscription;
}

/**
 * Keeps STOMP heart-beats on a connected socket (STOMP 1.2 §Heart-beating)
 * without reading it: writes one EOL (`\n`) whenever `outgoing` ms pass with
 * nothing written (`bytesWritten` unchanged), and, when `incoming` > 0 and
 * nothing was read (`bytesRead` unchanged) for 2 × `incoming` ms, destroys the
 * socket and errors with a {@link StompError} `ERR_STOMP_HEARTBEAT`. It adds
 * no listener to the socket, never emits and never completes; unsubscribing
 * stops it and leaves the socket alone. Its timers are RxJS `interval`s, so
 * under `TestScheduler.run` they run in virtual time.
 *
 * Checks count ticks of RxJS `interval`s, not clock time: an EOL goes out
 * between `outgoing` / 2 and `outgoing` ms after the last write (exactly
 * every `outgoing` ms when idle); a silent peer is given up once it is
 * certain that nothing was read for more than 2 × `incoming` ms (checks every
 * `incoming` / 4: 2.25 × `incoming` after the check that saw the last byte,
 * which tolerates ActiveMQ's late first heart-beat). A frame must be written with
 * one `write()` call (an EOL could otherwise land inside it), and a consumer
 * that leaves the socket paused with a full buffer for 2 × `incoming` is taken
 * for dead. Bad arguments error the stream with a TypeError.
 *
 * @example
 * ```ts
 * connect$(uri, {}, { verify: stompHandshake({ heartBeat: [10000, 10000] }) }).pipe(
 *   filter((event) => event.type === 'connected'),
 *   switchMap(({ socket, verified }) => {
 *     const { heartbeatOutgoing: outgoing, heartbeatIncoming: incoming } = verified as StompConnected;
 *     return merge(heartBeats$(socket, { outgoing, incoming }), session$(socket));
 *   }),
 * );
 * ```
 */
export function heartBeats$(socket: Socket, intervals: HeartBeatIntervals): Observable<never> {
  return new Observable<never>((subscriber) => {
    if (!isHeartBeatSocket(socket)) {
      throw new TypeError('heartBeats$: socket must be a connected net.Socket or tls.TLSSocket');
    }
    // An array is a natural guess after stompHandshake's heartBeat: [cx, cy]; say what is wanted instead.
    if (typeof intervals !== 'object' || intervals === null || Array.isArray(intervals)) {
      throw new TypeError(
        `heartBeats$: intervals must be an object { outgoing, incoming } (ms, e.g. a StompConnected's ` +
          `heartbeatOutgoing / heartbeatIncoming), got ${Array.isArray(intervals) ? 'an array' : String(intervals)}`,
      );
    }
    const outgoing = checkInterval(intervals, 'outgoing');
    const incoming = checkInterval(intervals, 'incoming');
    if (outgoing > 0) subscriber.add(sendBeats(socket, outgoing));
    if (incoming > 0) subscriber.add(watchBeats(socket, incoming, (error) => subscriber.error(error)));
  });
}
