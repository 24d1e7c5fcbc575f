import { attemptLimit } from '../schedule';
import type { SockoptRecord } from '../types';
import { parseUri } from '../uri/parse-uri';

/**
 * The CLI's attempt timeout when neither `--timeout` nor `-o Timeout=…`
 * gives one: a person is watching, and an attempt against a listener that
 * never answers would otherwise sit at "attempt 1" forever. The library's
 * own default stays "none", as in Perl.
 *
 * @example
 * ```ts
 * withCliDefaults({}).Timeout; // DEFAULT_TIMEOUT_MS / 1000, i.e. 10 (seconds)
 * ```
 */
export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The sockopts a CLI run uses: the command line's, with the `Timeout`
 * sockopt set to {@link DEFAULT_TIMEOUT_MS} when they have none. Being the
 * `Timeout` sockopt, it yields to a `connectionTimeout` in the URI, as
 * `--timeout` does; `--timeout 0` (`Timeout: 0`) means no timeout at all.
 *
 * @example
 * ```ts
 * withCliDefaults({ SSL_ca_file: 'ca.pem' }); // { SSL_ca_file: 'ca.pem', Timeout: 10 }
 * withCliDefaults({ Timeout: 0 });            // { Timeout: 0 }: none
 * ```
 */
export function withCliDefaults(sockopts: SockoptRecord): SockoptRecord {
  if (Object.hasOwn(sockopts, 'Timeout')) return sockopts;
  // Spread keeps every own name as an own property (`__proto__` included), so the library
  // still sees and refuses what the user wrote.
  return Object.freeze({ ...sockopts, Timeout: DEFAULT_TIMEOUT_MS / 1000 });
}

/**
 * The line the CLI prints once, before the first attempt, when the run has
 * no attempt limit (a `failover:` URI without `maxReconnectAttempts` or,
 * for the first connection, `startupMaxReconnectAttempts`; with `--stay`,
 * either limit missing): otherwise a run against brokers that are all down
 * looks stuck. `null` when there is a limit, or when the URI does not parse
 * (the run itself then reports why).
 *
 * @example
 * ```ts
 * retryNotice('failover:(tcp://a:61613,tcp://b:61613)', false);
 * // 'no attempt limit (maxReconnectAttempts): retrying until interrupted (Ctrl-C)'
 * retryNotice('tcp://a:61613', false); // null: one attempt
 * ```
 */
export function retryNotice(uri: string, stay: boolean): string | null {
  let failover;
  try {
    failover = parseUri(uri).failover;
  } catch {
    return null;
  }
  if (failover === null) return null;
  const unlimited = attemptLimit(failover) < 0 || (stay && failover.maxReconnectAttempts < 0);
  return unlimited ? 'no attempt limit (maxReconnectAttempts): retrying until interrupted (Ctrl-C)' : null;
}
