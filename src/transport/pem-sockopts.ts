import { SockoptError } from '../errors/sockopt-error';
import { hasCertificate, hasPrivateKey } from './read-sockopt-file';
import { describeValue } from './sockopt-values';

/** What one of Node's PEM sockopts must hold. */
interface PemSockopt {
  /** The PEM header, for the message. */
  readonly header: string;
  /** Whose text the option takes, for the message. */
  readonly whose: string;
  /** The Perl sockopt that names a file instead, if any. */
  readonly file: string | undefined;
  readonly holds: (text: string) => boolean;
}

const hasCrl = (pem: string): boolean =>
  /-----BEGIN X509 CRL-----[A-Za-z0-9+/=\s]*-----END X509 CRL-----/.test(pem);

const PEM_SOCKOPTS: ReadonlyMap<string, PemSockopt> = new Map([
  [
    'ca',
    {
      header: '-----BEGIN CERTIFICATE-----',
      whose: "the certificates'",
      file: 'SSL_ca_file',
      holds: hasCertificate,
    },
  ],
  [
    'cert',
    {
      header: '-----BEGIN CERTIFICATE-----',
      whose: "the certificates'",
      file: 'SSL_cert_file',
      holds: hasCertificate,
    },
  ],
  [
    'key',
    {
      header: '-----BEGIN … PRIVATE KEY-----',
      whose: "the key's",
      file: 'SSL_key_file',
      holds: hasPrivateKey,
    },
  ],
  ['crl', { header: '-----BEGIN X509 CRL-----', whose: "the CRLs'", file: undefined, holds: hasCrl }],
]);

/** The text of a string or of a Buffer's bytes; undefined for anything else. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('latin1');
  return undefined;
}

/** A key item may be `{ pem, passphrase }`: its `pem` is what must be PEM. */
function pemOf(name: string, item: unknown): unknown {
  return name === 'key' && typeof item === 'object' && item !== null && !(item instanceof Uint8Array)
    ? (item as { pem?: unknown }).pem
    : item;
}

/**
 * Throws a {@link SockoptError} when Node's `ca`, `cert`, `key` or `crl` (or
 * an item of its array) does not hold PEM text of its kind: a file path, DER
 * bytes, other text. Node would take such a `ca` silently and trust nothing
 * (every attempt then fails verification), and fail on the others with an
 * OpenSSL code that does not say which option is wrong. Secrets (the key) are
 * described by kind only.
 *
 * @example
 * ```ts
 * checkPemSockopt(SOCKOPT_DEFS.get('ca')!, '/etc/ssl/ca.pem');
 * // SockoptError: sockopt ca: "/etc/ssl/ca.pem" is not PEM (-----BEGIN CERTIFICATE-----): ca takes the
 * // certificates' text, not a file name; for a file, use SSL_ca_file
 * ```
 */
export function checkPemSockopt(
  def: { readonly name: string; readonly secret: boolean },
  value: unknown,
): void {
  const pem = PEM_SOCKOPTS.get(def.name);
  if (pem === undefined) return;
  const items: readonly unknown[] = Array.isArray(value) ? value : [value];
  items.forEach((item, index) => {
    const text = textOf(pemOf(def.name, item));
    if (text !== undefined && pem.holds(text)) return;
    const shown = describeValue(item, def.secret);
    const what = Array.isArray(value) ? `item ${index} of the array, ${shown},` : shown;
    const file = pem.file === undefined ? '' : `; for a file, use ${pem.file}`;
    // DER is an ASN.1 SEQUENCE: its first byte is 0x30.
    const der =
      item instanceof Uint8Array && item[0] === 0x30
        ? ' (these bytes look like DER: convert them to PEM)'
        : '';
    throw new SockoptError(
      `sockopt ${def.name}: ${what} is not PEM (${pem.header}): ${def.name} takes ${pem.whose} text, not a file name${file}${der}`,
      { option: def.name },
    );
  });
}
