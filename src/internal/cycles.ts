import { concatMap, defer, type Observable, of, repeat } from 'rxjs';
import { randomOf, run$ } from '../connect';
import { attemptSchedule, type ScheduledAttempt } from '../schedule';
import type { PreparedSockopts } from '../transport/sockopts';
import type { ConnectEvent, ConnectionEvent, ConnectionPlan, ConnectOptions, Peer } from '../types';
import { afterDrop, cycleBackoff, cycleStart } from './cycle-state';
import { liveConnection$ } from './live-connection';
import { isPriorityPeer, priorityPeers } from './priority-peers';
import { probed$, probes$ } from './priority-probes';
import { retryWait } from './retry-wait';

type Connected = Extract<ConnectEvent, { type: 'connected' }>;

/**
 * What `connection$` was asked for beyond the connect options, checked.
 *
 * @example
 * ```ts
 * const settings: CycleSettings = { stableAfter: 30000, heartBeats: true };
 * ```
 */
export interface CycleSettings {
  readonly stableAfter: number;
  readonly heartBeats: boolean;
  /** ms to stagger each cycle's attempts by, overriding the URI's `connectionAttemptDelay` (the CLI's `--race`). */
  readonly stagger?: number;
}

/** Reports each attempt the schedule hands out, so the cycle knows the delay its connection left. */
function reporting(
  schedule: Iterator<ScheduledAttempt>,
  seen: (attempt: ScheduledAttempt) => void,
): Iterator<ScheduledAttempt> {
  return {
    next: () => {
      const next = schedule.next();
      if (next.done !== true) seen(next.value);
      return next;
    },
  };
}

/**
 * The cycles of one `connection$` subscription: each a run of the schedule
 * ({@link run$}) from the limit and delay {@link cycleStart} gives, its
 * events numbered by `connection`; its connection kept by
 * {@link liveConnection$} until the socket closes; then, after the wait
 * {@link afterDrop} gives (a `timer`, or a microtask for 0 — see
 * {@link retryWait}), the next cycle (`repeat`). A cycle that runs out of
 * attempts errors the stream with its `ConnectError`. The state (cycle
 * number, delay, wait) is the subscription's own.
 *
 * @example
 * ```ts
 * cycles$(plan, prepared, { verify: stompHandshake() }, { stableAfter: 30000, heartBeats: true })
 *   .subscribe((event) => console.log(event.connection, event.type));
 * ```
 */
export function cycles$(
  plan: ConnectionPlan,
  prepared: PreparedSockopts,
  options: ConnectOptions,
  settings: CycleSettings,
): Observable<ConnectionEvent> {
  return defer(() => {
    const random = randomOf(options);
    const backoff = cycleBackoff(plan);
    let connection = 0;
    let delay = backoff.initialReconnectDelay; // where the next wait is drawn from
    let wait = 0; // before the next cycle
    let zeroWaits = 0; // in a row, between cycles
    let dropped: Peer | undefined; // the peer the last connection was on, tried last next cycle

    const live = (
      connected: Connected,
      current: number,
      replaced?: Observable<unknown>,
    ): Observable<ConnectionEvent> =>
      liveConnection$(
        connected,
        current,
        settings.heartBeats,
        (connectedFor) => {
          ({ wait, delay } = afterDrop(backoff, delay, connectedFor, settings.stableAfter, random));
          dropped = connected.peer;
        },
        replaced,
      );
    // Connected to a peer that is not a priority peer: the priority peers are probed meanwhile (SPEC §9).
    const connected$ = (connected: Connected, current: number): Observable<ConnectionEvent> =>
      plan.failover === null || priorityPeers(plan).length === 0 || isPriorityPeer(plan, connected.peer)
        ? live(connected, current)
        : probed$(
            connected,
            current,
            live,
            probes$(plan, plan.failover, prepared, options, random),
            (next) => {
              // The priority connection takes the next number; its drop waits from the initial delay.
              connection = next;
              delay = backoff.initialReconnectDelay;
            },
          );

    const cycle$ = defer(() => {
      const current = ++connection;
      // The attempts handed out lately, by number: with staggered attempts the one that connects
      // need not be the last (at most one per peer is in flight, so as many are kept).
      const recent = new Map<number, ScheduledAttempt>();
      const schedule = reporting(
        attemptSchedule(plan, random, cycleStart(plan, current, delay, dropped)),
        (attempt) => {
          recent.set(attempt.attempt, attempt);
          recent.delete(attempt.attempt - plan.peers.length - 1);
        },
      );
      return run$(plan, prepared, options, schedule, settings.stagger).pipe(
        concatMap((event): Observable<ConnectionEvent> => {
          if (event.type !== 'connected') return of(Object.freeze({ ...event, connection: current }));
          // The backoff goes on from the delay in force at the attempt that connected.
          const scheduled = recent.get(event.attempt);
          if (plan.failover !== null && scheduled !== undefined) delay = scheduled.delay;
          return connected$(event, current);
        }),
      );
    });

    return cycle$.pipe(
      repeat({
        delay: () => {
          zeroWaits = wait === 0 ? zeroWaits + 1 : 0;
          return retryWait(wait, zeroWaits);
        },
      }),
    );
  });
}
