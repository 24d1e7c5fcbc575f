import {
  concat,
  defer,
  from,
  map,
  type Observable,
  of,
  retry,
  switchMap,
  take,
  throwError,
  throwIfEmpty,
  catchError,
} from 'rxjs';
import { AttemptError } from './errors/attempt-error';
import { ConnectError, MAX_KEPT_ATTEMPT_ERRORS } from './errors/connect-error';
import { attemptTimeout } from './internal/attempt-timeout';
import { retryWait } from './internal/retry-wait';
import { verifiedSocket, type Established } from './internal/verified-socket';
import { attemptSchedule, type ScheduledAttempt } from './schedule';
import { connectPeer$ } from './transport/connect-peer';
import { checkSockopts, prepareSockopts$, type PreparedSockopts } from './transport/sockopts';
import type { ConnectEvent, ConnectionPlan, ConnectOptions, Peer, Sockopts } from './types';
import { parseUri } from './uri/parse-uri';
import { targetPlan } from './uri/peer';

/** Where to connect: a URI (simple, failover or `file:`), or one `{ host, port }` peer. */
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
export function connect$(
  target: ConnectTarget,
  sockopts?: Sockopts,
  options: ConnectOptions = {},
): Observable<ConnectEvent> {
  return defer(() => {
    const plan = typeof target === 'string' ? parseUri(target) : targetPlan(target, sockopts);
    const checked = checkSockopts(sockopts, plan);
    return prepareSockopts$(checked).pipe(
      take(1),
      switchMap((prepared) => run$(plan, prepared, options)),
    );
  });
}

/** One run: the schedule's attempts, each in `defer`, failures retried after their wait. */
function run$(
  plan: ConnectionPlan,
  prepared: PreparedSockopts,
  options: ConnectOptions,
): Observable<ConnectEvent> {
  const schedule = attemptSchedule(plan, options.random ?? Math.random);
  const errors: AttemptError[] = [];
  const failoverTimeout = plan.failover?.connectionTimeout;

  const attempt$ = (step: ScheduledAttempt): Observable<ConnectEvent> => {
    const { attempt, peer, retryIn } = step;
    const timeoutMs = peer.connectionTimeout ?? failoverTimeout ?? prepared.attemptTimeout;
    const established$ = establish$(peer, prepared, options).pipe(attemptTimeout<Established>(timeoutMs));
    return concat(
      of<ConnectEvent>(Object.freeze({ type: 'attempt', attempt, peer })),
      established$.pipe(
        map((established): ConnectEvent =>
          Object.freeze({ type: 'connected', attempt, peer, ...established }),
        ),
        catchError((cause: unknown) => {
          const error = new AttemptError(peer, attempt, cause);
          errors.push(error);
          if (errors.length > MAX_KEPT_ATTEMPT_ERRORS) errors.shift();
          const failed: ConnectEvent = Object.freeze({ type: 'failed', attempt, peer, error, retryIn });
          return concat(
            of(failed),
            throwError(() =>
              retryIn === null ? new ConnectError(errors, attempt) : new RetryAfter(retryIn),
            ),
          );
        }),
      ),
    );
  };

  return defer(() => {
    const next = schedule.next();
    // The schedule ends with a `retryIn: null` attempt, whose failure ends the run first.
    return next.done ? throwError(() => new ConnectError(errors, 0)) : attempt$(next.value);
  }).pipe(
    retry({
      delay: (signal: unknown) =>
        signal instanceof RetryAfter ? retryWait(signal.wait) : throwError(() => signal),
    }),
  );
}

/** Opens the socket to one peer (the transport), then verifies it when asked to. */
function establish$(
  peer: Peer,
  prepared: PreparedSockopts,
  options: ConnectOptions,
): Observable<Established> {
  const { transport, verify } = options;
  const socket$ = (
    transport === undefined
      ? connectPeer$(peer, prepared)
      : defer(() => from(transport(peer, prepared.given)))
  ).pipe(
    take(1),
    throwIfEmpty(() => new Error('the transport completed without a socket')),
  );
  if (verify === undefined) return socket$.pipe(map((socket): Established => ({ socket })));
  return socket$.pipe(switchMap((socket) => verifiedSocket(socket, peer, verify)));
}
