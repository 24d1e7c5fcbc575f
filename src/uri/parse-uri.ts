import { UriError } from '../errors/uri-error';
import type { ConnectionPlan, Peer } from '../types';
import { parseFailoverUri } from './failover-uri';
import { readUriFile } from './file-uri';
import { makePlan } from './peer';
import { isTargetObject, notATarget } from './target-type';
import { parseSimpleUri } from './simple-uri';
import { createUriSource, isSpace, type UriSource } from './uri-source';

/** URI kinds valid at the top level besides the simple schemes (for suggestions). */
const TOP_LEVEL = ['failover', 'file'];

const startsWithWord = (raw: string, from: number, word: string): boolean =>
  raw.slice(from, from + word.length).toLowerCase() === word;

/**
 * Parses a connection URI into the peers to try and how to fail over between
 * them (SPEC §2, §3): a simple URI (`scheme://[login[:passcode]@]host[:port][/][?query]`),
 * an ActiveMQ `failover:` URI, or `file:PATH` naming a file of URIs. White
 * space around the whole URI is ignored. The plan, its peers, arrays and
 * failover options are frozen.
 *
 * @throws UriError (code `ERR_STOMP_URI`) saying what was expected and where;
 *   its `input` and message never show a passcode. A value that is not a
 *   string gets the same message as from `connect$` and `connect`.
 *
 * @example
 * ```ts
 * const plan = parseUri('failover:(tcp://a:61613,ssl://b)?randomize=false&maxReconnectAttempts=3');
 * plan.peers.map((p) => p.uri);          // ['tcp://a:61613', 'ssl://b:61614']
 * plan.failover?.maxReconnectAttempts;   // 3
 * parseUri('stomp://guest:pw@broker').peers[0]?.passcode; // 'pw' (a getter: never shown)
 * ```
 */
export function parseUri(uri: string): ConnectionPlan {
  if (typeof uri !== 'string') {
    if (!isTargetObject(uri)) throw notATarget(uri);
    throw new UriError(
      'expected a URI string, got an object ({ host, port } is a target for connect$ and connect)',
      { input: '' },
    );
  }
  const src: UriSource = createUriSource(uri);
  let from = 0;
  let to = uri.length;
  while (from < to && isSpace(uri.charCodeAt(from))) from++;
  while (to > from && isSpace(uri.charCodeAt(to - 1))) to--;
  if (from === to) src.fail(from, 'empty URI', 'expected a URI such as tcp://host:61613');
  if (!startsWithWord(uri, from, 'file:')) return parseOne(src, from, to);
  const file = readUriFile(src, from, to);
  const sources = file.lines.map(({ text, written, line }) => {
    const lineSrc: UriSource = createUriSource(
      text,
      ` (line ${line} of ${JSON.stringify(file.path)})`,
      written,
    );
    if (startsWithWord(text, 0, 'file:')) lineSrc.fail(0, 'a URI file cannot name another URI file');
    return lineSrc;
  });
  const [only] = sources;
  if (only !== undefined && sources.length === 1) return parseOne(only, 0, only.raw.length);
  // Several lines: a plain list of peers, tried once each (as in Perl).
  const peers: Peer[] = [];
  const ignored: string[] = [];
  for (const lineSrc of sources) {
    if (startsWithWord(lineSrc.raw, 0, 'failover:')) {
      lineSrc.fail(
        0,
        'a failover: URI must be the only URI of its file',
        'with several lines, each is a simple URI',
      );
    }
    const simple = parseSimpleUri(lineSrc, 0, lineSrc.raw.length);
    peers.push(simple.peer);
    for (const name of simple.ignored) ignored.push(name);
  }
  return makePlan(peers, null, ignored);
}

function parseOne(src: UriSource, from: number, to: number): ConnectionPlan {
  if (startsWithWord(src.raw, from, 'failover:')) return parseFailoverUri(src, from, to);
  const simple = parseSimpleUri(src, from, to, TOP_LEVEL);
  return makePlan([simple.peer], null, simple.ignored);
}
