import type { ConnectionPlan, Peer } from '../types';
import { FAILOVER_DEFAULTS, parseFailoverOptions, type ParsedFailoverOptions } from './failover-options';
import { makePlan } from './peer';
import { resolvePriorityUris } from './priority-uris';
import { parseSimpleUri } from './simple-uri';
import { isSpace, type UriSource } from './uri-source';

const PREFIX = 'failover:';
const EXAMPLE = 'failover:(tcp://a:61613,tcp://b:61613)';

/**
 * Parses `src.raw[from, to)`, which starts with `failover:` (any case), in
 * one of ActiveMQ's forms: `failover:(URI,...)[?options]`,
 * `failover://(URI,...)[?options]` or `failover:URI,URI,...` (no options).
 *
 * @example
 * ```ts
 * const src = createUriSource('failover:(tcp://a,tcp://b)?randomize=false');
 * parseFailoverUri(src, 0, src.raw.length).failover?.randomize; // false
 * ```
 */
export function parseFailoverUri(src: UriSource, from: number, to: number): ConnectionPlan {
  const raw = src.raw;
  let open = from + PREFIX.length;
  const slashes = raw.startsWith('//', open);
  if (slashes) open += 2;
  if (raw.charCodeAt(open) === 0x28 && open < to) {
    const close = findClose(src, open, to);
    const after = close + 1;
    let parsed: ParsedFailoverOptions = { options: FAILOVER_DEFAULTS, ignored: [] };
    if (after < to) {
      const c = raw.charCodeAt(after);
      if (c === 0x29) src.fail(after, 'unexpected ")"', 'unbalanced parentheses');
      if (c !== 0x3f) {
        src.fail(after, `expected "?" and failover options, or the end, after ${src.quote(from, after)}`);
      }
      parsed = parseFailoverOptions(src, after + 1, to);
    }
    const list = parseList(src, open + 1, close);
    const options =
      parsed.priorityURIs === undefined
        ? parsed.options
        : { ...parsed.options, priorityURIs: resolvePriorityUris(src, parsed.priorityURIs, list.peers) };
    return makePlan(list.peers, options, [...list.ignored, ...parsed.ignored]);
  }
  if (slashes) src.fail(open, `expected "(" after ${src.quote(from, open)}`, `write ${EXAMPLE}`);
  for (let k = open; k < to; k++) {
    const c = raw.charCodeAt(k);
    if (c === 0x3f) {
      src.fail(k, 'failover options need parentheses', `write ${EXAMPLE}?options`);
    } else if (c === 0x28) {
      src.fail(k, 'unexpected "("', `a list in parentheses starts right after "failover:", e.g. ${EXAMPLE}`);
    } else if (c === 0x29) {
      src.fail(k, 'unexpected ")"', 'unbalanced parentheses');
    }
  }
  const list = parseList(src, open, to);
  return makePlan(list.peers, FAILOVER_DEFAULTS, list.ignored);
}

function findClose(src: UriSource, open: number, to: number): number {
  for (let k = open + 1; k < to; k++) {
    const c = src.raw.charCodeAt(k);
    if (c === 0x28) src.fail(k, 'unexpected "(" in the failover list', 'nested parentheses are not allowed');
    if (c === 0x29) return k;
  }
  return src.fail(
    to,
    'expected ")" to end the failover list',
    `unbalanced parentheses: the "(" at position ${src.position(open)} is never closed`,
  );
}

function parseList(src: UriSource, from: number, to: number): { peers: Peer[]; ignored: string[] } {
  const raw = src.raw;
  const items: Array<[number, number]> = [];
  let start = from;
  while (start <= to) {
    let end = start;
    while (end < to && raw.charCodeAt(end) !== 0x2c) end++;
    let a = start;
    let b = end;
    while (a < b && isSpace(raw.charCodeAt(a))) a++;
    while (b > a && isSpace(raw.charCodeAt(b - 1))) b--;
    items.push([a, b]);
    start = end + 1;
  }
  // A trailing comma (or an empty list) leaves one empty last item.
  const last = items[items.length - 1];
  if (last !== undefined && last[0] === last[1]) items.pop();
  if (items.length === 0) src.fail(from, 'empty failover list', `expected at least one URI, e.g. ${EXAMPLE}`);
  const peers: Peer[] = [];
  const ignored: string[] = [];
  for (const [a, b] of items) {
    if (a === b) src.fail(a, 'empty item in the failover list', 'expected a URI between the commas');
    const item = parseSimpleUri(src, a, b);
    peers.push(item.peer);
    for (const name of item.ignored) ignored.push(name);
  }
  return { peers, ignored };
}
