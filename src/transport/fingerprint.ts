import { createHash, X509Certificate } from 'node:crypto';
import type { PeerCertificate } from 'node:tls';
import { SockoptError } from '../errors/sockopt-error';

/**
 * `code` of the error an attempt fails with when no `SSL_fingerprint` matches.
 *
 * @example
 * ```ts
 * if (event.type === 'failed' && event.error.code === FINGERPRINT_MISMATCH_CODE) console.error('wrong certificate');
 * ```
 */
export const FINGERPRINT_MISMATCH_CODE = 'ERR_STOMP_TLS_FINGERPRINT';

/** Digest name → length of its hex form. */
const DIGESTS: ReadonlyMap<string, number> = new Map([
  ['sha1', 40],
  ['sha256', 64],
  ['sha384', 96],
  ['sha512', 128],
]);

/**
 * One pinned fingerprint, normalized.
 *
 * @example
 * ```ts
 * const [pin]: readonly Fingerprint[] = parseFingerprints('sha1$AB:CD:…');
 * ```
 */
export interface Fingerprint {
  readonly algorithm: string;
  /** Of the public key (IO::Socket::SSL's `algo$pub$hex`), else of the whole certificate. */
  readonly publicKey: boolean;
  /** Lower-case hex, no colons. */
  readonly hex: string;
}

/**
 * Parses `SSL_fingerprint`: `algo$hex` (IO::Socket::SSL's form; algo sha1,
 * sha256, sha384 or sha512), `algo$pub$hex` for the public key, hex with or
 * without colons, or bare hex whose length tells the algorithm. A list is any
 * of them. Throws {@link SockoptError}.
 *
 * @example
 * ```ts
 * parseFingerprints('sha256$AB:CD:...'); // [{ algorithm: 'sha256', publicKey: false, hex: 'abcd...' }]
 * ```
 */
export function parseFingerprints(value: string | readonly string[]): readonly Fingerprint[] {
  const list = typeof value === 'string' ? [value] : value;
  return Object.freeze(
    list.map((text) => {
      const match = /^(?:([a-z0-9]+)\$)?(pub\$)?([0-9a-f:]+)$/i.exec(text.trim());
      const hex = (match?.[3] ?? '').replace(/:/g, '').toLowerCase();
      const named = match?.[1]?.toLowerCase();
      const algorithm = named ?? [...DIGESTS].find(([, length]) => length === hex.length)?.[0];
      if (match === null || algorithm === undefined || DIGESTS.get(algorithm) !== hex.length) {
        throw new SockoptError(
          `sockopt SSL_fingerprint: ${JSON.stringify(text)} is not ALGO$HEX with ALGO sha1, sha256, sha384 ` +
            'or sha512 and HEX its digest (e.g. sha256$ followed by 64 hex digits)',
          { option: 'SSL_fingerprint' },
        );
      }
      return Object.freeze({ algorithm, publicKey: match[2] !== undefined, hex });
    }),
  );
}

/** A DER element's content bounds, starting at `offset`. */
function derElement(der: Buffer, offset: number): { start: number; end: number } {
  const first = der[offset + 1] ?? 0;
  if (first < 0x80) return { start: offset + 2, end: offset + 2 + first };
  const bytes = first & 0x7f;
  let length = 0;
  for (let i = 0; i < bytes; i++) length = length * 256 + (der[offset + 2 + i] ?? 0);
  return { start: offset + 2 + bytes, end: offset + 2 + bytes + length };
}

/**
 * The bits of the certificate's public key, without the algorithm
 * identifier: what OpenSSL's `X509_pubkey_digest` (so IO::Socket::SSL's
 * `algo$pub$hex`) hashes.
 */
function publicKeyBits(raw: Buffer): Buffer {
  const spki = new X509Certificate(raw).publicKey.export({ type: 'spki', format: 'der' });
  const outer = derElement(spki, 0);
  const algorithm = derElement(spki, outer.start);
  const bits = derElement(spki, algorithm.end);
  // The BIT STRING's first content byte counts unused bits (0 for keys).
  return spki.subarray(bits.start + 1, bits.end);
}

/**
 * The certificate's digest as `algo$hex` (of its DER form, or of its public
 * key bits with `publicKey`), as IO::Socket::SSL writes fingerprints.
 *
 * @example
 * ```ts
 * certificateFingerprint(socket.getPeerCertificate(), 'sha256'); // 'sha256$3f1a...'
 * ```
 */
export function certificateFingerprint(cert: PeerCertificate, algorithm: string, publicKey = false): string {
  if (cert.raw === undefined || cert.raw.length === 0) return `${algorithm}$${publicKey ? 'pub$' : ''}`;
  const data = publicKey ? publicKeyBits(cert.raw) : cert.raw;
  return `${algorithm}$${publicKey ? 'pub$' : ''}${createHash(algorithm).update(data).digest('hex')}`;
}

/**
 * Whether the peer's certificate matches one of the pinned fingerprints.
 *
 * @example
 * ```ts
 * matchesFingerprint(socket.getPeerCertificate(), parseFingerprints(pins));
 * ```
 */
export function matchesFingerprint(cert: PeerCertificate, pins: readonly Fingerprint[]): boolean {
  return pins.some(
    (pin) =>
      certificateFingerprint(cert, pin.algorithm, pin.publicKey) ===
      `${pin.algorithm}$${pin.publicKey ? 'pub$' : ''}${pin.hex}`,
  );
}

/**
 * The error of an attempt whose certificate matches no pinned fingerprint:
 * code {@link FINGERPRINT_MISMATCH_CODE}, and the certificate's own
 * fingerprint in the message, ready to be pinned after checking it.
 *
 * @example
 * ```ts
 * socket.destroy(fingerprintMismatch(socket.getPeerCertificate(), pins));
 * ```
 */
export function fingerprintMismatch(cert: PeerCertificate, pins: readonly Fingerprint[]): Error {
  const algorithm = pins[0]?.algorithm ?? 'sha256';
  const error = new Error(
    `the certificate (${certificateFingerprint(cert, algorithm)}) matches no SSL_fingerprint`,
  ) as Error & { code: string };
  error.code = FINGERPRINT_MISMATCH_CODE;
  return error;
}
