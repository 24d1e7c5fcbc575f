import fc from 'fast-check';
import { UriError } from '../../src/errors/uri-error';
import { parseUri } from '../../src/uri/parse-uri';
import type { ConnectionPlan } from '../../src/types';

/** Parses, returning the plan or the UriError; anything else thrown fails the test. */
function attempt(uri: string): ConnectionPlan | UriError {
  try {
    return parseUri(uri);
  } catch (error) {
    if (error instanceof UriError) return error;
    throw new Error(`parseUri(${JSON.stringify(uri.slice(0, 200))}) threw a non-UriError: ${String(error)}`);
  }
}

/** Asserts the UriError invariants: position inside the masked input. */
function checkError(error: UriError): void {
  expect(error.code).toBe('ERR_STOMP_URI');
  if (error.position !== undefined) {
    expect(error.position).toBeGreaterThanOrEqual(0);
    expect(error.position).toBeLessThanOrEqual(error.input.length);
  }
}

// Tokens that make almost-valid URIs; no "file:" at the start, so nothing reads the disk.
const token = fc.constantFrom(
  'tcp',
  'ssl',
  'stomp',
  'stomp+ssl',
  'TCP',
  'failover:',
  '//',
  '://',
  ':',
  '(',
  ')',
  ',',
  ' ',
  '@',
  '[',
  ']',
  '?',
  '&',
  '=',
  '%',
  '%4',
  '%41',
  '%C3%A9',
  '%ff',
  '/',
  '#',
  '.',
  '-',
  '_',
  'host',
  'a.b',
  '::1',
  '::',
  'fe80',
  '1.2.3.4',
  '256',
  '61613',
  '0',
  '65536',
  'randomize',
  'true',
  'maxReconnectAttempts',
  '-1',
  'jitter',
  'nested.x',
  'connectionTimeout',
  'tcpNoDelay',
  'u',
  'p',
  'file:',
  '\t',
  '\u0000',
  'é',
);
const almostValid = fc
  .array(token, { maxLength: 25 })
  .map((parts) => parts.join(''))
  .filter((s) => !/^\s*file:/i.test(s));

const hostArb = fc.oneof(
  fc.domain().map((host) => ({ written: host, host })),
  fc.ipV4().map((host) => ({ written: host, host })),
  fc.ipV6().map((host) => ({ written: `[${host}]`, host })),
);
const schemeArb = fc.constantFrom('tcp', 'ssl', 'stomp', 'stomp+ssl');
const portArb = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined });
// CR, LF and NUL cannot travel in a CONNECT header: such credentials are refused (tested below).
const credentialArb = fc.option(
  fc.string({ unit: 'binary', maxLength: 12 }).filter((text) => !/[\r\n\0]/.test(text)),
  { nil: undefined },
);

/** Parses `uri`, whose passcode holds QZV…JKW, and checks neither part shows in the error or the peers. */
function expectPasscodeHidden(uri: string): void {
  const result = attempt(uri);
  if (result instanceof UriError) {
    for (const secret of ['QZV', 'JKW']) {
      expect(result.message).not.toContain(secret);
      expect(result.input).not.toContain(secret);
    }
  } else {
    for (const peer of result.peers) expect(peer.uri).not.toMatch(/QZV|JKW/);
  }
}

describe('parseUri properties', () => {
  it('only ever throws UriError, on arbitrary strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'binary-ascii' })),
        (uri) => {
          fc.pre(!/^\s*file:/i.test(uri));
          const result = attempt(uri);
          if (result instanceof UriError) checkError(result);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('only ever throws UriError, on almost-valid URIs', () => {
    let errors = 0;
    fc.assert(
      fc.property(almostValid, (uri) => {
        const result = attempt(uri);
        if (result instanceof UriError) {
          errors += 1;
          checkError(result);
        } else {
          expect(result.peers.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 3000 },
    );
    expect(errors).toBeGreaterThan(0);
  });

  it('only ever throws UriError, on valid URIs with one character changed', () => {
    const valid = 'failover:(tcp://u:p@a.b:1?tcpNoDelay=true,ssl://[::1]:2/)?randomize=false&jitter=full';
    fc.assert(
      fc.property(fc.nat(valid.length - 1), fc.string({ unit: 'binary', maxLength: 2 }), (at, text) => {
        const result = attempt(valid.slice(0, at) + text + valid.slice(at + 1));
        if (result instanceof UriError) checkError(result);
      }),
      { numRuns: 2000 },
    );
  });

  it('parses generated valid URIs to the expected peer, whose uri re-parses to the same peer', () => {
    fc.assert(
      fc.property(
        schemeArb,
        hostArb,
        portArb,
        credentialArb,
        credentialArb,
        (scheme, host, port, login, passcode) => {
          const userinfo =
            login === undefined && passcode === undefined
              ? ''
              : `${encodeURIComponent(login ?? '')}${passcode === undefined ? '' : `:${encodeURIComponent(passcode)}`}@`;
          const uri = `${scheme.toUpperCase()}://${userinfo}${host.written}${port === undefined ? '' : `:${port}`}`;
          const [peer] = parseUri(uri).peers;
          const tls = scheme.endsWith('ssl');
          expect(peer).toMatchObject({ scheme, host: host.host, port: port ?? (tls ? 61614 : 61613), tls });
          expect(peer?.login).toBe(login === '' ? undefined : login);
          expect(peer?.passcode).toBe(passcode);
          const again = parseUri(peer?.uri ?? '').peers[0];
          expect({ ...again }).toEqual({ ...peer });
          expect(again?.passcode).toBeUndefined();
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('refuses credentials holding CR, LF or NUL, showing neither login nor passcode', () => {
    const breaking = fc
      .tuple(fc.string({ maxLength: 4 }), fc.constantFrom('\r', '\n', '\0'), fc.string({ maxLength: 4 }))
      .map(([a, c, b]) => `QZV${a}${c}${b}JKW`);
    fc.assert(
      fc.property(breaking, fc.boolean(), schemeArb, (secret, inLogin, scheme) => {
        const encoded = encodeURIComponent(secret);
        const uri = `${scheme}://${inLogin ? encoded : 'user'}:${inLogin ? 'pw' : encoded}@mq:61613`;
        const result = attempt(uri);
        expect(result).toBeInstanceOf(UriError);
        if (result instanceof UriError) {
          expect(result.message).toContain(`the ${inLogin ? 'login' : 'passcode'} holds a line break or NUL`);
          for (const text of [result.message, result.input]) expect(text).not.toMatch(/QZV|JKW/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never shows a passcode in an error, even one that breaks the parse', () => {
    const separator = fc.constantFrom('', '/', '?', ',', ' ', ')', '(', '%', ':', '#', '&', '=');
    const rest = fc.array(token, { maxLength: 6 }).map((parts) => parts.join(''));
    const shape = fc.constantFrom(
      (u: string, r: string) => `tcp://${u}${r}`,
      (u: string, r: string) => `failover:(tcp://a:1,stomp://${u}${r})`,
      (u: string, r: string) => `failover:stomp://${u}${r},ssl://b`,
      (u: string, r: string) => `failover:(ssl://${u}b)?${r}`,
    );
    fc.assert(
      fc.property(separator, separator, rest, shape, (sep1, sep2, tail, make) => {
        expectPasscodeHidden(make(`user:QZV${sep1}JKW${sep2}@`, tail));
      }),
      { numRuns: 2000 },
    );
  });

  it('never shows a passcode holding "://" in an error, nor one that looks like a URI in it', () => {
    // No "," before a "://": "tcp://u:a,b://c@h" in a failover list cannot be told from two URIs.
    const piece = fc.constantFrom(
      '',
      '/',
      '?',
      ' ',
      ')',
      '(',
      '%',
      ':',
      '@',
      '://',
      'x://',
      ' tcp://',
      '(ssl://',
      'failover:tcp://',
      'stomp+ssl://a:b@',
    );
    const rest = fc.array(token, { maxLength: 6 }).map((parts) => parts.join(''));
    const shape = fc.constantFrom(
      (u: string, r: string) => `tcp://${u}${r}`,
      (u: string, r: string) => `failover:(tcp://a:1,stomp://${u}${r})`,
      (u: string, r: string) => `failover:stomp://${u}${r},ssl://b`,
      (u: string, r: string) => `failover://( ssl://${u}b)?${r}`,
    );
    fc.assert(
      fc.property(piece, piece, rest, shape, (piece1, piece2, tail, make) => {
        fc.pre(`${piece1}${piece2}`.includes('://'));
        expectPasscodeHidden(make(`user:QZV${piece1}JKW${piece2}@`, tail));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseUri on 100 kB hostile input', () => {
  const N = 100_000;
  it.each([
    ['many "("', `failover:${'('.repeat(N)}`],
    ['many ")"', `failover:(tcp://a)${')'.repeat(N)}`],
    ['many ":"', `tcp://${':'.repeat(N)}`],
    ['many ":" in brackets', `tcp://[${':'.repeat(N)}]`],
    ['many "%"', `tcp://${'%'.repeat(N)}@h`],
    ['many "%41"', `tcp://${'%41'.repeat(N / 3)}@h`],
    ['a long label', `tcp://${'a'.repeat(N)}`],
    ['many labels', `tcp://${'a.'.repeat(N / 2)}`],
    ['many "://"', '://'.repeat(N / 3)],
    ['many "://" in a failover list', `failover:(${'a://'.repeat(N / 4)})`],
    ['many "://" in a passcode', `failover:(tcp://u:${'a://'.repeat(N / 4)}@h)`],
    ['many scheme names and spaces in a passcode', `failover:(tcp://u:${' a+b ://'.repeat(N / 8)}@h)`],
    ['many "@"', `tcp://${'@'.repeat(N)}`],
    ['many credentials', 'tcp://a:b@'.repeat(N / 10)],
    ['many peers with credentials and options', `failover:(${'tcp://u:p@a:1?x=1,'.repeat(N / 18)})`],
    ['many peers without parentheses', `failover:${'tcp://a:1, '.repeat(N / 11)}`],
    ['many commas', `failover:(${','.repeat(N)})`],
    ['many query entries', `tcp://h?${'a=1&'.repeat(N / 4)}`],
    ['many ignored failover options', `failover:(tcp://a)?${'timeout=1&'.repeat(N / 10)}`],
    ['a long unknown option name', `failover:(tcp://a)?${'x'.repeat(N)}=1`],
    ['a long port', `tcp://h:${'0'.repeat(N)}1`],
    ['white space', `${' '.repeat(N)}tcp://h${' '.repeat(N)}`],
  ])(
    '%s: parses or throws UriError (backtracking would hang past the test timeout)',
    (_name, uri) => {
      const result = attempt(uri);
      if (result instanceof UriError) {
        checkError(result);
        // Excerpts are shortened: a message never echoes the whole input.
        expect(result.message.length).toBeLessThan(1000);
      }
    },
    5000,
  );
});
