import type { CliOptions } from './args';
import type { CliIo } from './cli-io';
import { errorReporter, type ErrorReporter } from './error-report';
import { createPrinter, type Printer } from './printer';
import { createStyle, type Style, useColor } from './style';
import { LOG_CADENCE, TTY_CADENCE, type WaitNoticeCadence } from './wait-notices';

/**
 * Where a run of the CLI writes, and how: the environment it reads, the
 * style of stdout (colour unless `NO_COLOR` or not a terminal), the printer
 * (lines redrawn in place on a terminal), the cadence of the "still waiting"
 * notices (none with `--quiet` or `--json`), and the reporter of what ended
 * the run (stderr in its own style, plus a JSON record with `--json`).
 *
 * @example
 * ```ts
 * const { env, style, printer, notices, errorReporter } = runOutput(options, io);
 * const { reportFailure } = errorReporter(Date.now());
 * ```
 */
export interface RunOutput {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly style: Style;
  readonly printer: Printer;
  readonly notices: WaitNoticeCadence | null;
  /** The run's error reporter; `start` is when the run began (for the JSON record's `elapsed`). */
  readonly errorReporter: (start: number) => ErrorReporter;
}

/**
 * The {@link RunOutput} of `options` on `io`, as every run of the CLI sets it up
 * (`--stay` or not).
 *
 * @example
 * ```ts
 * runOutput({ quiet: false, json: true }, { stdout: process.stdout, stderr: process.stderr }).notices; // null
 * ```
 */
export function runOutput(options: Pick<CliOptions, 'quiet' | 'json'>, io: CliIo): RunOutput {
  const env = io.env ?? {};
  const terminal = io.stdout.isTTY === true;
  const printer = createPrinter(io.stdout, terminal);
  const errorStyle = createStyle(useColor(io.stderr, env));
  return {
    env,
    style: createStyle(useColor(io.stdout, env)),
    printer,
    notices: options.quiet || options.json ? null : terminal ? TTY_CADENCE : LOG_CADENCE,
    errorReporter: (start) =>
      errorReporter({ printer, stderr: io.stderr, errorStyle, json: options.json, start }),
  };
}
