import { UsageError } from './usage-error';

/**
 * The longest `--timeout`: Node's timers run a longer delay after 1 ms
 * (a TimeoutOverflowWarning), which would time every attempt out at once.
 *
 * @example
 * ```ts
 * parseCliArgs(['--timeout', String(MAX_TIMEOUT_MS + 1), uri]); // a usage error
 * ```
 */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/**
 * A milliseconds option (`--timeout MS`, `--race MS`) as whole milliseconds,
 * `0` meaning `zero`; a {@link UsageError} naming the option for anything else.
 *
 * @example
 * ```ts
 * timeoutMs('2500'); // 2500
 * timeoutMs('x', '--race', 'sequential'); // throws: --race expects whole milliseconds (0 = sequential), got 'x'
 * ```
 */
export function timeoutMs(text: string, option = '--timeout', zero = 'none'): number {
  if (!/^\d+$/.test(text)) {
    throw new UsageError(`${option} expects whole milliseconds (0 = ${zero}), got '${text}'`);
  }
  const ms = Number(text);
  if (ms > MAX_TIMEOUT_MS) {
    throw new UsageError(
      `${option} is at most ${MAX_TIMEOUT_MS} ms (about 24.8 days, Node's timer limit), got '${text}'`,
    );
  }
  return ms;
}
