import {
  asyncScheduler,
  concat,
  defer,
  EMPTY,
  map,
  type Observable,
  of,
  type SchedulerLike,
  switchMap,
} from 'rxjs';
import type { ConnectEvent } from '../types';
import { WAIT_NOTICE_THRESHOLD, waitNotices$, type WaitNoticeCadence } from './wait-notices';

/**
 * One entry of the CLI's timeline: an event of the run, or a notice while a long wait runs.
 *
 * @example
 * ```ts
 * const entry: TimelineEntry = { kind: 'waiting', elapsed: 2012, remaining: 28000 };
 * ```
 */
export type TimelineEntry =
  | { readonly kind: 'event'; readonly elapsed: number; readonly event: ConnectEvent }
  | { readonly kind: 'waiting'; readonly elapsed: number; readonly remaining: number };

/**
 * Options of {@link timeline$}.
 *
 * @example
 * ```ts
 * const options: TimelineOptions = { notices: process.stdout.isTTY ? TTY_CADENCE : LOG_CADENCE };
 * ```
 */
export interface TimelineOptions {
  /** The cadence of wait notices, or `null` for none (`--json`, `--quiet`). */
  readonly notices: WaitNoticeCadence | null;
  /** The clock and the timers; default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/**
 * The run's events with the ms elapsed since subscription, and, while a wait
 * longer than {@link WAIT_NOTICE_THRESHOLD} runs, `waiting` notices with the
 * ms remaining. A notice stream ends when the next event arrives (it is a
 * `switchMap`), and unsubscribing cancels both the run and the notices.
 *
 * @example
 * ```ts
 * timeline$(connect$(uri), { notices: TTY_CADENCE }).subscribe((entry) => {
 *   if (entry.kind === 'waiting') console.log(`next attempt in ${entry.remaining} ms`);
 * });
 * ```
 */
export function timeline$(
  events$: Observable<ConnectEvent>,
  options: TimelineOptions,
): Observable<TimelineEntry> {
  const scheduler = options.scheduler ?? asyncScheduler;
  const { notices } = options;
  return defer(() => {
    const start = scheduler.now();
    const elapsed = (): number => Math.round(scheduler.now() - start);
    return events$.pipe(
      switchMap((event) => {
        const entry: TimelineEntry = { kind: 'event', elapsed: elapsed(), event };
        const wait = event.type === 'failed' ? event.retryIn : null;
        const waiting$: Observable<TimelineEntry> =
          notices === null || wait === null || wait <= WAIT_NOTICE_THRESHOLD
            ? EMPTY
            : waitNotices$(wait, notices, scheduler).pipe(
                map((remaining): TimelineEntry => ({ kind: 'waiting', elapsed: elapsed(), remaining })),
              );
        return concat(of(entry), waiting$);
      }),
    );
  });
}
