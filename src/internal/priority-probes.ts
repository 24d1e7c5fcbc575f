import { defer, Observable, Subject, Subscription, switchMap } from 'rxjs';
import { run$ } from '../connect';
import { attemptSchedule, jitteredWait, nextDelay } from '../schedule';
import type { PreparedSockopts } from '../transport/sockopts';
import type {
  ConnectEvent,
  ConnectionEvent,
  ConnectionPlan,
  ConnectOptions,
  FailoverOptions,
} from '../types';
import { FAILOVER_DEFAULTS } from '../uri/failover-options';
import { priorityPeers } from './priority-peers';
import { retryWait } from './retry-wait';

type Connected = Extract<ConnectEvent, { type: 'connected' }>;

/**
 * The background probes of the plan's priority peers (SPEC §9): one attempt
 * at a time (never staggered), the first after `initialReconnectDelay`
 * (jittered as configured), each later one after the backoff's next wait,
 * with no limit (with `initialReconnectDelay=0`: 10 ms doubling, as the
 * defaults, never a tight loop); same transport, sockopts and `verify` as the cycles. Ends
 * with `connected` when one connects.
 *
 * @example
 * ```ts
 * probes$(plan, failover, prepared, options, Math.random).subscribe((event) => console.log(event.type));
 * ```
 */
export function probes$(
  plan: ConnectionPlan,
  failover: FailoverOptions,
  prepared: PreparedSockopts,
  options: ConnectOptions,
  random: () => number,
): Observable<ConnectEvent> {
  // Probes run for as long as the connection lasts: without an initial delay they would retry a
  // down priority peer in a tight loop, so they then wait as the default options do.
  const backoff: FailoverOptions =
    failover.initialReconnectDelay > 0
      ? failover
      : {
          ...failover,
          initialReconnectDelay: FAILOVER_DEFAULTS.initialReconnectDelay,
          backOffMultiplier: FAILOVER_DEFAULTS.backOffMultiplier,
          useExponentialBackOff: true,
          maxReconnectDelay:
            failover.maxReconnectDelay > 0 ? failover.maxReconnectDelay : FAILOVER_DEFAULTS.maxReconnectDelay,
        };
  const probePlan: ConnectionPlan = Object.freeze({
    peers: priorityPeers(plan),
    failover: Object.freeze({
      ...backoff,
      randomize: false, // in their order, every time
      maxReconnectAttempts: -1,
      startupMaxReconnectAttempts: -1,
      priorityBackup: false,
      priorityURIs: Object.freeze([]),
      connectionAttemptDelay: 0,
    }),
    ignored: Object.freeze([]),
  });
  return defer(() => {
    const first = backoff.initialReconnectDelay;
    const wait = jitteredWait(first, backoff.jitter, random);
    const schedule = attemptSchedule(probePlan, random, { limit: -1, delay: nextDelay(backoff, first) });
    return retryWait(wait).pipe(switchMap(() => run$(probePlan, prepared, options, schedule, 0)));
  });
}

/**
 * Internal: a live connection to a peer that is not a priority peer, probed
 * over: emits the live connection's events (`live(connected, current)`), and
 * meanwhile the probes' events as connection `current + 1` with `probe:
 * true`. When a probe connects: `switched(current + 1)`, then that
 * connection's events (its `connected` first, marked `probe: true`), then the
 * old socket is closed (`destroySoon`) and its `disconnected` (`reason:
 * 'priority'`) emitted. A failed probe never touches the live connection;
 * when the live connection drops first the probes stop and the cycle ends.
 *
 * @example
 * ```ts
 * probed$(connected, 1, live, probes$(plan, failover, prepared, options, random), (n) => (connection = n));
 * ```
 */
export function probed$(
  connected: Connected,
  current: number,
  live: (
    connected: Connected,
    connection: number,
    replaced?: Observable<unknown>,
  ) => Observable<ConnectionEvent>,
  probes: Observable<ConnectEvent>,
  switched: (connection: number) => void,
): Observable<ConnectionEvent> {
  return new Observable<ConnectionEvent>((subscriber) => {
    const next = current + 1;
    const replaced = new Subject<void>();
    let taken = false;
    const probing = new Subscription();
    const old = live(connected, current, replaced).subscribe({
      next: (event) => subscriber.next(event),
      error: (error: unknown) => subscriber.error(error),
      complete: () => {
        if (taken) return;
        probing.unsubscribe(); // the connection dropped first: the next cycle tries priority peers first anyway
        subscriber.complete();
      },
    });
    subscriber.add(old);
    if (subscriber.closed || old.closed) return undefined;
    probing.add(
      probes.subscribe({
        next: (event) => {
          if (event.type !== 'connected') {
            subscriber.next(Object.freeze({ ...event, connection: next, probe: true as const }));
            return;
          }
          taken = true;
          switched(next);
          const probeConnected: Connected = Object.freeze({ ...event, probe: true as const });
          subscriber.add(live(probeConnected, next).subscribe(subscriber));
          replaced.next();
        },
        error: (error: unknown) => subscriber.error(error),
      }),
    );
    subscriber.add(probing);
    return undefined;
  });
}
