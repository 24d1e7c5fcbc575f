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
  /** Interrupted (SIGINT). */
  interrupted: 130,
  /** Terminated (SIGTERM): 128 + 15, as a shell reports it. */
  terminated: 143,
});
