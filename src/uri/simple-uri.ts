import { UriError } from '../errors/uri-error';
import type { Peer, Scheme } from '../types';
import { isSchemeChar } from './chars';
import { parseCredentials } from './credentials';
import { parseHostPort } from './host-port';
import { booleanValue, delayValue } from './option-values';
import { isTlsScheme, makePeer } from './peer';
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
    // `tcp:/u:s@h`, `stomp:h`: say what to write, when that parses.
    let rest = i + 1;
    while (rest < to && raw.charCodeAt(rest) === 0x2f) rest++;
    const shown = src.text(rest, to);
    src.fail(
      i + 1,
      `expected "//" after ${src.quote(from, i + 1)}`,
      rest < to && shown.length <= HINT_MAX && parses(`${scheme}://${raw.slice(rest, to)}`)
        ? `write ${scheme}://${shown}`
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
