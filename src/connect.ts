import {
  defer,
  Observable,
  retry,
  type Subscriber,
  switchMap,
  take,
  throwError,
  type Unsubscribable,
} from 'rxjs';
import type { AttemptError } from './errors/attempt-error';
import { ConnectError } from './errors/connect-error';
import { checkedConnectOptions, checkedSockoptsArgument } from './internal/check-arguments';
import { checkedRandom } from './internal/checked-random';
import { retryWait } from './internal/retry-wait';
import { staggered$ } from './internal/staggered';
import { attemptSocket, keptAttemptError } from './internal/attempt';
import type { Established, EstablishObserver } from './internal/establish';
import { scheduleOf, type ScheduledAttempt } from './schedule';
import {
  checkSockopts,
  prepareSockopts$,
  prepareSockoptsNow,
  type CheckedSockopts,
  type PreparedSockopts,
} from './transport/sockopts';
import type { ConnectEvent, ConnectionPlan, ConnectOptions, Sockopts } from './types';
import { parseUri } from './uri/parse-uri';
import { targetPlan } from './uri/peer';

/**
 * Where to connect: a URI (simple, failover or `file:`), or one `{ host, port }` peer.
 *
 * @example
 * ```ts
 * connect$('tcp://mq:61613'); // a URI
 * connect$({ host: 'mq', port: 61614 }, { SSL_ca_file: 'ca.pem' }); // one peer: ssl, since an SSL_* sockopt is given
 * ```
 */
export type ConnectTarget = string | { readonly host: string; readonly port: number };

/** The signal that a failed attempt is followed by another after `wait` ms. */
class RetryAfter {
  constructor(readonly wait: number) {}
}

/**
 * Connects to a STOMP broker, failing over between peers: emits an `attempt`
 * event per attempt, a `failed` event per failure (with the wait before the
 * next one), and finally `connected` with the open socket, then completes.
 * After the last failure it errors with a {@link ConnectError}; a bad URI or
 * bad sockopts error it with `UriError` / `SockoptError` before any attempt.
 *
 * Nothing happens before subscription, and each subscription is a run of its
 * own. Unsubscribing before `connected` cancels the run: the socket being
 * opened is destroyed and a pending wait is cleared. From `connected` on, the
 * socket is the subscriber's.
 *
 * @example
 * ```ts
 * connect$('failover:(tcp://mq1:61613,tcp://mq2:61613)?randomize=false')
 *   .pipe(
 *     tap((event) => console.log(event.type, event.attempt, event.peer.uri)),
 *     toSocket(),
 *   )
 *   .subscribe((socket) => socket.write('...'));
 * ```
 */
export function connect$<V = unknown>(
  target: ConnectTarget,
  sockopts?: Sockopts,
  options?: ConnectOptions<V>,
): Observable<ConnectEvent<V>> {
  // `verified` is what `options.verify` emitted, so it has verify's value type.
  return connectWith$(target, sockopts, options) as Observable<ConnectEvent> as Observable<ConnectEvent<V>>;
}

/**
 * Internal (the CLI's `--race MS`): {@link connect$} with the attempts
 * staggered by `stagger` ms whatever the URI says (0 = sequential);
 * `undefined` = the URI's `connectionAttemptDelay`.
 *
 * @example
 * ```ts
 * connectWith$('failover:(tcp://a:1,tcp://b:2)', {}, {}, 250);
 * ```
 */
export function connectWith$(
  target: ConnectTarget,
  sockopts?: Sockopts,
  options?: ConnectOptions,
  stagger?: number,
): Observable<ConnectEvent> {
  return withPrepared$(target, sockopts, options, (plan, prepared, checked) =>
    run$(plan, prepared, checked, scheduleOf(plan, randomOf(checked)), stagger),
  );
}

/**
 * Internal: the random source a run draws from — the user's, checked at every
 * draw (a throw or a value outside [0, 1) ends the run with a TypeError), or
 * `Math.random`.
 *
 * @example
 * ```ts
 * attemptSchedule(plan, randomOf(options));
 * ```
 */
export function randomOf(options: ConnectOptions): () => number {
  return options.random === undefined ? Math.random : checkedRandom(options.random);
}

/**
 * Internal (not exported from the package root): at subscription, checks the
 * sockopts and options arguments, parses the target and checks and prepares
 * the sockopts (errors: `TypeError`, `UriError`, `SockoptError`, before
 * anything else), then hands them with the checked options to `body`. Shared
 * by {@link connect$} and `connection$`, which prepares once for all its cycles.
 *
 * @example
 * ```ts
 * withPrepared$('tcp://a:1', {}, {}, (plan, prepared, options) =>
 *   run$(plan, prepared, options, attemptSchedule(plan, randomOf(options))));
 * ```
 */
export function withPrepared$<T>(
  target: ConnectTarget,
  sockopts: Sockopts | undefined,
  options: unknown,
  body: (plan: ConnectionPlan, prepared: PreparedSockopts, options: ConnectOptions) => Observable<T>,
): Observable<T> {
  return defer(() => {
    // The arguments first (SPEC §1): a wrong one is the stream's error before anything starts.
    const given = checkedSockoptsArgument(sockopts);
    const checkedOptions = options === undefined ? NO_OPTIONS : checkedConnectOptions(options);
    const plan = typeof target === 'string' ? planOf(target) : targetPlan(target, given);
    const checked = isEmpty(given) ? checkedWithoutSockopts(plan) : checkSockopts(given, plan);
    const now = prepareSockoptsNow(checked);
    if (now !== undefined) return body(plan, now, checkedOptions);
    return prepareSockopts$(checked).pipe(
      take(1),
      switchMap((prepared) => body(plan, prepared, checkedOptions)),
    );
  });
}

// The checked form of no options at all, shared: a run keeps its options to the end.
const NO_OPTIONS = checkedConnectOptions(undefined);

// Plans are frozen, so runs of the same URI can share one: parsing is a few µs of
// every run. Not `file:` URIs, whose file is read again at every subscription.
const MAX_CACHED_PLANS = 64;
const plans = new Map<string, ConnectionPlan>();
function planOf(uri: string): ConnectionPlan {
  let plan = plans.get(uri);
  if (plan === undefined) {
    plan = parseUri(uri);
    if (!FILE_URI.test(uri)) {
      if (plans.size >= MAX_CACHED_PLANS) plans.clear();
      plans.set(uri, plan);
    }
  }
  return plan;
}
const FILE_URI = /^\s*file:/i;

const isEmpty = (sockopts: Sockopts | undefined): boolean =>
  sockopts === undefined || Object.keys(sockopts).length === 0;

// Without sockopts the check depends on the plan alone.
const checkedByPlan = new WeakMap<ConnectionPlan, CheckedSockopts>();
function checkedWithoutSockopts(plan: ConnectionPlan): CheckedSockopts {
  let checked = checkedByPlan.get(plan);
  if (checked === undefined) {
    checked = checkSockopts(undefined, plan);
    checkedByPlan.set(plan, checked);
  }
  return checked;
}

/**
 * Internal: one run over `schedule` (a fresh iterator per subscription:
 * each subscription consumes it): its attempts, each in `defer`, failures
 * retried after their wait; `ConnectError` once the schedule ends. `connect$`
 * runs the plan's whole schedule; `connection$` runs each cycle from the
 * limit and delay the last one left. With `stagger` ms > 0 (default: the
 * plan's `connectionAttemptDelay`) and two peers or more, attempts are
 * staggered (SPEC §9); `connection$`'s probes pass 0 to stay one at a time.
 *
 * @example
 * ```ts
 * run$(plan, prepared, options, attemptSchedule(plan, Math.random, { limit: 4, delay: 40 }));
 * ```
 */
export function run$(
  plan: ConnectionPlan,
  prepared: PreparedSockopts,
  options: ConnectOptions,
  schedule: Iterator<ScheduledAttempt>,
  stagger: number = plan.failover?.connectionAttemptDelay ?? 0,
): Observable<ConnectEvent> {
  // Staggering needs two peers; off, the run is the seed's sequential schedule.
  if (stagger > 0 && plan.peers.length > 1) return staggered$(plan, prepared, options, schedule, stagger);
  const errors: AttemptError[] = [];
  // One peer without failover: one attempt, nothing to retry or wait for (so no `retry`).
  if (plan.failover === null && plan.peers.length === 1) {
    return new Observable<ConnectEvent>((subscriber) => {
      const next = schedule.next();
      if (next.done === true) return subscriber.error(new ConnectError(errors, 0));
      return startAttempt(subscriber, next.value, plan, prepared, options, errors);
    });
  }
  let zeroWaits = 0; // in a row
  return defer(() => {
    const next = schedule.next();
    // The schedule ends with a `retryIn: null` attempt, whose failure ends the run first.
    return next.done
      ? throwError(() => new ConnectError(errors, 0))
      : attempt$(next.value, plan, prepared, options, errors);
  }).pipe(
    retry({
      delay: (signal: unknown) => {
        if (!(signal instanceof RetryAfter)) return throwError(() => signal);
        zeroWaits = signal.wait === 0 ? zeroWaits + 1 : 0;
        return retryWait(signal.wait, zeroWaits);
      },
    }),
  );
}

/**
 * One attempt: emits `attempt`, then `connected` and completes, or `failed`
 * and errors with the signal for `retry` (a {@link RetryAfter}, or the run's
 * {@link ConnectError} after the last attempt).
 */
function attempt$(
  scheduled: ScheduledAttempt,
  plan: ConnectionPlan,
  prepared: PreparedSockopts,
  options: ConnectOptions,
  errors: AttemptError[],
): Observable<ConnectEvent> {
  return new Observable<ConnectEvent>((subscriber) =>
    startAttempt(subscriber, scheduled, plan, prepared, options, errors),
  );
}

/** Runs one attempt for `subscriber` (see {@link attempt$}); returns its teardown. */
function startAttempt(
  subscriber: Subscriber<ConnectEvent>,
  scheduled: ScheduledAttempt,
  plan: ConnectionPlan,
  prepared: PreparedSockopts,
  options: ConnectOptions,
  errors: AttemptError[],
): Unsubscribable | undefined {
  const { attempt, peer } = scheduled;
  subscriber.next(Object.freeze({ type: 'attempt', attempt, peer }));
  if (subscriber.closed) return undefined;
  // attemptSocket(), not attemptSocket$(): one subscriber less for each pending attempt.
  return attemptSocket(
    scheduled,
    plan,
    prepared,
    options,
    new AttemptOutcome(subscriber, scheduled, errors, options.verify !== undefined),
  );
}

/** How an attempt ends, told to its run: `connected`, or `failed` and the signal for `retry`. */
class AttemptOutcome implements EstablishObserver {
  constructor(
    private readonly subscriber: Subscriber<ConnectEvent>,
    private readonly scheduled: ScheduledAttempt,
    private readonly errors: AttemptError[],
    private readonly verifies: boolean,
  ) {}

  next({ socket, verified }: Established): void {
    const { attempt, peer } = this.scheduled;
    // `verified` only with `verify` (establish gives it then, even when undefined).
    const event: ConnectEvent = this.verifies
      ? { type: 'connected', attempt, peer, socket, verified }
      : { type: 'connected', attempt, peer, socket };
    this.subscriber.next(Object.freeze(event));
    this.subscriber.complete();
  }

  error(cause: unknown): void {
    const { attempt, peer, retryIn } = this.scheduled;
    const { errors, subscriber } = this;
    const error = keptAttemptError(errors, peer, attempt, cause);
    subscriber.next(Object.freeze({ type: 'failed', attempt, peer, error, retryIn }));
    subscriber.error(retryIn === null ? new ConnectError(errors, attempt) : new RetryAfter(retryIn));
  }

  complete(): void {
    // `next` has completed the attempt already.
  }
}
