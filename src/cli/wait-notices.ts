import { asyncScheduler, map, type Observable, type SchedulerLike, take, timer } from 'rxjs';

/**
 * Waits longer than this (ms) get notices while they run.
 *
 * @example
 * ```ts
 * const noticed = (retryIn: number): boolean => retryIn > WAIT_NOTICE_THRESHOLD;
 * ```
 */
export const WAIT_NOTICE_THRESHOLD = 2000;

/**
 * How often a wait notice comes.
 *
 * @example
 * ```ts
 * const everyTenSeconds: WaitNoticeCadence = { every: 10000, immediate: false };
 * ```
 */
export interface WaitNoticeCadence {
  /** ms between notices. */
  readonly every: number;
  /** Whether the first notice comes at once (a terminal's countdown) or after `every`. */
  readonly immediate: boolean;
}

/**
 * On a terminal: a countdown line rewritten every second.
 *
 * @example
 * ```ts
 * waitNotices$(5000, TTY_CADENCE); // 5000, 4000, 3000, 2000, 1000 (one a second)
 * ```
 */
export const TTY_CADENCE: WaitNoticeCadence = Object.freeze({ every: 1000, immediate: true });
/**
 * In a log: a line every 5 s, so no stretch of a minute passes silently.
 *
 * @example
 * ```ts
 * waitNotices$(12000, LOG_CADENCE); // 7000 after 5 s, 2000 after 10 s
 * ```
 */
export const LOG_CADENCE: WaitNoticeCadence = Object.freeze({ every: 5000, immediate: false });

/**
 * The notices for one wait of `wait` ms before the next attempt: emits the
 * ms remaining, at the cadence given, while some remain, and completes with
 * the last. Built on RxJS's
 * `timer`, so unsubscribing (the next event arrived, or the run was
 * cancelled) clears it, and under `TestScheduler.run` it runs in virtual time.
 *
 * @example
 * ```ts
 * waitNotices$(30000, TTY_CADENCE).subscribe((ms) => console.log(`next attempt in ${ms / 1000} s`));
 * // 30 s, 29 s, ..., 1 s
 * ```
 */
export function waitNotices$(
  wait: number,
  cadence: WaitNoticeCadence,
  scheduler: SchedulerLike = asyncScheduler,
): Observable<number> {
  const offset = cadence.immediate ? 0 : 1;
  // Completes with the last notice rather than at the next tick.
  const count = Math.max(0, Math.ceil(wait / cadence.every) - offset);
  return timer(cadence.immediate ? 0 : cadence.every, cadence.every, scheduler).pipe(
    take(count),
    map((tick) => wait - (tick + offset) * cadence.every),
  );
}
