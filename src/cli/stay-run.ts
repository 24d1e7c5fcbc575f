import { asyncScheduler, concat, defer, map, type Observable, of, Subscription, switchMap, tap } from 'rxjs';
import { connectionWith$ } from '../connection';
import type { ConnectionEvent, Socket } from '../types';
import type { CliOptions } from './args';
import type { CliIo } from './cli-io';
import { STOMP_DISCONNECT } from './close-socket';
import { stopOf } from './exit';
import { formatWaiting } from './format';
import { retryNotice, withCliDefaults } from './cli-defaults';
import { withKeyPassphrase } from './key-passphrase';
import { jsonLine } from './printable';
import { STAY_HEART_BEAT } from './stay-args';
import { formatStayRecord } from './stay-format';
import { stayRecord } from './stay-record';
import { stompVerify } from './stomp-verify';
import { runOutput } from './run-output';
import { WAIT_NOTICE_THRESHOLD, waitNotices$, type WaitNoticeCadence } from './wait-notices';

/** How long a connection closed on interruption may take to flush and close before the run ends anyway. */
const CLOSE_GRACE_MS = 2000;

type Entry =
  | { readonly kind: 'event'; readonly elapsed: number; readonly event: ConnectionEvent }
  | { readonly kind: 'waiting'; readonly elapsed: number; readonly remaining: number };

/** The events with their elapsed ms, and wait notices during a long wait after a failed attempt. */
function entries$(
  events$: Observable<ConnectionEvent>,
  notices: WaitNoticeCadence | null,
): Observable<Entry> {
  return defer(() => {
    const start = asyncScheduler.now();
    const elapsed = (): number => Math.round(asyncScheduler.now() - start);
    return events$.pipe(
      switchMap((event) => {
        const entry: Entry = { kind: 'event', elapsed: elapsed(), event };
        const wait = event.type === 'failed' ? event.retryIn : null;
        return notices === null || wait === null || wait <= WAIT_NOTICE_THRESHOLD
          ? of(entry)
          : concat(
              of(entry),
              waitNotices$(wait, notices).pipe(
                map((remaining): Entry => ({ kind: 'waiting', elapsed: elapsed(), remaining })),
              ),
            );
      }),
    );
  });
}

/**
 * `stomp-connect --stay`: follows {@link connection$} until interrupted,
 * printing every event as a timeline with its cycle (`connection 2: attempt 1
 * …`), `disconnected` lines with the reason and how long the connection
 * lasted, and the heart-beats kept (STOMP asks for `--heart-beat`, by
 * default 10000,10000); `--json` prints one record per event, `--quiet` only
 * `connected` and `disconnected`. It reads and drops whatever the broker
 * sends, so a close is always seen. Aborting `io.signal` (Ctrl-C, SIGTERM)
 * closes the live connection (after a STOMP DISCONNECT unless `--no-stomp`, its
 * writes flushed) and resolves to 130 once it has closed; a cycle that runs
 * out of attempts resolves to 1, a bad URI or sockopt to 2. `onEvent` sees
 * each event once it is printed (the demo uses it to time its acts).
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * process.once('SIGINT', () => controller.abort());
 * process.exitCode = await runStay(parseCliArgs(['--stay', uri]), {
 *   stdout: process.stdout, stderr: process.stderr, env: process.env, signal: controller.signal,
 * });
 * ```
 */
export function runStay(
  options: CliOptions,
  io: CliIo,
  onEvent?: (event: ConnectionEvent) => void,
): Promise<number> {
  const { env, style, printer, notices, errorReporter } = runOutput(options, io);
  const heartBeat = options.heartBeat ?? STAY_HEART_BEAT;
  const verify = options.stomp ? stompVerify({ ...options, heartBeat }, env) : undefined;
  const { signal } = io;

  return new Promise<number>((resolve) => {
    const start = Date.now();
    const subscription = new Subscription();
    let live: Socket | undefined; // between connected and disconnected
    let liveConnection = 0; // its number: a priority switch emits the new `connected` before the old `disconnected`
    let settled = false;

    const finish = (code: number): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      resolve(code);
    };
    const { report, reportFailure } = errorReporter(start);
    const fail = (error: unknown): void => finish(reportFailure(error));
    function onAbort(): void {
      if (settled) return;
      const closing = live;
      if (closing !== undefined && options.stomp && closing.writable) closing.write(STOMP_DISCONNECT);
      subscription.unsubscribe(); // connection$ closes the live socket once its writes are flushed
      const stop = stopOf(signal?.reason); // 130 Ctrl-C, 143 SIGTERM, 141 output closed (nothing shown)
      if (stop.message !== null) report('ABORT_ERR', stop.message);
      if (closing === undefined || closing.closed) return finish(stop.exitCode);
      const grace = setTimeout(() => closing.destroy(), CLOSE_GRACE_MS);
      closing.once('close', () => {
        clearTimeout(grace);
        finish(stop.exitCode);
      });
    }
    const show = (entry: Entry): void => {
      if (entry.kind === 'waiting') {
        printer.status(formatWaiting(entry.elapsed, entry.remaining, style));
        return;
      }
      const { event } = entry;
      if (options.quiet && event.type !== 'connected' && event.type !== 'disconnected') return;
      const record = stayRecord(event, entry.elapsed, true);
      printer.line(options.json ? jsonLine(record) : formatStayRecord(record, style));
      onEvent?.(event);
    };
    const follow = (event: ConnectionEvent): void => {
      if (event.type === 'connected') {
        live = event.socket;
        liveConnection = event.connection;
        event.socket.resume(); // read and drop: a broker's close is then always seen
      } else if (event.type === 'disconnected' && event.connection === liveConnection) live = undefined;
    };

    if (signal?.aborted) {
      onAbort();
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    const notice = options.quiet || options.json ? null : retryNotice(options.uri, true);
    if (notice !== null) printer.line(style.dim(notice));
    const sockopts = withKeyPassphrase(withCliDefaults(options.sockopts), env);
    const events$ = connectionWith$(
      options.uri,
      sockopts,
      verify === undefined ? {} : { verify },
      options.race,
    ).pipe(tap(follow));
    subscription.add(
      entries$(events$, notices).subscribe({
        next: show,
        error: fail,
        complete: () => fail(new Error('the connection stream ended')), // connection$ never completes
      }),
    );
  });
}
