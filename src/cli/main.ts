#!/usr/bin/env node
/**
 * The `stomp-connect` executable: runs {@link runCli} on the process's
 * arguments and streams, Ctrl-C (SIGINT) cancelling the run (exit code 130),
 * SIGTERM too (exit code 143).
 * It sets `process.exitCode` and lets the event loop drain, so a clean run
 * exits at once; should anything stay open, a last-resort timer (which does
 * not keep the process alive) exits anyway.
 *
 * @example
 * ```sh
 * stomp-connect --stomp 'failover:(tcp://mq1:61613,tcp://mq2:61613)?randomize=false'
 * ```
 */
import { EXIT } from './exit';
import { runCli } from './run';

/** How long the process may linger after the run before it is made to exit. */
const LINGER_MS = 3000;

/**
 * Runs the CLI as a process: `process.argv`, stdout, stderr, the environment
 * and SIGINT.
 *
 * @example
 * ```ts
 * if (require.main === module) void main();
 * ```
 */
export async function main(): Promise<void> {
  // A reader that went away (`stomp-connect ... | head -1`) is not a crash.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  const controller = new AbortController();
  const onSigint = (): void => controller.abort('SIGINT');
  const onSigterm = (): void => controller.abort('SIGTERM');
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
    process.stderr.write(
      `stomp-connect: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    code = 1;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
  }
  // An interrupted run says 130; SIGTERM's is 143.
  if (code === EXIT.interrupted && controller.signal.reason === 'SIGTERM') code = EXIT.terminated;
  process.exitCode = code;
  setTimeout(() => process.exit(code), LINGER_MS).unref();
}

if (require.main === module) void main();
