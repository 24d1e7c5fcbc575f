import type { Peer } from '../types';
import { UriError } from '../errors/uri-error';
import type { QueryEntry } from './query';
import { parseSimpleUri } from './simple-uri';
import { createUriSource, isSpace, type UriSource } from './uri-source';

/**
 * Reads a `priorityURIs` value (a comma-separated list of URIs, as in
 * ActiveMQ) into the canonical `peer.uri` of each, in the order written,
 * each once. Every entry must be a simple URI naming a peer of the failover
 * list (compared by `peer.uri`, the host in any case: credentials and
 * options on the entry do not matter); otherwise it is a UriError naming the entry. An empty value names
 * none.
 *
 * @example
 * ```ts
 * // In failover:(tcp://a:1,tcp://b:2)?priorityURIs=tcp://b:2
 * resolvePriorityUris(src, entry, peers); // ['tcp://b:2']
 * ```
 */
export function resolvePriorityUris(src: UriSource, entry: QueryEntry, peers: readonly Peer[]): string[] {
  const raw = src.raw.slice(entry.valueFrom, entry.valueTo);
  // Written plainly, the entries are read in place, so errors point into the URI and
  // stay masked as it is; percent-encoded, the decoded value is read on its own.
  const [text, from, source] =
    raw === entry.value
      ? [src.raw, entry.valueFrom, src]
      : [
          entry.value,
          0,
          createUriSource(entry.value, ` (in priorityURIs at position ${src.position(entry.valueFrom)})`),
        ];
  const to = from + entry.value.length;
  if (from === to) return [];
  // Host names are case-insensitive: an entry names the peer as the list writes it.
  const known = new Map(peers.map((peer) => [peer.uri.toLowerCase(), peer.uri]));
  const uris: string[] = [];
  let start = from;
  while (start <= to) {
    let end = start;
    while (end < to && text.charCodeAt(end) !== 0x2c) end++;
    let a = start;
    let b = end;
    while (a < b && isSpace(text.charCodeAt(a))) a++;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    if (a === b) {
      // A trailing comma is allowed, as in the failover list.
      if (end === to && start > from) break;
      source.fail(a, 'empty entry in priorityURIs', 'expected a URI of the failover list between the commas');
    }
    const uri = known.get(entryUri(source, a, b).toLowerCase());
    if (uri === undefined) {
      return source.fail(
        a,
        `priorityURIs entry ${source.quote(a, b)} is not in the failover list`,
        `expected one of ${[...known.values()].join(', ')}`,
      );
    }
    if (!uris.includes(uri)) uris.push(uri);
    start = end + 1;
  }
  return uris;
}

function entryUri(source: UriSource, a: number, b: number): string {
  try {
    return parseSimpleUri(source, a, b).peer.uri;
  } catch (error) {
    if (!(error instanceof UriError)) throw error;
    return source.fail(a, `invalid priorityURIs entry ${source.quote(a, b)}`, error.message, error);
  }
}
