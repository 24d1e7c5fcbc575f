import type { Peer, Scheme } from '../types';
import { isSchemeChar } from './chars';
import { UriError } from '../errors/uri-error';
import { checkHostName, checkPort, isIPv6 } from './host';
import { booleanValue, delayValue } from './option-values';
import { defaultPort, isTlsScheme, makePeer } from './peer';
import { percentDecode } from './percent-decode';
import { parseQuery, readValue, type QueryEntry } from './query';
import { unknownSchemeDetail } from './scheme-hints';
import { createUriSource, indexIn, type UriSource } from './uri-source';

/**
 * The schemes of a simple URI.
 *
 * @example
 * ```ts
 * SCHEMES.includes('stomp+ssl'); // true
 * ```
 */
export const SCHEMES: readonly Scheme[] = ['tcp', 'ssl', 'stomp', 'stomp+ssl'];

/**
 * One peer, and the query names it accepted without effect.
 *
 * @example
 * ```ts
 * const { peer, ignored }: SimpleUri = parseSimpleUri(src, 0, src.raw.length);
 * ```
 */
export interface SimpleUri {
  readonly peer: Peer;
  readonly ignored: readonly string[];
}

const EXAMPLE = 'tcp://host:61613';

type PeerOptions = { -readonly [K in 'connectionTimeout' | 'tcpNoDelay' | 'keepAlive']?: Peer[K] };

/** The per-peer query options; any other name is an ActiveMQ transport option, ignored. */
const PEER_OPTIONS = new Map<string, { read(options: PeerOptions, src: UriSource, entry: QueryEntry): void }>(
  [
    [
      'connectiontimeout',
      { read: (o, src, e) => (o.connectionTimeout = readValue(src, e, 'connectionTimeout', delayValue)) },
    ],
    ['tcpnodelay', { read: (o, src, e) => (o.tcpNoDelay = readValue(src, e, 'tcpNoDelay', booleanValue)) }],
    ['keepalive', { read: (o, src, e) => (o.keepAlive = readValue(src, e, 'keepAlive', booleanValue)) }],
  ],
);

const isScheme = (text: string): text is Scheme => (SCHEMES as readonly string[]).includes(text);

/**
 * Parses `src.raw[from, to)` as `scheme://[login[:passcode]@]host[:port][/][?query]`.
 * `outer` names the URI kinds also valid where this one stands (for the
 * "unknown scheme" message and its suggestion).
 *
 * @example
 * ```ts
 * const src = createUriSource('stomp://guest:guest@broker');
 * parseSimpleUri(src, 0, src.raw.length).peer.uri; // 'stomp://broker:61613'
 * ```
 */
export function parseSimpleUri(
  src: UriSource,
  from: number,
  to: number,
  outer: readonly string[] = [],
): SimpleUri {
  const raw = src.raw;
  src.rejectSpaces(from, to, 'a URI');
  let i = from;
  while (i < to && isSchemeChar(raw.charCodeAt(i))) i++;
  if (i === from) {
    failIfMissingScheme(src, from, to);
    src.fail(from, 'expected a URI scheme', `a URI looks like ${EXAMPLE}`);
  }
  if (i === to || raw.charCodeAt(i) !== 0x3a) {
    // A bare word (`localhost`) may be anything; `guest@mq` is a URI without its scheme.
    if (i < to) failIfMissingScheme(src, from, to);
    src.fail(i, `expected "://" after ${src.quote(from, i)}`, `a URI looks like ${EXAMPLE}`);
  }
  const scheme = raw.slice(from, i).toLowerCase();
  if (!isScheme(scheme)) {
    if (scheme === 'failover' || scheme === 'file') {
      const known = [...SCHEMES, ...outer];
      const expected = `expected ${known.slice(0, -1).join(', ')} or ${known[known.length - 1] ?? ''}`;
      src.fail(from, `a ${scheme}: URI cannot be nested in a failover list`, expected);
    }
    if (raw.charCodeAt(i + 1) !== 0x2f) failIfMissingScheme(src, from, to);
    src.fail(
      from,
      `unknown scheme ${src.quote(from, i)}`,
      unknownSchemeDetail(scheme, SCHEMES, isTlsScheme, outer),
    );
  }
  if (raw.charCodeAt(i + 1) !== 0x2f || raw.charCodeAt(i + 2) !== 0x2f || i + 2 >= to) {
    let rest = i + 1;
    while (rest < to && raw.charCodeAt(rest) === 0x2f) rest++;
    const fixed = `${scheme}://${raw.slice(rest, to)}`;
    src.fail(
      i + 1,
      `expected "//" after ${src.quote(from, i + 1)}`,
      rest < to && rest - i - 1 < 2 && parses(fixed) && src.text(rest, to).length <= HINT_MAX
        ? `write ${scheme}://${src.text(rest, to)}`
        : `a URI looks like ${EXAMPLE}`,
    );
  }
  const authorityFrom = i + 3;
  let authorityTo = authorityFrom;
  while (authorityTo < to && raw.charCodeAt(authorityTo) !== 0x2f && raw.charCodeAt(authorityTo) !== 0x3f) {
    authorityTo++;
  }
  const credentials = parseCredentials(src, authorityFrom, authorityTo);
  const { host, port } = parseHostPort(src, from, credentials.hostFrom, authorityTo, scheme);
  let queryFrom = authorityTo;
  if (queryFrom < to && raw.charCodeAt(queryFrom) === 0x2f) queryFrom++;
  if (queryFrom < to && raw.charCodeAt(queryFrom) !== 0x3f) {
    const end = indexIn(raw, '?', queryFrom, to);
    src.fail(
      authorityTo,
      `unexpected path ${src.quote(authorityTo, end === -1 ? to : end)}`,
      'expected "?" or the end of the URI after the host and port',
    );
  }
  const options: PeerOptions = {};
  const ignored: string[] = [];
  for (const entry of queryFrom < to ? parseQuery(src, queryFrom + 1, to, 'option') : []) {
    const option = PEER_OPTIONS.get(entry.name.toLowerCase());
    if (option === undefined) ignored.push(raw.slice(entry.nameFrom, entry.nameTo));
    else option.read(options, src, entry);
  }
  const peer = makePeer({ scheme, host, port, ...options, ...credentials.values });
  return { peer, ignored };
}

/** Longest masked text echoed in a "write tcp://…" hint; a longer one gets a shorter hint. */
const HINT_MAX = 80;

/** Whether `uri` parses as a simple URI (a hint is only given when following it works). */
function parses(uri: string): boolean {
  try {
    parseSimpleUri(createUriSource(uri), 0, uri.length);
    return true;
  } catch (error) {
    if (error instanceof UriError) return false;
    throw error;
  }
}

/**
 * Throws "missing scheme" when `src.raw[from, to)` would be a valid URI with
 * `tcp://` in front of it (`localhost:61613`, `user:secret@mq:61613`,
 * `[::1]:61613`), saying what to write (credentials masked).
 */
function failIfMissingScheme(src: UriSource, from: number, to: number): void {
  if (!parses(`tcp://${src.raw.slice(from, to)}`)) return;
  const shown = src.text(from, to);
  src.fail(
    from,
    `missing scheme in ${src.quote(from, to)}`,
    shown.length <= HINT_MAX
      ? `write tcp://${shown} (or ssl:// for TLS)`
      : 'write tcp:// before the host (or ssl:// for TLS)',
  );
}

function parseCredentials(
  src: UriSource,
  from: number,
  to: number,
): { hostFrom: number; values: { login?: string; passcode?: string } } {
  let at = -1;
  for (let k = to - 1; k >= from; k--) {
    if (src.raw.charCodeAt(k) === 0x40) {
      at = k;
      break;
    }
  }
  if (at === -1) return { hostFrom: from, values: {} };
  const colon = indexIn(src.raw, ':', from, at);
  const loginTo = colon === -1 ? at : colon;
  const login = percentDecode(src, from, loginTo, 'the login');
  if (breaksFrame(login)) failUnsendable(src, from, loginTo, 'login');
  const values: { login?: string; passcode?: string } = login === '' ? {} : { login };
  if (colon !== -1) {
    const passcode = percentDecode(src, colon + 1, at, 'the passcode');
    if (breaksFrame(passcode)) failUnsendable(src, colon + 1, at, 'passcode');
    values.passcode = passcode;
  }
  return { hostFrom: at + 1, values };
}

/** Whether a header value holds CR, LF or NUL, which end a STOMP header or frame (a CONNECT frame has no escapes). */
const breaksFrame = (value: string): boolean => /[\r\n\0]/.test(value);

/** A credential that cannot be sent: the error names the part, never its text (the login is masked as well). */
function failUnsendable(src: UriSource, from: number, to: number, part: 'login' | 'passcode'): never {
  return src.failHiding(
    from,
    to,
    `the ${part} holds a line break or NUL (decoded from %0A, %0D or %00)`,
    'a STOMP CONNECT header cannot carry it',
  );
}

function parseHostPort(
  src: UriSource,
  uriFrom: number,
  from: number,
  to: number,
  scheme: Scheme,
): { host: string; port: number } {
  const raw = src.raw;
  if (from === to) src.fail(from, `expected a host after ${src.quote(uriFrom, from)}`);
  let host: string;
  let portFrom: number;
  if (raw.charCodeAt(from) === 0x5b) {
    const close = indexIn(raw, ']', from, to);
    if (close === -1) {
      src.fail(
        to,
        `expected "]" after ${src.quote(uriFrom, to)}`,
        'an IPv6 address opened with "[" ends with "]"',
      );
    }
    host = raw.slice(from + 1, close);
    if (!isIPv6(host)) {
      src.fail(
        from + 1,
        `invalid IPv6 address ${src.quote(from + 1, close)}`,
        'expected an address such as [::1] or [2001:db8::1] (zone identifiers are not supported)',
      );
    }
    portFrom = close + 1;
    if (portFrom < to && raw.charCodeAt(portFrom) !== 0x3a) {
      src.fail(portFrom, `expected ":" and a port after ${src.quote(uriFrom, portFrom)}`);
    }
  } else {
    const first = indexIn(raw, ':', from, to);
    let last = first;
    for (let k = to - 1; first !== -1 && k > first; k--) {
      if (raw.charCodeAt(k) === 0x3a) {
        last = k;
        break;
      }
    }
    const hostTo = last === -1 ? to : last;
    host = raw.slice(from, hostTo);
    portFrom = hostTo;
    if (first !== last) {
      // Perl's unbracketed IPv6 form: the last colon starts the port.
      if (!isIPv6(host)) {
        const address = raw.slice(from, to);
        if (isIPv6(address)) {
          // The whole host is an address (tcp://::1): that form has no way to omit the port.
          // The address is echoed only when none of it is masked (a stray "@" later on may hide some).
          const shown = src.text(from, to) === address;
          const bracketed = `${scheme}://[${shown ? address : '::1'}]`;
          src.fail(
            from,
            'an IPv6 address without brackets needs a port',
            `${shown ? 'write' : 'put the address in brackets, e.g.'} ${bracketed} or ${bracketed}:${defaultPort(scheme)}`,
          );
        }
        src.fail(
          from,
          `invalid host ${src.quote(from, hostTo)}`,
          'expected a host name or IPv4 address, or an IPv6 address in brackets (e.g. tcp://[::1]:61613)',
        );
      }
    } else if (host === '') {
      src.fail(from, `expected a host after ${src.quote(uriFrom, from)}`);
    } else {
      const fault = checkHostName(host, (a, b) => src.quote(from + a, from + b));
      if (fault !== undefined) src.fail(from + fault.offset, fault.what, fault.detail);
    }
  }
  if (portFrom >= to) return { host, port: defaultPort(scheme) };
  const digitsFrom = portFrom + 1;
  if (digitsFrom === to) src.fail(to, `expected a port number after ${src.quote(uriFrom, to)}`);
  const port = checkPort(raw.slice(digitsFrom, to), (a, b) => src.quote(digitsFrom + a, digitsFrom + b));
  if (typeof port !== 'number') {
    src.fail(digitsFrom + port.offset, port.what, `${port.detail} after ${src.quote(uriFrom, digitsFrom)}`);
  }
  return { host, port };
}
