import type { CliStream } from './style';

/**
 * Where the CLI writes, what it reads, and what stops it: `process`'s, or a test's.
 *
 * @example
 * ```ts
 * const io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env };
 * ```
 */
export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  /** Default `{}`: reads `NO_COLOR`, `STOMP_PASSCODE` and `STOMP_KEY_PASSPHRASE`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Aborting it (Ctrl-C) cancels the run: exit code 130. */
  readonly signal?: AbortSignal;
}
