import { createPrivateKey } from 'node:crypto';
import { SockoptError } from '../errors/sockopt-error';
import { hasEncryptedKey, ioReason } from './read-sockopt-file';

/** Where a passphrase can come from, for the messages. */
const GIVES = '(SSL_passwd_cb or passphrase gives it)';
const GIVES_ITEM = '(SSL_passwd_cb, passphrase, or { pem, passphrase } gives it)';

/** One key of Node's `key` sockopt: its PEM text, its own passphrase, its place in the array. */
interface KeyItem {
  readonly pem: string;
  readonly passphrase: string | undefined;
  /** undefined when `key` is not an array. */
  readonly index: number | undefined;
}

const textOf = (value: unknown): string | undefined =>
  typeof value === 'string'
    ? value
    : value instanceof Uint8Array
      ? Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('latin1')
      : undefined;

/**
 * The keys of Node's `key` sockopt (a PEM string or Buffer, or an array of
 * them or of `{ pem, passphrase }`), those whose text can be read.
 *
 * @example
 * ```ts
 * keyItems([pem, { pem: other, passphrase: 'x' }]); // [{ pem, index: 0 }, { pem: other, passphrase: 'x', index: 1 }]
 * ```
 */
export function keyItems(key: unknown): KeyItem[] {
  const list: readonly unknown[] = Array.isArray(key) ? key : [key];
  return list.flatMap((item, position) => {
    const index = Array.isArray(key) ? position : undefined;
    const own = typeof item === 'object' && item !== null && !(item instanceof Uint8Array);
    const pem = textOf(own ? (item as { pem?: unknown }).pem : item);
    const passphrase = own ? (item as { passphrase?: unknown }).passphrase : undefined;
    return pem === undefined
      ? []
      : [{ pem, passphrase: typeof passphrase === 'string' ? passphrase : undefined, index }];
  });
}

const at = (index: number | undefined): string =>
  index === undefined ? '' : ` at item ${index} of the array`;

/**
 * Throws a {@link SockoptError} naming the key when an encrypted key of
 * Node's `key` sockopt has no passphrase from anywhere (its own, `passphrase`,
 * `SSL_passwd_cb`): synchronously, while checking, since no I/O is needed.
 * Node would say only "bad decrypt", as for a wrong passphrase.
 *
 * @example
 * ```ts
 * checkKeyPassphrases(new Map([['key', encryptedPem]]));
 * // SockoptError: sockopt key: the key is encrypted and no passphrase was given (SSL_passwd_cb or passphrase gives it)
 * ```
 */
export function checkKeyPassphrases(present: ReadonlyMap<string, unknown>): void {
  if (!present.has('key') || present.has('passphrase') || present.has('SSL_passwd_cb')) return;
  const key = present.get('key');
  const locked = keyItems(key).find((item) => item.passphrase === undefined && hasEncryptedKey(item.pem));
  if (locked === undefined) return;
  throw new SockoptError(
    `sockopt key: the key${at(locked.index)} is encrypted and no passphrase was given ${
      Array.isArray(key) ? GIVES_ITEM : GIVES
    }`,
    { option: 'key' },
  );
}

/**
 * Throws a {@link SockoptError} naming the key unless `passphrase` (or the
 * key's own) unlocks each encrypted key of Node's `key` sockopt. `option`
 * is where the shared passphrase came from (`passphrase` or `SSL_passwd_cb`).
 * Checked here, one key at a time, because `tls.createSecureContext` says
 * "bad decrypt" without saying which key, or first that a key does not match.
 *
 * @example
 * ```ts
 * unlockKeys([plainPem, encryptedPem], 'wrong', 'passphrase');
 * // SockoptError: sockopt passphrase: the passphrase does not unlock the key at item 1 of the array
 * ```
 */
export function unlockKeys(key: unknown, passphrase: string | undefined, option: string): void {
  for (const item of keyItems(key)) {
    if (!hasEncryptedKey(item.pem)) continue;
    try {
      createPrivateKey({ key: item.pem, format: 'pem', passphrase: item.passphrase ?? passphrase });
    } catch (cause) {
      if (item.passphrase !== undefined) {
        throw new SockoptError(
          `sockopt key: the passphrase of item ${item.index ?? 0} of the array does not unlock its key`,
          { option: 'key', cause },
        );
      }
      throw new SockoptError(`sockopt ${option}: the passphrase does not unlock the key${at(item.index)}`, {
        option,
        cause,
      });
    }
  }
}

/**
 * Throws a {@link SockoptError} naming the file unless `passphrase` unlocks
 * the key in `pem` (read from `path` for the sockopt `option`): an encrypted
 * key with no passphrase at all says so.
 *
 * @example
 * ```ts
 * unlockFileKey('SSL_key_file', 'client.key', pem, undefined);
 * // SockoptError: sockopt SSL_key_file: the key in client.key is encrypted and no passphrase was given (…)
 * ```
 */
export function unlockFileKey(
  option: string,
  path: string,
  pem: string,
  passphrase: string | undefined,
): void {
  const encrypted = hasEncryptedKey(pem);
  if (encrypted && passphrase === undefined) {
    throw new SockoptError(
      `sockopt ${option}: the key in ${path} is encrypted and no passphrase was given ${GIVES}`,
      { option },
    );
  }
  try {
    createPrivateKey({ key: pem, format: 'pem', passphrase });
  } catch (cause) {
    const why = encrypted
      ? 'the passphrase does not unlock the key in'
      : `cannot load the private key (${ioReason(cause)}) in`;
    throw new SockoptError(`sockopt ${option}: ${why} ${path}`, { option, cause });
  }
}

/**
 * The error of a pfx that does not open (PKCS#12's MAC does not verify):
 * with no passphrase at all, that it is encrypted; else that the passphrase
 * (from `option`) does not unlock it.
 *
 * @example
 * ```ts
 * pfxError(cause, false, 'passphrase').message; // 'sockopt pfx: the pfx is encrypted and no passphrase was given (…)'
 * ```
 */
export function pfxError(cause: unknown, anyPassphrase: boolean, option: string): SockoptError {
  return anyPassphrase
    ? new SockoptError(`sockopt ${option}: the passphrase does not unlock the pfx`, { option, cause })
    : new SockoptError(`sockopt pfx: the pfx is encrypted and no passphrase was given ${GIVES}`, {
        option: 'pfx',
        cause,
      });
}
