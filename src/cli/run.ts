import { parseCliArgs } from './args';
import type { CliIo } from './cli-io';
import { runConnect } from './connect-run';
import { EXIT } from './exit';
import { runDemo } from './demo';
import { runStay } from './stay-run';
import { checkPasscodeEnv } from './stomp-verify';
import { formatError } from './format';
import { UsageError } from './usage-error';
import { USAGE } from './usage';
import { packageVersion } from './version';

/**
 * The `stomp-connect` command: parses `argv` (without `node` and the script),
 * then prints the help, the version, runs the demo, or connects. Resolves to
 * the exit code: 0 connected, 1 every attempt failed, 2 bad usage / URI /
 * sockopt (one line on stderr, no stack), and when `io.signal` aborted the
 * run the code its reason names (130 Ctrl-C, 143 SIGTERM, 141 output closed).
 * With `--stay` it follows `connection$` until aborted (see {@link runStay}).
 * Everything it writes goes to `io.stdout` / `io.stderr`, so tests run it in
 * process.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * process.once('SIGINT', () => controller.abort());
 * process.exitCode = await runCli(process.argv.slice(2), {
 *   stdout: process.stdout, stderr: process.stderr, env: process.env, signal: controller.signal,
 * });
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let options;
  try {
    options = parseCliArgs(argv);
    if (options.mode === 'connect') checkPasscodeEnv(options, io.env ?? {});
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${formatError(error.message)}\n`);
    return EXIT.usage;
  }
  switch (options.mode) {
    case 'help':
      io.stdout.write(USAGE);
      return 0;
    case 'version':
      io.stdout.write(`${packageVersion()}\n`);
      return 0;
    case 'demo':
      return runDemo(options, io);
    case 'connect':
      return options.stay === true ? runStay(options, io) : runConnect(options, io);
  }
}
