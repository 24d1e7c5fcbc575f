import { lookup } from 'node:dns/promises';
import type { SecureContext, SecureContextOptions } from 'node:tls';
import { defer, from, type Observable, of } from 'rxjs';
import { SockoptError } from '../errors/sockopt-error';
import { readCaPath } from './ca-path';
import type { CheckedSockopts } from './check-sockopts';
import { keyItems, pfxError, unlockFileKey, unlockKeys } from './key-passphrases';
import type { NetOptions } from './sockopt-settings';
import {
  hasCertificate,
  hasEncryptedKey,
  hasPrivateKey,
  ioReason,
  readSockoptFile,
} from './read-sockopt-file';
import { sharedSecureContext } from './shared-contexts';
import { describeValue } from './sockopt-values';

/**
 * Checked sockopts plus everything read from files; ready for attempts.
 *
 * @example
 * ```ts
 * const prepared: PreparedSockopts = await firstValueFrom(prepareSockopts$(checked));
 * ```
 */
export interface PreparedSockopts extends CheckedSockopts {
  /**
   * The run's TLS context: CAs, client certificate and unlocked key, versions
   * and ciphers, built once; runs with equal options and no private material
   * (the same CA bytes, versions, ciphers) share one (shared-contexts.ts).
   * It holds the key but shows nothing of it.
   * Undefined when no peer is TLS.
   */
  readonly secureContext: SecureContext | undefined;
}

/** What the I/O step produced. */
interface Inputs {
  readonly ca?: string[];
  readonly cert?: string;
  readonly key?: string;
  readonly passphrase?: string;
  readonly localAddress?: string;
}

/** The sockopt a shared passphrase comes from, for messages. */
const passphraseOption = (checked: CheckedSockopts): string =>
  checked.given.SSL_passwd_cb != null ? 'SSL_passwd_cb' : 'passphrase';

function needsIo(checked: CheckedSockopts): boolean {
  const { tls } = checked;
  const files =
    tls !== undefined && [tls.caFile, tls.caPath, tls.certFile, tls.keyFile].some((f) => f !== undefined);
  return files || checked.localName !== undefined || typeof checked.given.SSL_passwd_cb === 'function';
}

async function passphraseFrom(callback: () => unknown): Promise<string> {
  let result: unknown;
  try {
    result = await callback();
  } catch (cause) {
    // The callback's own error goes in `cause` only: its text is the caller's to show.
    throw new SockoptError('sockopt SSL_passwd_cb failed (see cause)', { option: 'SSL_passwd_cb', cause });
  }
  if (typeof result !== 'string') {
    throw new SockoptError(
      `sockopt SSL_passwd_cb returned ${describeValue(result, true)}, not a string or a Promise of one`,
      { option: 'SSL_passwd_cb' },
    );
  }
  return result;
}

async function readInputs(checked: CheckedSockopts): Promise<Inputs> {
  const { tls, given, localName } = checked;
  const read = (option: string, path: string | undefined): Promise<string | undefined> =>
    path === undefined ? Promise.resolve(undefined) : readSockoptFile(option, path);
  const [caFile, caPath, cert, keyText, localAddress] = await Promise.all([
    read('SSL_ca_file', tls?.caFile),
    tls?.caPath === undefined ? undefined : readCaPath(tls.caPath),
    read('SSL_cert_file', tls?.certFile),
    read('SSL_key_file', tls?.keyFile),
    localName === undefined ? undefined : resolveLocal(localName.option, localName.host, checked.net),
  ]);
  if (caFile !== undefined && !hasCertificate(caFile)) {
    throw new SockoptError(`sockopt SSL_ca_file: ${tls?.caFile} holds no PEM certificate`, {
      option: 'SSL_ca_file',
    });
  }
  if (cert !== undefined && !hasCertificate(cert)) {
    throw new SockoptError(`sockopt SSL_cert_file: ${tls?.certFile} holds no PEM certificate`, {
      option: 'SSL_cert_file',
    });
  }
  // IO::Socket::SSL takes the key from the certificate file when no SSL_key_file is given.
  const keyOption = keyText !== undefined ? 'SSL_key_file' : 'SSL_cert_file';
  const keyPath = keyText !== undefined ? tls?.keyFile : tls?.certFile;
  const key = keyText ?? (cert !== undefined && given.key == null && given.pfx == null ? cert : undefined);
  if (key !== undefined && !hasPrivateKey(key)) {
    const what = keyText !== undefined ? '' : ' (and no SSL_key_file is given)';
    throw new SockoptError(`sockopt ${keyOption}: ${keyPath} holds no PEM private key${what}`, {
      option: keyOption,
    });
  }
  const callback = given.SSL_passwd_cb;
  const locked =
    given.pfx != null ||
    (key !== undefined && hasEncryptedKey(key)) ||
    keyItems(given.key).some((item) => hasEncryptedKey(item.pem));
  const passphrase =
    typeof callback === 'function' && locked ? await passphraseFrom(callback as () => unknown) : undefined;
  const shared = passphrase ?? (typeof given.passphrase === 'string' ? given.passphrase : undefined);
  if (key !== undefined && keyPath !== undefined) unlockFileKey(keyOption, keyPath, key, shared);
  const ca = [...(caFile === undefined ? [] : [caFile]), ...(caPath ?? [])];
  return { ca: ca.length > 0 ? ca : undefined, cert, key, passphrase, localAddress };
}

async function resolveLocal(option: string, host: string, net: Readonly<NetOptions>): Promise<string> {
  try {
    return (await lookup(host, { family: net.family ?? 0 })).address;
  } catch (cause) {
    throw new SockoptError(`sockopt ${option}: cannot resolve ${host} (${ioReason(cause)})`, {
      option,
      cause,
    });
  }
}

/** Whether any passphrase reaches a pfx: the shared one, or an item's own. */
function pfxHasPassphrase(checked: CheckedSockopts, inputs: Inputs): boolean {
  const { pfx, passphrase } = checked.given;
  const items: readonly unknown[] = Array.isArray(pfx) ? pfx : [pfx];
  return (
    typeof (inputs.passphrase ?? passphrase) === 'string' ||
    items.some((item) => typeof (item as { passphrase?: unknown } | null)?.passphrase === 'string')
  );
}

/** The option a TLS context error is about, and what to say. */
function contextError(cause: unknown, checked: CheckedSockopts, inputs: Inputs): SockoptError {
  const code = ioReason(cause);
  // OpenSSL's PKCS#12 error comes without a code.
  if (checked.given.pfx != null && /mac verify failure/i.test(code)) {
    return pfxError(cause, pfxHasPassphrase(checked, inputs), passphraseOption(checked));
  }
  const present = (name: string): boolean => checked.given[name] != null;
  const pick = (perl: string, node: string): string => (present(perl) ? perl : node);
  const known: Record<string, [string, string]> = {
    ERR_OSSL_X509_KEY_VALUES_MISMATCH: [
      pick('SSL_key_file', 'key'),
      'the key does not match the certificate',
    ],
    ERR_SSL_NO_CIPHER_MATCH: [pick('SSL_cipher_list', 'ciphers'), 'no cipher of the list is known'],
    ERR_OSSL_BAD_DECRYPT: [pick('SSL_passwd_cb', 'passphrase'), 'the passphrase does not unlock the key'],
    ERR_OSSL_CRYPTO_INTERRUPTED_OR_CANCELLED: [
      pick('SSL_passwd_cb', 'passphrase'),
      'the key needs a passphrase',
    ],
  };
  const [option, why] = known[code] ?? [
    undefined,
    `the TLS options are not usable (${cause instanceof Error ? cause.message : code})`,
  ];
  return new SockoptError(`sockopt${option === undefined ? 's' : ` ${option}`}: ${why}`, { option, cause });
}

function secureContextFor(checked: CheckedSockopts, inputs: Inputs): SecureContext | undefined {
  const { tls, given } = checked;
  if (tls === undefined) return undefined;
  if (given.secureContext != null) return given.secureContext as SecureContext;
  const options: SecureContextOptions = { ...tls.context };
  if (inputs.ca !== undefined) options.ca = inputs.ca;
  if (inputs.cert !== undefined) options.cert = inputs.cert;
  const key = inputs.key ?? given.key;
  if (key != null) options.key = key as SecureContextOptions['key'];
  if (given.pfx != null) options.pfx = given.pfx as SecureContextOptions['pfx'];
  const passphrase = inputs.passphrase ?? given.passphrase;
  if (typeof passphrase === 'string') options.passphrase = passphrase;
  // Before the context: it would say "bad decrypt" without naming the key, or first
  // that a key does not match, or (a wrong passphrase, 1 time in 256) "unsupported".
  if (given.key != null) unlockKeys(given.key, options.passphrase, passphraseOption(checked));
  try {
    return sharedSecureContext(options);
  } catch (cause) {
    throw contextError(cause, checked, inputs);
  }
}

function prepared(checked: CheckedSockopts, inputs: Inputs): PreparedSockopts {
  const net =
    inputs.localAddress === undefined
      ? checked.net
      : Object.freeze({ ...checked.net, localAddress: inputs.localAddress });
  return Object.freeze({ ...checked, net, secureContext: secureContextFor(checked, inputs) });
}

/**
 * Reads what the sockopts name, once per run and before any attempt: the CA
 * file and directory, the client certificate and key, the key's passphrase
 * (from `SSL_passwd_cb`, called only when a key is encrypted), a `LocalAddr`
 * host name; then checks that the key unlocks and builds the run's TLS
 * context. Emits once and completes, synchronously when nothing needs I/O;
 * errors with a {@link SockoptError} naming the option and file (never the
 * passphrase).
 *
 * @example
 * ```ts
 * prepareSockopts$(checkSockopts({ SSL_ca_file: 'ca.pem' }, plan))
 *   .subscribe((prepared) => connectPeer$(plan.peers[0], prepared).subscribe(use));
 * ```
 */
export function prepareSockopts$(checked: CheckedSockopts): Observable<PreparedSockopts> {
  return defer(() =>
    needsIo(checked)
      ? from(readInputs(checked).then((inputs) => prepared(checked, inputs)))
      : of(prepared(checked, {})),
  );
}

/**
 * The prepared sockopts at once when preparing them needs no I/O (no file,
 * no passphrase, no local host name to resolve), else `undefined`: then use
 * {@link prepareSockopts$}. Saves a run the Observable plumbing.
 *
 * @example
 * ```ts
 * const prepared = prepareSockoptsNow(checked) ?? (await firstValueFrom(prepareSockopts$(checked)));
 * ```
 */
export function prepareSockoptsNow(checked: CheckedSockopts): PreparedSockopts | undefined {
  if (needsIo(checked)) return undefined;
  // Without I/O the result depends on `checked` alone (frozen): build it once.
  let result = preparedWithoutIo.get(checked);
  if (result === undefined) {
    result = prepared(checked, {});
    preparedWithoutIo.set(checked, result);
  }
  return result;
}
const preparedWithoutIo = new WeakMap<CheckedSockopts, PreparedSockopts>();
