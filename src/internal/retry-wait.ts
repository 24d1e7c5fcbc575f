import { asapScheduler, asyncScheduler, timer, type Observable } from 'rxjs';

/**
 * How many zero waits in a row run on microtasks before one yields to the
 * event loop. Attempts that fail without I/O (a custom transport that fails
 * synchronously, a local bind error raised on the next tick) would otherwise
 * chain microtasks forever: no timer or I/O callback could run, not even the
 * one that unsubscribes.
 *
 * @example
 * ```ts
 * retryWait(0, ZERO_WAITS_BEFORE_YIELD); // a timer(0): the event loop turns once
 * ```
 */
export const ZERO_WAITS_BEFORE_YIELD = 64;

/**
 * The notifier for `retry({ delay })`: a `timer` of `ms`, or for 0 a microtask
 * (`asapScheduler`) rather than a timer tick, since `setTimeout(0)` is clamped
 * to 1 ms and failing over through refused peers would pay it on every
 * attempt. Every {@link ZERO_WAITS_BEFORE_YIELD}th zero wait in a row is a
 * `timer(0)` on `asyncScheduler` instead, which lets the event loop turn.
 * Either way the retry never resubscribes synchronously, so a transport that
 * fails synchronously cannot make it recurse.
 *
 * @example
 * ```ts
 * let zeroWaits = 0;
 * source$.pipe(retry({ delay: () => retryWait(0, ++zeroWaits) }));
 * ```
 */
export function retryWait(ms: number, zeroWaitsInARow = 1): Observable<0> {
  if (ms > 0) return timer(ms);
  return timer(0, zeroWaitsInARow % ZERO_WAITS_BEFORE_YIELD === 0 ? asyncScheduler : asapScheduler);
}
