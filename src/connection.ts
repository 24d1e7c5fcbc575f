import { defer, type Observable } from 'rxjs';
import { withPrepared$, type ConnectTarget } from './connect';
import { DEFAULT_STABLE_AFTER } from './internal/cycle-state';
import { cycles$, type CycleSettings } from './internal/cycles';
import type { ConnectionEvent, ConnectionOptions, Sockopts } from './types';
import { MAX_DELAY_MS } from './uri/option-values';

/** The options beyond `ConnectOptions`, checked: a clear TypeError naming the option and the value. */
function settingsOf(options: unknown): CycleSettings {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`connection$: options must be an object or undefined, got ${describe(options)}`);
  }
  const { stableAfter = DEFAULT_STABLE_AFTER, heartBeats = true } = options as ConnectionOptions;
  const whole = typeof stableAfter === 'number' && Number.isSafeInteger(stableAfter);
  if (!whole || stableAfter < 0 || stableAfter > MAX_DELAY_MS) {
    throw new TypeError(
      `connection$: options.stableAfter must be a whole number of ms from 0 to ${MAX_DELAY_MS}, got ${describe(stableAfter)}`,
    );
  }
  if (typeof heartBeats !== 'boolean') {
    throw new TypeError(`connection$: options.heartBeats must be true or false, got ${describe(heartBeats)}`);
  }
  return { stableAfter, heartBeats };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value);
  return typeof value === 'object' || typeof value === 'function' ? `a ${typeof value}` : String(value);
}

/**
 * Stays connected to a STOMP broker, with ActiveMQ's failover semantics
 * (SPEC §8). The stream is a series of cycles: cycle 1 is a {@link connect$}
 * run (`attempt`, `failed`, `connected` events, each with `connection: 1`);
 * when its socket later closes, `disconnected` is emitted (`reason`,
 * `error`, `connectedFor`) and cycle 2 starts after the current backoff
 * delay, trying the peer that dropped last (ActiveMQ), and so on. It never completes: it ends when the subscriber
 * unsubscribes, or errors with the `ConnectError` of a cycle that ran out of
 * attempts (cycle 1 under `startupMaxReconnectAttempts` when >= 0, later
 * cycles under `maxReconnectAttempts`; a plan without failover: one pass per
 * cycle, waits between cycles as with the default options).
 *
 * The backoff is reset to `initialReconnectDelay` when the dropped connection
 * lasted at least `options.stableAfter` ms (default 30000); after a shorter
 * one it goes on growing, so a broker that accepts and drops at once is
 * retried at growing intervals, never hammered.
 *
 * Between `connected` and `disconnected` the socket is the subscriber's to read
 * and write; the library listens only to its `error` and `close` events, and
 * keeps STOMP heart-beats ({@link heartBeats$}) when `verify` was
 * `stompHandshake` and the broker agreed to some (`options.heartBeats: false`
 * turns that off): a silent broker is dropped with `reason: 'heart-beat'`.
 * Destroying the socket forces the next cycle. Unsubscribing cancels a cycle
 * in progress as `connect$` does, and closes a connected socket after its
 * pending writes (`destroySoon`), even inside `next`; no event follows.
 *
 * A bad URI, bad sockopts or bad options error the stream at subscription
 * (`UriError`, `SockoptError`, `TypeError`); sockopt files are read once per
 * subscription. Under `TestScheduler.run` every wait, heart-beat and
 * `connectedFor` is virtual time.
 *
 * @example
 * ```ts
 * connection$('failover:(tcp://mq1:61613,tcp://mq2:61613)?randomize=false', {}, {
 *   verify: stompHandshake({ host: '/', heartBeat: [10000, 10000] }),
 * })
 *   .pipe(
 *     tap((event) => event.type === 'disconnected' && console.warn(`lost ${event.peer.uri}: ${event.reason}`)),
 *     filter((event) => event.type === 'connected'),
 *     switchMap(({ socket }) => stompSession$(socket)), // the protocol layer, on each new socket
 *   )
 *   .subscribe();
 * ```
 */
export function connection$<V = unknown>(
  target: ConnectTarget,
  sockopts?: Sockopts,
  options: ConnectionOptions<V> = {},
): Observable<ConnectionEvent<V>> {
  // `verified` is what `options.verify` emitted, so it has verify's value type.
  return connectionWith$(target, sockopts, options) as Observable<ConnectionEvent> as Observable<
    ConnectionEvent<V>
  >;
}

/**
 * Internal (the CLI's `--race MS`): {@link connection$} with every cycle's
 * attempts staggered by `stagger` ms whatever the URI says (0 =
 * sequential); `undefined` = the URI's `connectionAttemptDelay`.
 *
 * @example
 * ```ts
 * connectionWith$('failover:(tcp://a:1,tcp://b:2)', {}, {}, 250);
 * ```
 */
export function connectionWith$(
  target: ConnectTarget,
  sockopts?: Sockopts,
  options: ConnectionOptions = {},
  stagger?: number,
): Observable<ConnectionEvent> {
  return defer(() => {
    const settings = { ...settingsOf(options), ...(stagger !== undefined && { stagger }) };
    return withPrepared$(target, sockopts, options, (plan, prepared, checked) =>
      cycles$(plan, prepared, checked, settings),
    );
  });
}
