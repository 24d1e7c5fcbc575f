import { Observable, of } from 'rxjs';
import { SockoptError } from '../errors/sockopt-error';
import type { ConnectionPlan, Sockopts } from '../types';

/**
 * Socket options checked against a plan, frozen. STUB: only `Timeout` and the
 * `net` names; the TLS issue completes the mapping.
 */
export interface CheckedSockopts {
  /** A frozen copy of the caller's sockopts (what a custom transport receives). */
  readonly given: Sockopts;
  /** The `Timeout` sockopt in ms; undefined = none. */
  readonly attemptTimeout: number | undefined;
  /** Options passed to `net.connect` besides host and port. */
  readonly net: Readonly<Record<string, unknown>>;
}

/** Checked sockopts plus everything read from files; ready for attempts. */
export type PreparedSockopts = CheckedSockopts;

/**
 * Checks sockopts against the plan, synchronously. Throws {@link SockoptError}.
 *
 * @example
 * ```ts
 * const checked = checkSockopts({ Timeout: 5 }, parseUri('tcp://localhost'));
 * checked.attemptTimeout; // 5000
 * ```
 */
export function checkSockopts(sockopts: Sockopts | undefined, _plan: ConnectionPlan): CheckedSockopts {
  const given = Object.freeze({ ...(sockopts ?? {}) });
  let attemptTimeout: number | undefined;
  for (const [name, value] of Object.entries(given)) {
    if (name === 'Timeout') {
      if (typeof value !== 'number' || !(value >= 0)) {
        throw new SockoptError(`sockopt Timeout must be a number of seconds >= 0, not ${String(value)}`, {
          option: name,
        });
      }
      attemptTimeout = value > 0 ? value * 1000 : undefined;
    } else {
      throw new SockoptError(`unknown sockopt ${name}`, { option: name });
    }
  }
  return Object.freeze({ given, attemptTimeout, net: Object.freeze({}) });
}

/**
 * Reads what the sockopts name (files, passphrases), once per run.
 *
 * @example
 * ```ts
 * prepareSockopts$(checked).subscribe((prepared) => console.log(prepared.attemptTimeout));
 * ```
 */
export function prepareSockopts$(checked: CheckedSockopts): Observable<PreparedSockopts> {
  return of(checked);
}
