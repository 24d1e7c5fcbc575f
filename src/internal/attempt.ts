import type { Observable, Unsubscribable } from 'rxjs';
import { AttemptError } from '../errors/attempt-error';
import { MAX_KEPT_ATTEMPT_ERRORS } from '../errors/connect-error';
import type { ScheduledAttempt } from '../schedule';
import { connectPeer } from '../transport/connect-peer';
import type { PreparedSockopts } from '../transport/sockopts';
import type { ConnectionPlan, ConnectOptions, Peer } from '../types';
import {
  establish,
  establish$,
  type Established,
  type EstablishObserver,
  type EstablishRequest,
} from './establish';

/**
 * Internal: what one attempt does between its `attempt` and its outcome:
 * opens the socket (the user's transport, or `node:net` / `node:tls`), runs
 * `verify`, all within the attempt timeout (the peer's `connectionTimeout`,
 * else the failover-level one, else the sockopt `Timeout`).
 *
 * @example
 * ```ts
 * attemptSocket$(scheduled, plan, prepared, options).subscribe(({ socket }) => socket.end());
 * ```
 */
export function attemptSocket$(
  scheduled: ScheduledAttempt,
  plan: ConnectionPlan,
  prepared: PreparedSockopts,
  options: ConnectOptions,
): Observable<Established> {
  return establish$(scheduled.peer, attemptRequest(scheduled, plan, prepared, options));
}

/**
 * Internal: {@link attemptSocket$} reporting to `observer` rather than
 * through an Observable, one subscriber less for each pending attempt (what
 * `connect$`'s sequential run uses); returns what cancels it.
 *
 * @example
 * ```ts
 * const cancel = attemptSocket(scheduled, plan, prepared, options, observer);
 * cancel.unsubscribe();
 * ```
 */
export function attemptSocket(
  scheduled: ScheduledAttempt,
  plan: ConnectionPlan,
  prepared: PreparedSockopts,
  options: ConnectOptions,
  observer: EstablishObserver,
): Unsubscribable {
  return establish(scheduled.peer, attemptRequest(scheduled, plan, prepared, options), observer);
}

function attemptRequest(
  { peer }: ScheduledAttempt,
  plan: ConnectionPlan,
  prepared: PreparedSockopts,
  options: ConnectOptions,
): EstablishRequest {
  const { transport, verify } = options;
  const timeoutMs = peer.connectionTimeout ?? plan.failover?.connectionTimeout ?? prepared.attemptTimeout;
  return transport === undefined
    ? { connect: (observer) => connectPeer(peer, prepared, observer), verify, timeoutMs }
    : { open: () => transport(peer, prepared.given), verify, timeoutMs };
}

/**
 * Internal: the `AttemptError` of a failed attempt, kept in `errors` (the
 * most recent {@link MAX_KEPT_ATTEMPT_ERRORS}) for the run's `ConnectError`.
 *
 * @example
 * ```ts
 * const error = keptAttemptError(errors, peer, 3, new Error('refused'));
 * ```
 */
export function keptAttemptError(
  errors: AttemptError[],
  peer: Peer,
  attempt: number,
  cause: unknown,
): AttemptError {
  const error = new AttemptError(peer, attempt, cause);
  errors.push(error);
  if (errors.length > MAX_KEPT_ATTEMPT_ERRORS) errors.shift();
  return error;
}
