import { ADDRCONFIG, ALL, V4MAPPED } from 'node:dns';
import { isIP } from 'node:net';
import { createSecureContext } from 'node:tls';
import { SockoptError } from '../errors/sockopt-error';
import type { SockoptDef, SockoptType } from './sockopt-table';
import { MAX_DELAY_MS } from '../uri/option-values';

const isBytes = (value: unknown): boolean => value instanceof Uint8Array;
const isPemItem = (value: unknown): boolean => typeof value === 'string' || isBytes(value);
const isKeyItem = (value: unknown): boolean =>
  isPemItem(value) ||
  (typeof value === 'object' &&
    value !== null &&
    ('pem' in value || 'buf' in value) &&
    !Array.isArray(value));
const isNonNegative = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;
// Perl configurations often hold numbers as strings ("5"): accepted for Perl's names.
const DECIMAL = /^\d+(?:\.\d+)?$/;
const DIGITS = /^\d+$/;

/**
 * IO::Socket::SSL's SSL_verifycn_scheme names; all but 'none' use Node's
 * RFC 6125 check (`tls.checkServerIdentity`).
 *
 * @example
 * ```ts
 * VERIFY_SCHEMES.includes('http'); // true
 * ```
 */
export const VERIFY_SCHEMES: readonly string[] = [
  'none',
  'default',
  'http',
  'www',
  'rfc2818',
  'ldap',
  'smtp',
  'imap',
  'pop3',
  'acap',
  'ftp',
  'xmpp',
  'sip',
  'syslog',
  'netconf',
];

const TLS_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/** Linux's largest TCP_KEEPIDLE (32767 s), in ms. */
const MAX_KEEPALIVE_MS = 32_767_000;

/** A longer timeout would not wait: Node fires any timer above 2^31-1 ms after 1 ms. */
const MAX_SECONDS = MAX_DELAY_MS / 1000;

/** The `getaddrinfo` flags Node takes as `hints` (their values differ between systems). */
const DNS_HINTS = ADDRCONFIG | V4MAPPED | ALL;
const isDnsHints = (v: unknown): boolean =>
  Number.isInteger(v) &&
  (v as number) >= 0 &&
  (v as number) <= DNS_HINTS &&
  ((v as number) & ~DNS_HINTS) === 0;

// OpenSSL takes no empty protocol name: Node then fails an assertion, which aborts the process.
const isAlpnName = (p: unknown): boolean => typeof p === 'string' && p !== '' && Buffer.byteLength(p) <= 255;

/** ALPN's wire format: each name (1-255 bytes) after its length byte; no bytes = no names. */
function isAlpnWire(bytes: Uint8Array): boolean {
  let at = 0;
  while (at < bytes.length) {
    const length = bytes[at] ?? 0;
    if (length === 0) return false;
    at += 1 + length;
  }
  return at === bytes.length;
}

/** The class of a native TLS context, which `tls.connect` requires of `secureContext.context`. */
let nativeContextClass: unknown;
function isSecureContext(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  nativeContextClass ??= (createSecureContext().context as object).constructor;
  try {
    const { context } = value as { context?: unknown };
    return typeof nativeContextClass === 'function' && context instanceof nativeContextClass;
  } catch {
    return false; // a getter that throws
  }
}

/** Each type: what a value must be (for the message), and the test. */
const TYPES: Readonly<Record<SockoptType, readonly [string, (value: unknown) => boolean]>> = {
  seconds: [
    `a number of seconds from 0 to ${MAX_SECONDS} (Node's timer limit)`,
    (v) => (isNonNegative(v) || (typeof v === 'string' && DECIMAL.test(v))) && Number(v) <= MAX_SECONDS,
  ],
  localAddr: ['an address or host name, optionally with :port', (v) => typeof v === 'string' && v !== ''],
  ip: ['an IP address', (v) => typeof v === 'string' && isIP(v) !== 0],
  port: [
    'a port number 0-65535',
    (v) =>
      (Number.isInteger(v) || (typeof v === 'string' && DIGITS.test(v))) &&
      Number(v) >= 0 &&
      Number(v) <= 65535,
  ],
  perlFamily: ['4, 6, AF_INET or AF_INET6', (v) => perlFamily(v) !== undefined],
  nodeFamily: ['0, 4 or 6', (v) => v === 0 || v === 4 || v === 6],
  path: ['a file path (a non-empty string)', (v) => typeof v === 'string' && v !== ''],
  function: ['a function', (v) => typeof v === 'function'],
  verifyMode: [
    'a verify mode number (0 = no verification)',
    (v) => Number.isInteger(v) || (typeof v === 'string' && DIGITS.test(v)),
  ],
  string: ['a string', (v) => typeof v === 'string'],
  name: ['a host name (a non-empty string)', (v) => typeof v === 'string' && v.trim() !== ''],
  verifyScheme: [
    `one of ${VERIFY_SCHEMES.join(', ')}`,
    (v) => typeof v === 'string' && VERIFY_SCHEMES.includes(v),
  ],
  sslVersion: ['an SSL_version string such as TLSv1_2', (v) => typeof v === 'string' && v.trim() !== ''],
  fingerprints: [
    'a fingerprint string (sha256$HEX) or an array of them',
    (v) =>
      typeof v === 'string' || (Array.isArray(v) && v.length > 0 && v.every((f) => typeof f === 'string')),
  ],
  boolean: ['true or false', (v) => typeof v === 'boolean'],
  // Node validates these inside net.connect / tls.connect, at each attempt: checked here instead.
  timerMs: [
    `a number of ms from 0 to ${MAX_DELAY_MS} (Node's timer limit)`,
    (v) => isNonNegative(v) && v <= MAX_DELAY_MS,
  ],
  attemptMs: [
    `an integer number of ms from 1 to ${MAX_DELAY_MS} (Node's timer limit)`,
    (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= MAX_DELAY_MS,
  ],
  byteCount: ['an integer >= 0', (v) => Number.isInteger(v) && (v as number) >= 0],
  positive: ['a number > 0', (v) => isNonNegative(v) && v > 0],
  dnsHints: ['0 or a combination (|) of dns.ADDRCONFIG, dns.V4MAPPED and dns.ALL', isDnsHints],
  // Node passes whole seconds to TCP_KEEPIDLE; 0 s, or more than Linux's 32767 s, leave the
  // system's idle time in place without a word.
  keepAliveDelay: [
    "0 (the system's idle time) or a number of ms from 1000 to 32767000 (the kernel counts whole seconds, at most 32767)",
    (v) => v === 0 || (isNonNegative(v) && v >= 1000 && v <= MAX_KEEPALIVE_MS),
  ],
  integer: ['an integer', (v) => Number.isInteger(v)],
  pem: [
    'a PEM string, a Buffer, or an array of them',
    (v) => isPemItem(v) || (Array.isArray(v) && v.every(isPemItem)),
  ],
  keys: [
    'a PEM string, a Buffer, or an array of them (or of { pem, passphrase })',
    (v) => isPemItem(v) || (Array.isArray(v) && v.every(isKeyItem)),
  ],
  tlsVersion: [`one of ${TLS_VERSIONS.join(', ')}`, (v) => typeof v === 'string' && TLS_VERSIONS.includes(v)],
  alpn: [
    'an array of protocol names (1 to 255 bytes each), or a Buffer of them in wire format (each after its length byte)',
    (v) => (v instanceof Uint8Array && isAlpnWire(v)) || (Array.isArray(v) && v.every(isAlpnName)),
  ],
  buffer: ['a Buffer', isBytes],
  secureContext: ['a SecureContext from tls.createSecureContext()', isSecureContext],
  ignoredValue: ['anything', () => true],
};

/**
 * Perl's `Family` value as Node's `family` (4 or 6), or `undefined` when it
 * is none of the accepted forms.
 *
 * @example
 * ```ts
 * perlFamily('AF_INET6'); // 6
 * perlFamily(5);          // undefined
 * ```
 */
export function perlFamily(value: unknown): 4 | 6 | undefined {
  if (value === 4 || value === '4' || value === 'AF_INET') return 4;
  if (value === 6 || value === '6' || value === 'AF_INET6') return 6;
  return undefined;
}

/**
 * A short, safe description of a value for a message: strings quoted (and
 * cut at 60 characters), other things by kind. Secrets only by kind.
 *
 * @example
 * ```ts
 * describeValue('abc', false); // '"abc"'
 * describeValue('hunter2', true); // 'a string (not shown)'
 * ```
 */
export function describeValue(value: unknown, secret: boolean): string {
  const kind =
    value === null || value === undefined
      ? String(value)
      : Array.isArray(value)
        ? 'an array'
        : isBytes(value)
          ? 'a Buffer'
          : typeof value === 'object'
            ? 'an object'
            : typeof value === 'function'
              ? 'a function'
              : `a ${typeof value}`;
  if (secret) return `${kind} (not shown)`;
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return kind;
}

/**
 * Throws a {@link SockoptError} naming the option, the value and what it
 * should be, when `value` is not of the sockopt's type.
 *
 * @example
 * ```ts
 * checkValue(SOCKOPT_DEFS.get('Timeout')!, 'soon');
 * // SockoptError: sockopt Timeout: "soon" is not a number of seconds from 0 to 2147483.647 (Node's timer limit)
 * ```
 */
export function checkValue(def: SockoptDef, value: unknown): void {
  const [expected, test] = TYPES[def.type];
  if (!test(value)) {
    throw new SockoptError(`sockopt ${def.name}: ${describeValue(value, def.secret)} is not ${expected}`, {
      option: def.name,
    });
  }
}
