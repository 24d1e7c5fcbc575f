import { asapScheduler, timer, type Observable } from 'rxjs';

/**
 * The notifier for `retry({ delay })`: a `timer` of `ms`, or for 0 a microtask
 * (`asapScheduler`) rather than a timer tick, since `setTimeout(0)` is clamped
 * to 1 ms and failing over through refused peers would pay it on every
 * attempt. Either way the retry never resubscribes synchronously, so a
 * transport that fails synchronously cannot make it recurse.
 *
 * @example
 * ```ts
 * source$.pipe(retry({ delay: () => retryWait(0) }));
 * ```
 */
export function retryWait(ms: number): Observable<0> {
  return ms > 0 ? timer(ms) : timer(0, asapScheduler);
}
