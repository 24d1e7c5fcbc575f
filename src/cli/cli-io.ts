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
  /**
   * Aborting it cancels the run; its reason says why and so the exit code
   * (`STOP`: 130 Ctrl-C, 143 SIGTERM, 141 output closed; 130 for any other).
   */
  readonly signal?: AbortSignal;
}
