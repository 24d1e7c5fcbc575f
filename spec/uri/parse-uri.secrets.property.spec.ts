import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format, inspect } from 'node:util';
import fc from 'fast-check';
import { UriError } from '../../src/errors/uri-error';
import { parseUri } from '../../src/uri/parse-uri';

/**
 * Fuzzing parseUri with credential-bearing URIs of every shape, well formed
 * or not: the passcode (its first and last three letters, QZV and JKW, stand
 * for it) never shows in anything an error or a plan lets a program print.
 */

const MARKERS = /QZV|JKW/;

/** The passcode: QZV, odd characters (raw and percent-encoded), JKW. */
const secretArb = fc
  .array(
    fc.constantFrom(
      '@',
      ':',
      '/',
      '//',
      '://',
      ',',
      '%40',
      '%3A',
      '%2C',
      '%2F',
      '%25',
      '%',
      '%4',
      '%zz',
      '?',
      '&',
      '=',
      '#',
      '(',
      ')',
      '[',
      ']',
      ' ',
      '\t',
      '.',
      '-',
      '+',
      'é',
      '%C3%A9',
      '%ff',
      'x',
      '7',
      '61613',
    ),
    { maxLength: 5 },
  )
  .map((parts) => `QZV${parts.join('')}JKW`);

const loginArb = fc.constantFrom('app', 'u', '', 'a.b', 'x%40y', 'tcp', 'stomp');
const schemeArb = fc.constantFrom('tcp', 'ssl', 'stomp', 'stomp+ssl', 'TCP', 'stmp', 'stomp+nio', 'x');
const hostArb = fc.constantFrom('mq1:61613', 'mq1', '[::1]:61614', '::1:61613', '127.0.0.1:1', 'mq1:x', '');
const tailArb = fc.constantFrom(
  '',
  '/',
  '?tcpNoDelay=true',
  '?x',
  ':1',
  ')',
  '/path',
  '?connectionTimeout=-0',
);

/** A simple URI holding `credentials`, in a shape that may be wrong. */
const simpleShapeArb = fc.constantFrom(
  (scheme: string, credentials: string, rest: string) => `${scheme}://${credentials}${rest}`,
  (scheme: string, credentials: string, rest: string) => `${scheme}:/${credentials}${rest}`,
  (scheme: string, credentials: string, rest: string) => `${scheme}:${credentials}${rest}`,
  (scheme: string, credentials: string, rest: string) => `${scheme}:///${credentials}${rest}`,
  (_scheme: string, credentials: string, rest: string) => `${credentials}${rest}`,
  (_scheme: string, credentials: string, rest: string) => ` ${credentials}${rest} `,
);

const simpleUriArb = fc
  .tuple(simpleShapeArb, schemeArb, loginArb, secretArb, hostArb, tailArb)
  .map(([shape, scheme, login, secret, host, tail]) => ({
    uri: shape(scheme, `${login}:${secret}@`, `${host}${tail}`),
    secret,
  }));

/** Where a simple URI stands in a failover URI. */
const listShapeArb = fc.constantFrom(
  (item: string) => item,
  (item: string) => `failover:(tcp://a:1,${item})`,
  (item: string) => `failover:(${item},tcp://b:2)`,
  (item: string) => `failover:( tcp://a:1 , ${item} , ssl://b )?randomize=false`,
  (item: string) => `failover:${item},tcp://b:2`,
  (item: string) => `failover:tcp://a,${item}`,
  (item: string) => `failover://(${item})?maxReconnectAttempts=3`,
  (item: string) => `failover:(tcp://127.0.0.1:1,${item},tcp://c:3)?randomize=x`,
);

const uriArb = fc.tuple(listShapeArb, simpleUriArb).map(([shape, { uri, secret }]) => ({
  uri: shape(uri),
  secret,
  inList: shape('') !== '',
}));

/**
 * Inside a failover list, a comma of the passcode followed by a scheme-like
 * name and ":" (`pa,tcp://ss`, `pa,x:y@`) reads as the start of the next URI:
 * the part of the passcode before it cannot be told from a host and port.
 * (A passcode needs "%2C" for a comma in a failover list anyway.)
 */
const ambiguousInList = (secret: string): boolean => /,[\s(]*[A-Za-z0-9+.-]*:/.test(secret);

/** Parses `uri`: the plan, or the UriError; anything else thrown fails the test. */
function attempt(uri: string): unknown {
  try {
    return parseUri(uri);
  } catch (error) {
    if (error instanceof UriError) return error;
    throw new Error(`parseUri threw a non-UriError: ${String(error)}`);
  }
}

/** Everything a program could print of a parse result. */
function shown(result: unknown): string[] {
  if (result instanceof UriError) {
    return [
      result.message,
      result.input,
      JSON.stringify(result),
      inspect(result, { showHidden: true, depth: 10 }),
      format('%o', result),
      String(result.stack),
    ];
  }
  const plan = result as ReturnType<typeof parseUri>;
  return [
    JSON.stringify(plan),
    inspect(plan, { showHidden: true, getters: true, depth: 10 }),
    format('%o', plan),
    ...plan.peers.map((peer) => format('%o', peer)),
  ];
}

describe('parseUri never shows a passcode, whatever the URI shape', () => {
  it('simple and failover URIs: a plan or a UriError, and no passcode shown', () => {
    fc.assert(
      fc.property(uriArb, ({ uri, secret, inList }) => {
        fc.pre(!(inList && ambiguousInList(secret)));
        const result = attempt(uri);
        for (const text of shown(result)) expect(text).not.toMatch(MARKERS);
      }),
      { numRuns: 5000 },
    );
  });

  describe('in a file: line', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'stomp-secrets-'));
    });
    afterAll(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('one line or several, comments and blank lines around: no passcode shown', () => {
      let count = 0;
      const otherLine = fc.constantFrom('', '# brokers', 'tcp://a:1', '  ssl://b  # backup', 'tcp://u:p@c:3');
      fc.assert(
        fc.property(
          uriArb,
          fc.array(otherLine, { maxLength: 2 }),
          fc.array(otherLine, { maxLength: 2 }),
          fc.constantFrom('\n', '\r\n'),
          ({ uri, secret, inList }, before, after, eol) => {
            fc.pre(!(inList && ambiguousInList(secret)));
            count += 1;
            const path = join(dir, `uris-${count}.txt`);
            writeFileSync(path, [...before, uri, ...after].join(eol));
            const result = attempt(`file:${path}`);
            for (const text of shown(result)) expect(text).not.toMatch(MARKERS);
          },
        ),
        { numRuns: 400 },
      );
    });
  });
});
