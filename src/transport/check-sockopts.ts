import { SockoptError } from '../errors/sockopt-error';
import type { ConnectionPlan, SockoptRecord } from '../types';
import { closestName } from '../uri/did-you-mean';
import { frozenSockopts } from './frozen-sockopts';
import { checkKeyPassphrases } from './key-passphrases';
import { checkPemSockopt } from './pem-sockopts';
import {
  netSettings,
  tlsSettings,
  type LocalName,
  type NetOptions,
  type TlsSettings,
} from './sockopt-settings';
import { NODE_EQUIVALENTS, RESERVED_SOCKOPTS, SOCKOPT_DEFS } from './sockopt-table';
import { checkValue } from './sockopt-values';
import { checkTlsVersionRange } from './ssl-version';

/**
 * Socket options checked against a plan, frozen; nothing read from disk yet.
 *
 * @example
 * ```ts
 * const checked: CheckedSockopts = checkSockopts({ Timeout: 5, noDelay: true }, plan);
 * checked.net; // { noDelay: true }
 * ```
 */
export interface CheckedSockopts {
  /** A frozen copy of the caller's sockopts (what a custom transport receives); secrets redacted when shown. */
  readonly given: SockoptRecord;
  /** The `Timeout` sockopt in ms; undefined = none. */
  readonly attemptTimeout: number | undefined;
  /** Options passed to `net.connect` (and to `tls.connect`) besides host and port. */
  readonly net: Readonly<NetOptions>;
  /** A `LocalAddr` / `LocalHost` host name to resolve before the first attempt. */
  readonly localName: LocalName | undefined;
  /** TLS settings; undefined when no peer of the plan is TLS. */
  readonly tls: TlsSettings | undefined;
}

/** Names that set the same thing: at most one of each group may be given. */
const SAME_TARGET: readonly (readonly string[])[] = [
  ['LocalAddr', 'LocalHost', 'localAddress'],
  ['LocalPort', 'localPort'],
  ['Family', 'family'],
  ['SSL_ca_file', 'ca'],
  ['SSL_ca_path', 'ca'],
  ['SSL_cert_file', 'cert'],
  ['SSL_key_file', 'key'],
  ['SSL_passwd_cb', 'passphrase'],
  ['SSL_verify_mode', 'rejectUnauthorized'],
  ['SSL_hostname', 'servername'],
  ['SSL_verifycn_scheme', 'checkServerIdentity'],
  ['SSL_version', 'minVersion', 'secureProtocol'],
  ['SSL_version', 'maxVersion', 'secureProtocol'],
  ['SSL_cipher_list', 'ciphers'],
];

function unknownSockopt(name: string): SockoptError {
  const reserved = RESERVED_SOCKOPTS.get(name);
  if (reserved !== undefined)
    return new SockoptError(`sockopt ${name} cannot be set: ${reserved}`, { option: name });
  const equivalent = NODE_EQUIVALENTS.get(name);
  if (equivalent !== undefined) {
    return new SockoptError(`unknown sockopt ${name}: use Node's ${equivalent} instead`, { option: name });
  }
  const near = closestName(name, [...SOCKOPT_DEFS.keys()]);
  return new SockoptError(`unknown sockopt ${name}${near === undefined ? '' : ` (did you mean ${near}?)`}`, {
    option: name,
  });
}

function checkConflicts(present: ReadonlyMap<string, unknown>): void {
  for (const group of SAME_TARGET) {
    const given = group.filter((name) => present.has(name));
    if (given.length > 1) {
      throw new SockoptError(`sockopts ${given.join(' and ')} set the same thing: give only one`, {
        option: given[given.length - 1],
      });
    }
  }
  const secureContext = present.has('secureContext');
  const clash = [...present.keys()].find(
    (name) => secureContext && SOCKOPT_DEFS.get(name)?.layer === 'context',
  );
  if (clash !== undefined) {
    throw new SockoptError(
      `sockopt ${clash} would be ignored: secureContext is given, which already holds it`,
      {
        option: clash,
      },
    );
  }
  if (present.has('SSL_key_file') && !present.has('SSL_cert_file') && !present.has('cert')) {
    throw new SockoptError('sockopt SSL_key_file needs SSL_cert_file, the certificate the key belongs to', {
      option: 'SSL_key_file',
    });
  }
  if (
    present.has('SSL_passwd_cb') &&
    !['SSL_key_file', 'SSL_cert_file', 'key', 'pfx'].some((n) => present.has(n))
  ) {
    throw new SockoptError('sockopt SSL_passwd_cb needs a key to unlock (SSL_key_file)', {
      option: 'SSL_passwd_cb',
    });
  }
}

/**
 * A keepalive delay that no peer would use is a mistake (Node ignores it
 * silently): keepAlive is off for every peer, by the sockopt or the URI.
 */
function checkKeepAlive(present: ReadonlyMap<string, unknown>, plan: ConnectionPlan): void {
  if (!Number(present.get('keepAliveInitialDelay') ?? 0)) return;
  const sockopt = present.get('keepAlive') === true;
  if (plan.peers.some((peer) => peer.keepAlive ?? sockopt)) return;
  throw new SockoptError(
    'sockopt keepAliveInitialDelay has no effect: no peer has keepAlive ' +
      '(set the keepAlive sockopt, or keepAlive=true in the URI)',
    { option: 'keepAliveInitialDelay' },
  );
}

function notTls(name: string, plan: ConnectionPlan): SockoptError {
  const uris = plan.peers.map((peer) => peer.uri);
  const shown = uris.length > 3 ? `${uris.slice(0, 3).join(', ')}, …` : uris.join(', ');
  return new SockoptError(
    `sockopt ${name} is for TLS, but no peer is TLS (${shown}): use ssl:// or stomp+ssl:// to connect with TLS`,
    { option: name },
  );
}

/**
 * Checks sockopts against the plan, synchronously: every name known (Perl's
 * IO::Socket / IO::Socket::SSL names, Node's `net` / `tls` names), every
 * value of the right form, no two options setting the same thing, no TLS
 * option when no peer is TLS. Throws {@link SockoptError}; never mutates
 * `sockopts`. `undefined` and `null` values count as not given (Perl's undef).
 *
 * @example
 * ```ts
 * const checked = checkSockopts({ Timeout: 5, SSL_ca_file: 'ca.pem' }, parseUri('ssl://mq:61614'));
 * checked.attemptTimeout; // 5000
 * checked.tls?.caFile;    // 'ca.pem'
 * ```
 */
export function checkSockopts(sockopts: SockoptRecord | undefined, plan: ConnectionPlan): CheckedSockopts {
  if (
    sockopts !== undefined &&
    (typeof sockopts !== 'object' || sockopts === null || Array.isArray(sockopts))
  ) {
    throw new SockoptError('sockopts must be an object of option names to values');
  }
  const anyTls = plan.peers.some((peer) => peer.tls);
  const present = new Map<string, unknown>();
  for (const [name, value] of Object.entries(sockopts ?? {})) {
    const def = SOCKOPT_DEFS.get(name);
    if (def === undefined) throw unknownSockopt(name);
    if (value === undefined || value === null || def.layer === 'ignored') continue;
    if (def.tls && !anyTls) throw notTls(name, plan);
    checkValue(def, value);
    checkPemSockopt(def, value);
    present.set(name, value);
  }
  if (present.size > 0) {
    checkConflicts(present);
    checkKeepAlive(present, plan);
    checkTlsVersionRange(present);
    checkKeyPassphrases(present);
  }
  const { net, localName } = netSettings(present);
  const seconds = Number(present.get('Timeout') ?? 0);
  return Object.freeze({
    given: frozenSockopts(sockopts ?? {}),
    attemptTimeout: seconds > 0 ? Math.max(1, Math.round(seconds * 1000)) : undefined,
    net: Object.freeze(net),
    localName,
    tls: anyTls ? tlsSettings(present) : undefined,
  });
}
