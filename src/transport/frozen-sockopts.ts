import { inspect } from 'node:util';
import type { SockoptRecord } from '../types';
import { SOCKOPT_DEFS } from './sockopt-table';

/**
 * What a secret is shown as.
 *
 * @example
 * ```ts
 * inspect(checked.given).includes(REDACTED); // true when a passphrase was given
 * ```
 */
export const REDACTED = '[redacted]';

/**
 * A frozen copy of the caller's sockopts, with every value intact (a custom
 * transport receives it and may need the passphrase), but whose secrets
 * (`passphrase`, `key`, `pfx`, `SSL_passwd_cb`) `util.inspect` and
 * `JSON.stringify` show as `[redacted]`, so that logging the sockopts leaks
 * nothing. The redaction hooks are non-enumerable: spreading the copy gives
 * the plain values.
 *
 * @example
 * ```ts
 * const given = frozenSockopts({ SSL_key_file: 'key.pem', passphrase: 'hunter2' });
 * given.passphrase;           // 'hunter2'
 * JSON.stringify(given);      // '{"SSL_key_file":"key.pem","passphrase":"[redacted]"}'
 * ```
 */
export function frozenSockopts(sockopts: SockoptRecord): SockoptRecord {
  const copy: Record<string, unknown> = { ...sockopts };
  const redacted = (): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(copy).map(([name, value]) => [
        name,
        SOCKOPT_DEFS.get(name)?.secret === true && value !== undefined && value !== null ? REDACTED : value,
      ]),
    );
  Object.defineProperty(copy, inspect.custom, {
    value: (depth: number, options: object, show: typeof inspect) => show(redacted(), { ...options, depth }),
  });
  Object.defineProperty(copy, 'toJSON', { value: redacted });
  return Object.freeze(copy);
}
