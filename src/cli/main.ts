#!/usr/bin/env node
/**
 * The `stomp-connect` executable: runs {@link runCli} on the process's
 * arguments and streams. Ctrl-C (SIGINT, exit code 130) and SIGTERM (143)
 * cancel the run and close what it opened; so does a closed output (EPIPE:
 * `stomp-connect … | head -1`, 141, as SIGPIPE ends other programs).
 * It sets `process.exitCode` and lets the event loop drain, so a clean run
 * exits at once; should anything stay open, a last-resort timer (which does
 * not keep the process alive) exits anyway.
 *
 * @example
 * ```sh
 * stomp-connect 'failover:(tcp://mq1:61613,tcp://mq2:61613)?randomize=false'
 * ```
 */
import { describeValue } from '../internal/describe-value';
import { errorMessage } from '../internal/error-message';
import { STOP } from './exit';
import { formatError } from './format';
import { runCli } from './run';

/** How long the process may linger after the run before it is made to exit. */
const LINGER_MS = 3000;

/**
 * Runs the CLI as a process: `process.argv`, stdout, stderr, the environment,
 * SIGINT and SIGTERM.
 *
 * @example
 * ```ts
 * if (require.main === module) void main();
 * ```
 */
export async function main(): Promise<void> {
  const controller = new AbortController();
  // A reader that went away (`stomp-connect ... | head -1`): nothing more can be shown, so
  // the run ends at once rather than failing over forever. Never a crash either.
  const onOutputError = (): void => controller.abort(STOP.outputClosed);
  for (const stream of [process.stdout, process.stderr]) stream.on('error', onOutputError);
  const onSigint = (): void => controller.abort(STOP.interrupted);
  const onSigterm = (): void => controller.abort(STOP.terminated);
  // `once`: a second signal while the run is being closed kills the process as usual.
  process.once('SIGINT', onSigint);
  process.once('SIGTERM', onSigterm);
  let code: number;
  try {
    code = await runCli(process.argv.slice(2), {
      stdout: process.stdout,
      stderr: process.stderr,
      env: process.env,
      signal: controller.signal,
    });
  } catch (error) {
    const message = errorMessage(error) ?? describeValue(error);
    process.stderr.write(`${formatError(`internal error: ${message}`)}\n`);
    code = 1;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
  }
  process.exitCode = code;
  setTimeout(() => process.exit(code), LINGER_MS).unref();
}

if (require.main === module) void main();
