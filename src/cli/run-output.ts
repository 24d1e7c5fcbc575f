import type { CliOptions } from './args';
import type { CliIo } from './cli-io';
import { createPrinter, type Printer } from './printer';
import { createStyle, type Style, useColor } from './style';
import { LOG_CADENCE, TTY_CADENCE, type WaitNoticeCadence } from './wait-notices';

/**
 * Where a run of the CLI writes, and how: the environment it reads, the
 * styles of stdout and stderr (colour unless `NO_COLOR` or not a terminal),
 * the printer (lines redrawn in place on a terminal), and the cadence of
 * the "still waiting" notices (none with `--quiet` or `--json`).
 *
 * @example
 * ```ts
 * const { env, style, printer, notices } = runOutput(options, io);
 * ```
 */
export interface RunOutput {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly style: Style;
  readonly errorStyle: Style;
  readonly printer: Printer;
  readonly notices: WaitNoticeCadence | null;
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
  return {
    env,
    style: createStyle(useColor(io.stdout, env)),
    errorStyle: createStyle(useColor(io.stderr, env)),
    printer: createPrinter(io.stdout, terminal),
    notices: options.quiet || options.json ? null : terminal ? TTY_CADENCE : LOG_CADENCE,
  };
}
