/**
 * The CLI's exit codes.
 *
 * @example
 * ```ts
 * process.exitCode = EXIT.usage; // 2
 * ```
 */
export const EXIT = Object.freeze({
  /** Connected (and closed again cleanly). */
  connected: 0,
  /** Every attempt failed. */
  failed: 1,
  /** Bad usage, bad URI or bad sockopt. */
  usage: 2,
  /** Interrupted (SIGINT): 128 + 2, as a shell reports it. */
  interrupted: 130,
  /**
   * Its output was closed (EPIPE: `stomp-connect … | head -1` once head has
   * its line): 128 + 13, what SIGPIPE makes of any other program.
   */
  outputClosed: 141,
  /** Terminated (SIGTERM): 128 + 15, as a shell reports it. */
  terminated: 143,
});

/**
 * Why a run was stopped from outside: the exit code, and the message the CLI
 * prints (`null`: none, since its output is gone).
 *
 * @example
 * ```ts
 * controller.abort(STOP.terminated); // the run ends with exit code 143, 'terminated'
 * ```
 */
export interface CliStop {
  readonly exitCode: number;
  readonly message: string | null;
}

/**
 * The ways a run is stopped from outside, given as the abort reason of
 * `CliIo.signal`.
 *
 * @example
 * ```ts
 * process.once('SIGTERM', () => controller.abort(STOP.terminated));
 * ```
 */
export const STOP = Object.freeze({
  /** SIGINT (Ctrl-C), and any abort without one of these reasons. */
  interrupted: Object.freeze<CliStop>({ exitCode: EXIT.interrupted, message: 'interrupted' }),
  /** SIGTERM. */
  terminated: Object.freeze<CliStop>({ exitCode: EXIT.terminated, message: 'terminated' }),
  /** stdout or stderr failed (EPIPE: the reader went away): nothing more is printed. */
  outputClosed: Object.freeze<CliStop>({ exitCode: EXIT.outputClosed, message: null }),
});

/**
 * The {@link CliStop} an abort reason names; {@link STOP}.interrupted for any other reason.
 *
 * @example
 * ```ts
 * stopOf(STOP.terminated).exitCode; // 143
 * stopOf(undefined).exitCode;       // 130
 * ```
 */
export function stopOf(reason: unknown): CliStop {
  return Object.values(STOP).find((stop) => stop === reason) ?? STOP.interrupted;
}
