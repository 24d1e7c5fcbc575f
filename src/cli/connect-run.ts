import { concat, defer, EMPTY, Subscription, tap } from 'rxjs';
import { connectWith$ } from '../connect';
import type { Socket } from '../types';
import type { CliOptions } from './args';
import { closeSocket$, STOMP_DISCONNECT } from './close-socket';
import { eventRecord } from './event-record';
import { formatRecord, formatWaiting } from './format';
import { jsonLine } from './printable';
import { retryNotice, withCliDefaults } from './cli-defaults';
import { withKeyPassphrase } from './key-passphrase';
import { stompVerify } from './stomp-verify';
import type { CliIo } from './cli-io';
import { EXIT, stopOf } from './exit';
import { timeline$, type TimelineEntry } from './timeline';
import { runOutput } from './run-output';

/**
 * Runs one connection as the CLI does once its command line is parsed:
 * `connect$` with the options' sockopts (plus `$STOMP_KEY_PASSPHRASE` for an
 * encrypted client key, see {@link withKeyPassphrase}; and `stompHandshake`
 * unless `--no-stomp`),
 * printing the timeline; on `connected` it closes the socket cleanly (STOMP
 * DISCONNECT first unless `--no-stomp`). Resolves to the exit code (see
 * {@link EXIT}); never rejects for a failed run. Aborting `io.signal`
 * unsubscribes: whatever is open (a socket, a timer) is closed, and it
 * resolves to the exit code of the abort's reason (a `STOP`: 143 for
 * SIGTERM, 141 when the output was closed, else 130).
 *
 * @example
 * ```ts
 * const code = await runConnect(parseCliArgs(['tcp://127.0.0.1:61613']), {
 *   stdout: process.stdout, stderr: process.stderr, env: process.env,
 * });
 * ```
 */
export function runConnect(options: CliOptions, io: CliIo): Promise<number> {
  const { env, style, printer, notices, errorReporter } = runOutput(options, io);
  const verify = options.stomp ? stompVerify(options, env) : undefined;
  const { signal } = io;

  return new Promise<number>((resolve) => {
    const start = Date.now();
    let socket: Socket | undefined;
    const subscription = new Subscription();
    let settled = false;

    const finish = (code: number): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      resolve(code);
    };
    const { report, reportFailure } = errorReporter(start);
    const fail = (error: unknown): void => {
      socket?.destroy();
      finish(reportFailure(error));
    };
    function onAbort(): void {
      if (settled) return;
      subscription.unsubscribe();
      socket?.destroy();
      const stop = stopOf(signal?.reason);
      if (stop.message !== null) report('ABORT_ERR', stop.message);
      finish(stop.exitCode);
    }
    const show = (entry: TimelineEntry): void => {
      if (entry.kind === 'waiting') {
        printer.status(formatWaiting(entry.elapsed, entry.remaining, style));
        return;
      }
      const { event } = entry;
      if (event.type === 'connected') socket = event.socket;
      if (options.quiet && event.type !== 'connected') return;
      const record = eventRecord(event, entry.elapsed);
      printer.line(options.json ? jsonLine(record) : formatRecord(record, style));
    };

    if (signal?.aborted) {
      onAbort();
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    const notice = options.quiet || options.json ? null : retryNotice(options.uri, false);
    if (notice !== null) printer.line(style.dim(notice));
    const sockopts = withKeyPassphrase(withCliDefaults(options.sockopts), env);
    const events$ = connectWith$(options.uri, sockopts, verify === undefined ? {} : { verify }, options.race);
    const run$ = concat(
      timeline$(events$, { notices }).pipe(tap(show)),
      defer(() =>
        socket === undefined ? EMPTY : closeSocket$(socket, options.stomp ? STOMP_DISCONNECT : undefined),
      ),
    );
    // Added to `subscription`, so an abort during a synchronous part of the run still cancels it.
    subscription.add(
      run$.subscribe({
        error: fail,
        complete: () => {
          if (socket === undefined) fail(new Error('the run ended without a connection'));
          else finish(EXIT.connected);
        },
      }),
    );
  });
}
