import { EXIT } from './exit';
import { formatError } from './format';
import { jsonLine } from './printable';
import type { Printer } from './printer';
import type { CliStream, Style } from './style';

/** An error's `code` when it is a string, else `null`. */
function errorCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

/** An error's message; by shape, not `instanceof` (errors from another realm, e.g. under jest). */
function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

/**
 * How a run of the CLI (one connection, or `--stay`) tells what ended it.
 *
 * @example
 * ```ts
 * const { report, reportFailure } = errorReporter({ printer, stderr, errorStyle, json: false, start });
 * report('ABORT_ERR', 'interrupted');
 * const exitCode = reportFailure(connectError); // 1 (2 for a UriError or SockoptError)
 * ```
 */
export interface ErrorReporter {
  /** One line on stderr (and, with `--json`, an `error` record on stdout). */
  report(code: string | null, message: string, extra?: Record<string, unknown>): void;
  /** Reports the error that ended the run (with its attempt count, if any); returns the exit code. */
  reportFailure(error: unknown): number;
}

/**
 * The {@link ErrorReporter} of one run: `start` is when the run began (for
 * the JSON record's `elapsed`).
 *
 * @example
 * ```ts
 * errorReporter({ printer, stderr: io.stderr, errorStyle, json: options.json, start: Date.now() });
 * ```
 */
export function errorReporter(context: {
  readonly printer: Printer;
  readonly stderr: CliStream;
  readonly errorStyle: Style;
  readonly json: boolean;
  readonly start: number;
}): ErrorReporter {
  const { printer, stderr, errorStyle, json, start } = context;
  const report = (code: string | null, message: string, extra: Record<string, unknown> = {}): void => {
    printer.clearStatus();
    if (json) printer.line(jsonLine({ type: 'error', elapsed: Date.now() - start, code, message, ...extra }));
    stderr.write(`${errorStyle.red(formatError(message))}\n`);
  };
  return {
    report,
    reportFailure: (error) => {
      const code = errorCode(error);
      const { attempts } = error as { attempts?: unknown };
      report(code, messageOf(error), typeof attempts === 'number' ? { attempts } : {});
      return code === 'ERR_STOMP_URI' || code === 'ERR_STOMP_SOCKOPT' ? EXIT.usage : EXIT.failed;
    },
  };
}
