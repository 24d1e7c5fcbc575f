import { Observable, timer, type Subscription } from 'rxjs';
import type { AttemptError } from '../errors/attempt-error';
import { ConnectError } from '../errors/connect-error';
import type { ScheduledAttempt } from '../schedule';
import type { PreparedSockopts } from '../transport/sockopts';
import type { ConnectEvent, ConnectionPlan, ConnectOptions } from '../types';
import { attemptSocket$, keptAttemptError } from './attempt';
import { retryWait } from './retry-wait';

interface InFlight {
  readonly scheduled: ScheduledAttempt;
  subscription?: Subscription;
}

/**
 * Internal: one run over `schedule` with staggered attempts (SPEC §9,
 * `connectionAttemptDelay` = `stagger` ms > 0). Attempts start in the
 * schedule's order; attempt k+1 starts at the earlier of k's failure + its
 * wait and k's start + `stagger`, but never while an attempt to the same peer
 * is in flight (it then starts as soon as that one settles, its own wait
 * having passed already). The first attempt to connect (and pass `verify`)
 * wins: the others are cancelled before `connected` is emitted. A `failed`
 * event says `retryIn: 0` when its successor already started (or when none
 * follows but others are still in flight), and `null` only for the failure
 * that ends the run: the limit reached and nothing left in flight.
 *
 * Every wait is a timer (virtual under `TestScheduler.run`), a zero wait a
 * microtask: nothing is retried synchronously.
 *
 * @example
 * ```ts
 * staggered$(plan, prepared, options, attemptSchedule(plan, Math.random), 250);
 * ```
 */
export function staggered$(
  plan: ConnectionPlan,
  prepared: PreparedSockopts,
  options: ConnectOptions,
  schedule: Iterator<ScheduledAttempt>,
  stagger: number,
): Observable<ConnectEvent> {
  return new Observable<ConnectEvent>((subscriber) => {
    const errors: AttemptError[] = [];
    const inFlight = new Map<number, InFlight>(); // by attempt number
    let latest: ScheduledAttempt | undefined; // the last attempt started
    let held: ScheduledAttempt | undefined; // the next one, waiting for its peer to settle
    let exhausted = false; // the schedule's last attempt has started
    let trigger: Subscription | undefined; // the stagger timer or the wait before the next attempt
    let zeroWaits = 0; // in a row

    const arm = (wait: Observable<unknown>): void => {
      trigger?.unsubscribe();
      trigger = wait.subscribe(() => startNext());
    };
    const busy = (next: ScheduledAttempt): boolean =>
      [...inFlight.values()].some(({ scheduled }) => scheduled.peer.uri === next.peer.uri);
    const endIfDone = (): boolean => {
      if (!exhausted || inFlight.size > 0) return false;
      subscriber.error(new ConnectError(errors, latest?.attempt ?? 0));
      return true;
    };

    function startNext(): void {
      trigger?.unsubscribe();
      trigger = undefined;
      if (subscriber.closed) return;
      let next = held;
      held = undefined;
      if (next === undefined) {
        const pulled = schedule.next();
        if (pulled.done === true) {
          exhausted = true; // only an empty schedule ends this way: its last attempt has retryIn null
          endIfDone();
          return;
        }
        next = pulled.value;
      }
      if (busy(next)) {
        held = next; // never two attempts to one peer: it starts when that one settles
        return;
      }
      start(next);
    }

    function start(scheduled: ScheduledAttempt): void {
      const { attempt, peer } = scheduled;
      latest = scheduled;
      if (scheduled.retryIn === null) exhausted = true;
      subscriber.next(Object.freeze({ type: 'attempt', attempt, peer }));
      if (subscriber.closed) return;
      const entry: InFlight = { scheduled };
      inFlight.set(attempt, entry);
      const subscription = attemptSocket$(scheduled, plan, prepared, options).subscribe({
        next: (established) => {
          inFlight.delete(attempt);
          trigger?.unsubscribe();
          // The others are cancelled at once: their sockets destroyed, no further event.
          for (const other of inFlight.values()) other.subscription?.unsubscribe();
          inFlight.clear();
          subscriber.next(Object.freeze({ type: 'connected', attempt, peer, ...established }));
          subscriber.complete();
        },
        error: (cause: unknown) => failed(scheduled, cause),
      });
      if (!inFlight.has(attempt)) return; // settled synchronously
      entry.subscription = subscription;
      // An unfinished attempt holds up the next one for `stagger` ms at most.
      if (!exhausted && latest === scheduled && trigger === undefined) arm(timer(stagger));
    }

    function failed(scheduled: ScheduledAttempt, cause: unknown): void {
      const { attempt, peer } = scheduled;
      inFlight.delete(attempt);
      const error = keptAttemptError(errors, peer, attempt, cause);
      const ends = exhausted && inFlight.size === 0;
      const waitsForThis = latest === scheduled && !exhausted; // its successor has not started
      const wait = scheduled.retryIn ?? 0;
      const retryIn = ends ? null : waitsForThis ? wait : 0;
      subscriber.next(Object.freeze({ type: 'failed', attempt, peer, error, retryIn }));
      if (subscriber.closed || endIfDone()) return;
      if (waitsForThis) {
        zeroWaits = wait === 0 ? zeroWaits + 1 : 0;
        arm(retryWait(wait, zeroWaits));
      } else if (held !== undefined && held.peer.uri === peer.uri) {
        zeroWaits += 1;
        arm(retryWait(0, zeroWaits)); // the wait before it has passed already
      }
    }

    startNext();
    return () => {
      trigger?.unsubscribe();
      for (const entry of inFlight.values()) entry.subscription?.unsubscribe();
      inFlight.clear();
    };
  });
}
