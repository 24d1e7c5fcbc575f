import { DEFAULT_MAX_VERSION, DEFAULT_MIN_VERSION, type SecureVersion } from 'node:tls';
import { SockoptError } from '../errors/sockopt-error';

/** Protocol versions in order; Node (OpenSSL 3) speaks the last four. */
const VERSIONS = ['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
const FIRST_NODE_VERSION = 2;
const ALL = VERSIONS.map((_, index) => index);

/**
 * The TLS version range Node is given for an `SSL_version`.
 *
 * @example
 * ```ts
 * const range: TlsVersionRange = parseSslVersion('TLSv1_2:TLSv1_3');
 * ```
 */
export interface TlsVersionRange {
  readonly minVersion: SecureVersion;
  readonly maxVersion: SecureVersion;
}

/** The version indexes one `SSL_version` token stands for, or undefined. */
function versionsOf(token: string): number[] | undefined {
  const name = token.toLowerCase();
  // IO::Socket::SSL: SSLv23 (also SSLv2/3) = "any version"; TLSv1_2 / TLSv12; we also take TLSv1.2.
  if (name === 'sslv23' || name === 'sslv2/3') return ALL;
  if (name === 'sslv2') return [0];
  if (name === 'sslv3') return [1];
  const tls = /^tlsv1(?:[._]?([0-3]))?$/.exec(name);
  if (tls === null) return undefined;
  const minor = Number(tls[1] ?? '0');
  return [FIRST_NODE_VERSION + minor];
}

/**
 * Maps an IO::Socket::SSL `SSL_version` string onto Node's
 * `minVersion` / `maxVersion`. Tokens are separated by `:`; `!` excludes a
 * version; with no positive token the start is every version (as
 * IO::Socket::SSL's `SSLv23`). Node takes a contiguous range only, so a
 * set with a hole (`TLSv1:TLSv1_2`) is a SockoptError, as is one with no
 * version Node speaks (SSLv2 and SSLv3 are gone).
 *
 * @example
 * ```ts
 * parseSslVersion('SSLv23:!TLSv1:!TLSv1_1'); // { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3' }
 * parseSslVersion('TLSv1_2');                 // { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' }
 * ```
 */
export function parseSslVersion(spec: string): TlsVersionRange {
  const fail = (why: string): never => {
    throw new SockoptError(`sockopt SSL_version: ${JSON.stringify(spec)} ${why}`, { option: 'SSL_version' });
  };
  const included = new Set<number>();
  const excluded = new Set<number>();
  let positive = false;
  for (const raw of spec.split(':')) {
    const token = raw.trim();
    const negative = token.startsWith('!');
    const versions = versionsOf(negative ? token.slice(1).trim() : token);
    if (versions === undefined) {
      fail(
        `has an unknown version ${JSON.stringify(token)} (known: SSLv23, TLSv1, TLSv1_1, TLSv1_2, TLSv1_3)`,
      );
    }
    for (const version of versions ?? []) (negative ? excluded : included).add(version);
    positive ||= !negative;
  }
  const chosen = (positive ? [...included] : ALL)
    .filter((version) => !excluded.has(version) && version >= FIRST_NODE_VERSION)
    .sort((a, b) => a - b);
  const low = chosen[0];
  const high = chosen[chosen.length - 1];
  if (low === undefined || high === undefined) {
    return fail('leaves no version Node can use (TLSv1 to TLSv1.3; SSLv2 and SSLv3 are not supported)');
  }
  if (high - low + 1 !== chosen.length) {
    const gap = VERSIONS.find((_, index) => index > low && index < high && !chosen.includes(index));
    fail(`leaves out ${gap ?? '?'} in the middle; Node takes one range (minVersion to maxVersion)`);
  }
  return Object.freeze({
    minVersion: VERSIONS[low] as SecureVersion,
    maxVersion: VERSIONS[high] as SecureVersion,
  });
}

/**
 * Refuses a `minVersion` above the `maxVersion` (either given, or Node's
 * default for the one not given, `tls.DEFAULT_MIN_VERSION` /
 * `tls.DEFAULT_MAX_VERSION`, read now): no version would be left to speak,
 * and OpenSSL would fail every attempt with ERR_SSL_NO_PROTOCOLS_AVAILABLE.
 * Throws a `SockoptError` naming the option. (`SSL_version` always gives a
 * range, and cannot be given with either.)
 *
 * @example
 * ```ts
 * checkTlsVersionRange(new Map([['minVersion', 'TLSv1.3'], ['maxVersion', 'TLSv1.2']])); // throws
 * ```
 */
export function checkTlsVersionRange(present: ReadonlyMap<string, unknown>): void {
  const min = present.get('minVersion');
  const max = present.get('maxVersion');
  if (min === undefined && max === undefined) return;
  const low = String(min ?? DEFAULT_MIN_VERSION);
  const high = String(max ?? DEFAULT_MAX_VERSION);
  const order: readonly string[] = VERSIONS;
  if (order.indexOf(low) <= order.indexOf(high)) return;
  const why =
    min !== undefined && max !== undefined
      ? `sockopts minVersion ${low} and maxVersion ${high} leave no TLS version: minVersion must not be above maxVersion`
      : min === undefined
        ? `sockopt maxVersion ${high} is below Node's default minVersion ${low} (tls.DEFAULT_MIN_VERSION): give minVersion too`
        : `sockopt minVersion ${low} is above Node's default maxVersion ${high} (tls.DEFAULT_MAX_VERSION): give maxVersion too`;
  throw new SockoptError(why, { option: max === undefined ? 'minVersion' : 'maxVersion' });
}
