import type { ConnectionPlan, FailoverOptions, Peer, Scheme } from '../types';
import { checkHostName, checkPort, isIPv6 } from './host';
import { UriError } from '../errors/uri-error';
import { extraTargetKeys, isTargetObject, notATarget, readTargetAddress } from './target-type';
import { createUriSource, type UriSource } from './uri-source';

/**
 * What a peer is made of; `makePeer` derives `tls` and `uri`.
 *
 * @example
 * ```ts
 * const spec: PeerSpec = { scheme: 'ssl', host: 'broker', port: 61614, login: 'guest', passcode: 'guest' };
 * ```
 */
export interface PeerSpec {
  readonly scheme: Scheme;
  /** Host name or address, IPv6 without brackets (already validated). */
  readonly host: string;
  readonly port: number;
  readonly connectionTimeout?: number;
  readonly tcpNoDelay?: boolean;
  readonly keepAlive?: boolean;
  readonly login?: string;
  readonly passcode?: string;
}

/**
 * Whether a scheme is TLS (`ssl`, `stomp+ssl`).
 *
 * @example
 * ```ts
 * isTlsScheme('stomp+ssl'); // true
 * ```
 */
export function isTlsScheme(scheme: Scheme): boolean {
  return scheme === 'ssl' || scheme === 'stomp+ssl';
}

/**
 * The port used when a URI gives none: 61614 for TLS schemes, else 61613.
 *
 * @example
 * ```ts
 * defaultPort('ssl'); // 61614
 * ```
 */
export function defaultPort(scheme: Scheme): number {
  return isTlsScheme(scheme) ? 61614 : 61613;
}

/** The credentials of each peer, out of reach of any inspection of the peer itself. */
const credentials = new WeakMap<object, { readonly login?: string; readonly passcode?: string }>();

/**
 * The prototype of every Peer: `login` and `passcode` are getters here, over
 * {@link credentials}, so they are no property of the peer at all. Its
 * `constructor` is `Object`, which makes `util.inspect` treat a peer as a
 * plain object: with `showHidden` it lists a class instance's prototype
 * getters (and, with `getters: true`, their values), never a plain object's.
 */
const PEER_PROTOTYPE: object = Object.freeze(
  Object.create(Object.prototype, {
    constructor: { value: Object },
    login: {
      get(this: object): string | undefined {
        return credentials.get(this)?.login;
      },
    },
    passcode: {
      get(this: object): string | undefined {
        return credentials.get(this)?.passcode;
      },
    },
  }) as object,
);

/**
 * Builds a frozen Peer. `login` and `passcode` read through getters over
 * private state: they are not properties of the peer, so `util.inspect`
 * (even with `showHidden`, `getters` or `%o`), `JSON.stringify`, object
 * spread, `Object.getOwnPropertyDescriptors`, `structuredClone` and loggers
 * never show them, while `peer.passcode` still reads for a STOMP handshake.
 *
 * @example
 * ```ts
 * const peer = makePeer({ scheme: 'tcp', host: '::1', port: 61613, login: 'u', passcode: 'p' });
 * peer.uri;             // 'tcp://[::1]:61613'
 * peer.passcode;        // 'p'
 * JSON.stringify(peer); // no login, no passcode
 * ```
 */
export function makePeer(spec: PeerSpec): Peer {
  const host = spec.host.includes(':') ? `[${spec.host}]` : spec.host;
  const peer = Object.create(PEER_PROTOTYPE) as Record<string, unknown>;
  peer.scheme = spec.scheme;
  peer.host = spec.host;
  peer.port = spec.port;
  peer.tls = isTlsScheme(spec.scheme);
  peer.uri = `${spec.scheme}://${host}:${spec.port}`;
  if (spec.connectionTimeout !== undefined) peer.connectionTimeout = spec.connectionTimeout;
  if (spec.tcpNoDelay !== undefined) peer.tcpNoDelay = spec.tcpNoDelay;
  if (spec.keepAlive !== undefined) peer.keepAlive = spec.keepAlive;
  if (spec.login !== undefined || spec.passcode !== undefined) {
    credentials.set(peer, {
      ...(spec.login !== undefined && { login: spec.login }),
      ...(spec.passcode !== undefined && { passcode: spec.passcode }),
    });
  }
  return Object.freeze(peer) as unknown as Peer;
}

/**
 * Builds a frozen ConnectionPlan (its arrays frozen too, `ignored` without
 * repeats).
 *
 * @example
 * ```ts
 * makePlan([peer], null, []); // { peers: [peer], failover: null, ignored: [] }
 * ```
 */
export function makePlan(
  peers: readonly Peer[],
  failover: FailoverOptions | null,
  ignored: readonly string[],
): ConnectionPlan {
  return Object.freeze({
    peers: Object.freeze([...peers]),
    failover:
      failover === null
        ? null
        : Object.freeze({ ...failover, priorityURIs: Object.freeze([...failover.priorityURIs]) }),
    // Each spelling once, in the order first written.
    ignored: Object.freeze([...new Set(ignored)]),
  });
}

/**
 * The plan of the `{ host, port }` target form: one peer, `tcp`, or `ssl` when
 * any sockopt name starts with `SSL_` (as in Perl). The host (a DNS name, an
 * IPv4 address, or an IPv6 address with or without brackets) and the port
 * (1–65535, a number or a string of digits) are checked as in a URI. A
 * target that is no such object (`undefined`, an array, a URL…) gets the
 * message `parseUri` gives it; one with other own enumerable keys (`tls`, `login`…)
 * is a `UriError` naming them, rather than a connection that ignores them.
 *
 * @example
 * ```ts
 * targetPlan({ host: 'broker', port: 61614 }, { SSL_ca_file: 'ca.pem' }).peers[0]?.uri; // 'ssl://broker:61614'
 * ```
 */
export function targetPlan(
  target: { readonly host: string; readonly port: number },
  sockopts?: Readonly<Record<string, unknown>>,
): ConnectionPlan {
  if (!isTargetObject(target)) throw notATarget(target);
  const extra = extraTargetKeys(target);
  if (extra !== undefined) throw extra;
  const address = readTargetAddress(target);
  if (address instanceof UriError) throw address;
  const { host: rawHost, port: rawPort } = address;
  const hostText = typeof rawHost === 'string' ? rawHost : `<${typeof rawHost}>`;
  const portText =
    typeof rawPort === 'number' || typeof rawPort === 'string' ? String(rawPort) : `<${typeof rawPort}>`;
  const src: UriSource = createUriSource(`${hostText}:${portText}`);
  const quote = (from: number, to: number): string => src.quote(from, to);
  if (typeof rawHost !== 'string' || rawHost === '') {
    src.fail(0, 'expected a host name or address in the target', 'write { host: "broker", port: 61613 }');
  }
  const bracketed = rawHost.startsWith('[') && rawHost.endsWith(']');
  const host = bracketed ? rawHost.slice(1, -1) : rawHost;
  if (bracketed || host.includes(':')) {
    if (!isIPv6(host)) src.fail(0, `invalid IPv6 address ${quote(0, rawHost.length)} in the target`);
  } else {
    const fault = checkHostName(host, quote);
    if (fault !== undefined) src.fail(fault.offset, fault.what, fault.detail);
  }
  const portFrom = rawHost.length + 1;
  const port =
    typeof rawPort === 'number'
      ? Number.isInteger(rawPort) && rawPort >= 1 && rawPort <= 65535
        ? rawPort
        : {
            offset: 0,
            what: `port ${quote(portFrom, src.raw.length)} out of range`,
            detail: 'expected 1-65535',
          }
      : typeof rawPort === 'string' && rawPort !== ''
        ? checkPort(rawPort, (from, to) => quote(portFrom + from, portFrom + to))
        : { offset: 0, what: 'expected a port number in the target', detail: 'expected an integer 1-65535' };
  if (typeof port !== 'number') src.fail(portFrom + port.offset, port.what, port.detail);
  const tls =
    sockopts !== undefined && sockopts !== null && Object.keys(sockopts).some((k) => k.startsWith('SSL_'));
  const peer = makePeer({ scheme: tls ? 'ssl' : 'tcp', host, port });
  return makePlan([peer], null, []);
}
