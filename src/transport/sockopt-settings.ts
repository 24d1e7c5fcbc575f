import { isIP, type LookupFunction, type TcpNetConnectOpts } from 'node:net';
import {
  checkServerIdentity,
  type ConnectionOptions,
  type PeerCertificate,
  type SecureContextOptions,
} from 'node:tls';
import { SockoptError } from '../errors/sockopt-error';
import { parseFingerprints, type Fingerprint } from './fingerprint';
import { parseLocalAddress } from './local-address';
import { SOCKOPT_DEFS } from './sockopt-table';
import { perlFamily } from './sockopt-values';
import { parseSslVersion } from './ssl-version';
import { guardedHostCheck, guardedLookup, guardedPskCallback } from './user-functions';

/**
 * `net.connect` options besides host and port.
 *
 * @example
 * ```ts
 * const net: NetOptions = { localAddress: '127.0.0.1', noDelay: true };
 * ```
 */
export type NetOptions = Omit<TcpNetConnectOpts, 'host' | 'port'>;

/**
 * A host name check: `undefined` when `cert` is valid for `host`, else the
 * error (Node's `tls.checkServerIdentity` is one).
 *
 * @example
 * ```ts
 * const check: HostNameCheck = (host, cert) => tls.checkServerIdentity(host, cert);
 * ```
 */
export type HostNameCheck = (host: string, cert: PeerCertificate) => Error | undefined;

/**
 * What the sockopts say about TLS, checked (files not read yet, no secret in it).
 *
 * @example
 * ```ts
 * const tls = checkSockopts({ SSL_verify_mode: 0 }, parseUri('ssl://mq')).tls;
 * tls?.verify; // false
 * ```
 */
export interface TlsSettings {
  readonly caFile: string | undefined;
  readonly caPath: string | undefined;
  readonly certFile: string | undefined;
  readonly keyFile: string | undefined;
  /** Non-secret `tls.createSecureContext` options (Node's names, SSL_version, SSL_cipher_list). */
  readonly context: Readonly<SecureContextOptions>;
  /** Other `tls.connect` options given by Node's names (ALPNProtocols, session…). */
  readonly connect: Readonly<ConnectionOptions>;
  /** Whether the chain and the host name are verified (SSL_verify_mode / rejectUnauthorized). */
  readonly verify: boolean;
  /** SNI name; `undefined` = the peer's host (unless an IP address), `''` = none. */
  readonly servername: string | undefined;
  /** The name the certificate must match; `undefined` = the SNI name, else the peer's host. */
  readonly verifyName: string | undefined;
  /** `null`: no host name check (SSL_verifycn_scheme 'none'). */
  readonly checkHostName: HostNameCheck | null;
  /** Pinned certificate fingerprints (SSL_fingerprint); empty = none. */
  readonly fingerprints: readonly Fingerprint[];
}

/**
 * A local host name to resolve, and the sockopt that gave it.
 *
 * @example
 * ```ts
 * checkSockopts({ LocalAddr: 'localhost' }, plan).localName; // { option: 'LocalAddr', host: 'localhost' }
 * ```
 */
export interface LocalName {
  readonly option: string;
  readonly host: string;
}

/** Node option → value, for the options of one layer given by Node's own names. */
function byLayer(present: ReadonlyMap<string, unknown>, layer: string): Record<string, unknown> {
  const bucket: Record<string, unknown> = {};
  for (const [name, value] of present) {
    const def = SOCKOPT_DEFS.get(name);
    if (def !== undefined && !def.perl && !def.secret && def.layer === layer) bucket[name] = value;
  }
  return bucket;
}

/**
 * The `net.connect` options of checked sockopts: Node's names as given,
 * `LocalAddr` / `LocalHost` (an address; a host name is left to resolve),
 * `LocalPort`, `Family`.
 *
 * @example
 * ```ts
 * netSettings(new Map([['LocalAddr', '127.0.0.1:4000']])); // { net: { localAddress: '127.0.0.1', localPort: 4000 }, … }
 * ```
 */
export function netSettings(present: ReadonlyMap<string, unknown>): {
  net: NetOptions;
  localName: LocalName | undefined;
} {
  const net = byLayer(present, 'net');
  let localName: LocalName | undefined;
  const option = present.has('LocalAddr') ? 'LocalAddr' : 'LocalHost';
  const local = present.get(option);
  if (typeof local === 'string') {
    const { host, port } = parseLocalAddress(option, local);
    if (port !== undefined && (present.has('LocalPort') || present.has('localPort'))) {
      throw new SockoptError(`sockopt ${option} gives a port, and so does LocalPort: give only one`, {
        option,
      });
    }
    if (isIP(host) !== 0) net.localAddress = host;
    else localName = Object.freeze({ option, host });
    if (port !== undefined) net.localPort = port;
  }
  // Node calls it inside net.connect: guarded, so that nothing it does escapes.
  if (typeof net.lookup === 'function') net.lookup = guardedLookup(net.lookup as LookupFunction);
  if (present.has('LocalPort')) net.localPort = Number(present.get('LocalPort'));
  if (present.has('Family')) net.family = perlFamily(present.get('Family'));
  return { net: net as NetOptions, localName };
}

/**
 * The TLS settings of checked sockopts (whose values have the right form).
 *
 * @example
 * ```ts
 * tlsSettings(new Map([['SSL_version', 'TLSv1_2']])).context; // { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' }
 * ```
 */
export function tlsSettings(present: ReadonlyMap<string, unknown>): TlsSettings {
  const text = (name: string): string | undefined => {
    const value = present.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  const context: Record<string, unknown> = byLayer(present, 'context');
  const version = text('SSL_version');
  if (version !== undefined) Object.assign(context, parseSslVersion(version));
  if (present.has('SSL_cipher_list')) context.ciphers = present.get('SSL_cipher_list');
  const connect = byLayer(present, 'connect');
  // These three become the verification settings below, applied per peer.
  const { rejectUnauthorized, checkServerIdentity: check } = connect;
  delete connect.servername;
  delete connect.rejectUnauthorized;
  delete connect.checkServerIdentity;
  if (typeof connect.pskCallback === 'function') {
    connect.pskCallback = guardedPskCallback(connect.pskCallback as Parameters<typeof guardedPskCallback>[0]);
  }
  const pins = present.get('SSL_fingerprint') as string | string[] | undefined;
  return Object.freeze({
    caFile: text('SSL_ca_file'),
    caPath: text('SSL_ca_path'),
    certFile: text('SSL_cert_file'),
    keyFile: text('SSL_key_file'),
    context: Object.freeze(context),
    connect: Object.freeze(connect),
    verify: Number(present.get('SSL_verify_mode') ?? 1) !== 0 && rejectUnauthorized !== false,
    servername: text('SSL_hostname') ?? text('servername'),
    verifyName: text('SSL_verifycn_name'),
    checkHostName:
      text('SSL_verifycn_scheme') === 'none'
        ? null
        : check === undefined
          ? checkServerIdentity
          : guardedHostCheck(check as HostNameCheck),
    fingerprints: pins === undefined ? [] : parseFingerprints(pins),
  });
}
