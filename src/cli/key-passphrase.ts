import type { SockoptRecord } from '../types';

/**
 * The environment variable read for the passphrase of an encrypted client key
 * when no `passphrase` / `SSL_passwd_cb` sockopt gives one.
 *
 * @example
 * ```sh
 * STOMP_KEY_PASSPHRASE=secret stomp-connect --ca ca.pem --cert client.pem --key client.key ssl://mq:61614
 * ```
 */
export const KEY_PASSPHRASE_ENV = 'STOMP_KEY_PASSPHRASE';

/** Sockopts that give the run a client key (`--key` is `SSL_key_file`; `--cert` may hold the key). */
const KEY_SOCKOPTS = ['SSL_key_file', 'SSL_cert_file', 'key', 'pfx'];

/** Sockopts that already give the key's passphrase. */
const PASSPHRASE_SOCKOPTS = ['passphrase', 'SSL_passwd_cb'];

/**
 * The sockopts of a run, plus `SSL_passwd_cb` returning `$STOMP_KEY_PASSPHRASE`
 * when that is set (not empty), the sockopts give a client key (`--key`,
 * `--cert`, `SSL_key_file`, `SSL_cert_file`, `key`, `pfx`) and no
 * `passphrase` / `SSL_passwd_cb`. Otherwise the sockopts as given: the
 * variable never makes a run without a key a TLS one (a TLS sockopt with no
 * TLS peer is a `SockoptError`). The passphrase is only in the callback, which
 * the library never shows.
 *
 * @example
 * ```ts
 * withKeyPassphrase({ SSL_key_file: 'client.key' }, { STOMP_KEY_PASSPHRASE: 'secret' });
 * // { SSL_key_file: 'client.key', SSL_passwd_cb: [Function] }
 * withKeyPassphrase({ Timeout: 5 }, { STOMP_KEY_PASSPHRASE: 'secret' }); // { Timeout: 5 }
 * ```
 */
export function withKeyPassphrase(
  sockopts: SockoptRecord,
  env: Readonly<Record<string, string | undefined>> = {},
): SockoptRecord {
  const passphrase = env[KEY_PASSPHRASE_ENV];
  if (passphrase === undefined || passphrase === '') return sockopts;
  const given = (name: string): boolean => Object.hasOwn(sockopts, name) && sockopts[name] != null;
  if (!KEY_SOCKOPTS.some(given) || PASSPHRASE_SOCKOPTS.some(given)) return sockopts;
  return Object.freeze({ ...sockopts, SSL_passwd_cb: () => passphrase });
}
