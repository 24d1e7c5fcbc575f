import { AttemptError } from '../../src/errors/attempt-error';
import { eventRecord, type EventRecord } from '../../src/cli/event-record';
import {
  failureReason,
  formatDuration,
  formatElapsed,
  formatError,
  formatRecord,
  formatWaiting,
} from '../../src/cli/format';
import { jsonLine, printable } from '../../src/cli/printable';
import { createStyle, useColor } from '../../src/cli/style';
import { tlsInfo } from '../../src/cli/tls-info';
import type { Peer, Socket } from '../../src/types';

const plain = createStyle(false);
const coloured = createStyle(true);

function peer(uri: string): Peer {
  const { protocol, hostname, port } = new URL(uri);
  const host = hostname.replace(/^\[|\]$/g, '');
  const scheme = protocol.slice(0, -1) as Peer['scheme'];
  return { scheme, host, port: Number(port), tls: scheme.endsWith('ssl'), uri };
}

const info = (uri: string): EventRecord['peer'] => {
  const { host, port, tls } = peer(uri);
  return { uri, host, port, tls };
};

const coded = (code: string, message: string): Error => Object.assign(new Error(message), { code });

/** A stand-in for a connected TLS socket: only what tlsInfo reads. */
function fakeTlsSocket(facts: {
  authorized: boolean;
  authorizationError?: unknown;
  subject?: Record<string, unknown>;
  validTo?: string;
}): Socket {
  return {
    encrypted: true,
    authorized: facts.authorized,
    authorizationError: facts.authorizationError,
    getProtocol: () => 'TLSv1.3',
    getCipher: () => ({
      name: 'TLS_AES_256_GCM_SHA384',
      standardName: 'TLS_AES_256_GCM_SHA384',
      version: 'TLSv1.3',
    }),
    getPeerCertificate: () => ({ subject: facts.subject ?? {}, valid_to: facts.validTo ?? '' }),
  } as unknown as Socket;
}

describe('formatElapsed / formatDuration', () => {
  it.each([
    [0, '+0ms'],
    [12, '+12ms'],
    [12.6, '+13ms'],
    [-1, '+0ms'],
    [27012, '+27012ms'],
  ])('formatElapsed(%p) = %s', (ms, text) => expect(formatElapsed(ms)).toBe(text));

  it.each([
    [1, '1 ms'],
    [250, '250 ms'],
    [999, '999 ms'],
    [1000, '1 s'],
    [2500, '2.5 s'],
    [2560, '2.6 s'],
    [30000, '30 s'],
  ])('formatDuration(%p) = %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('failureReason', () => {
  const a = { host: 'a', port: 61613 };
  const v6 = { host: '::1', port: 61613 };
  it.each([
    ['ECONNREFUSED', 'cannot connect to a:61613: connect ECONNREFUSED 10.0.0.1:61613', a, 'ECONNREFUSED'],
    ['ENOTFOUND', 'cannot connect to a:61613: getaddrinfo ENOTFOUND a', a, 'ENOTFOUND'],
    [
      'ETIMEDOUT',
      'cannot connect to a:61613: timed out after 1000 ms',
      a,
      'ETIMEDOUT (timed out after 1000 ms)',
    ],
    [
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'cannot SSL connect to a:61613: self-signed certificate',
      a,
      'DEPTH_ZERO_SELF_SIGNED_CERT (self-signed certificate)',
    ],
    [
      'ERR_STOMP_ERROR_FRAME',
      "cannot connect to [::1]:61613: STOMP ERROR frame: Bad CONNECT: Virtual host '/' access denied",
      v6,
      "ERR_STOMP_ERROR_FRAME (STOMP ERROR frame: Bad CONNECT: Virtual host '/' access denied)",
    ],
    ['ERR_STOMP_ATTEMPT', 'cannot connect to a:61613: the transport said no', a, 'the transport said no'],
    ['ECONNRESET', 'something else entirely', a, 'ECONNRESET (something else entirely)'],
    [
      'ERR_STOMP_PROTOCOL',
      'cannot connect to a:61613: bad\x1b[31m bytes',
      a,
      'ERR_STOMP_PROTOCOL (bad\\x1b[31m bytes)',
    ],
  ])('%s: %s (%j) → %s', (code, message, where, reason) => {
    expect(failureReason({ code, message, peer: where })).toBe(reason);
  });
});

describe('formatRecord', () => {
  const tcpA = info('tcp://a:61613');
  const sslB = info('ssl://b:61614');
  const table: [EventRecord, string][] = [
    [{ type: 'attempt', elapsed: 0, attempt: 1, peer: tcpA }, '+0ms attempt 1 tcp://a:61613'],
    [
      {
        type: 'failed',
        elapsed: 1,
        attempt: 1,
        peer: tcpA,
        code: 'ECONNREFUSED',
        message: 'cannot connect to a:61613: connect ECONNREFUSED 10.0.0.1:61613',
        retryIn: 10,
      },
      '+1ms failed 1 tcp://a:61613 ECONNREFUSED — next attempt in 10 ms',
    ],
    [
      {
        type: 'failed',
        elapsed: 5,
        attempt: 3,
        peer: tcpA,
        code: 'ETIMEDOUT',
        message: 'cannot connect to a:61613: timed out after 1000 ms',
        retryIn: 30000,
      },
      '+5ms failed 3 tcp://a:61613 ETIMEDOUT (timed out after 1000 ms) — next attempt in 30 s',
    ],
    [
      {
        type: 'failed',
        elapsed: 2,
        attempt: 1,
        peer: tcpA,
        code: 'ECONNREFUSED',
        message: 'cannot connect to a:61613: connect ECONNREFUSED 10.0.0.1:61613',
        retryIn: 0,
      },
      '+2ms failed 1 tcp://a:61613 ECONNREFUSED — next attempt now',
    ],
    [
      {
        type: 'failed',
        elapsed: 40,
        attempt: 4,
        peer: tcpA,
        code: 'ECONNREFUSED',
        message: 'cannot connect to a:61613: connect ECONNREFUSED 10.0.0.1:61613',
        retryIn: null,
      },
      '+40ms failed 4 tcp://a:61613 ECONNREFUSED — no more attempts',
    ],
    [{ type: 'connected', elapsed: 12, attempt: 2, peer: tcpA }, '+12ms connected 2 tcp://a:61613'],
    [
      {
        type: 'connected',
        elapsed: 12,
        attempt: 2,
        peer: sslB,
        tls: {
          protocol: 'TLSv1.3',
          cipher: 'TLS_AES_256_GCM_SHA384',
          authorized: true,
          subject: 'b.example',
          validTo: '2030-01-01T00:00:00Z',
        },
      },
      [
        '+12ms connected 2 ssl://b:61614 TLSv1.3 TLS_AES_256_GCM_SHA384 authorized',
        '      certificate CN=b.example, expires 2030-01-01T00:00:00Z',
      ].join('\n'),
    ],
    [
      {
        type: 'connected',
        elapsed: 7,
        attempt: 1,
        peer: sslB,
        tls: {
          protocol: 'TLSv1.2',
          cipher: 'ECDHE-RSA-AES128-GCM-SHA256',
          authorized: false,
          authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
        },
        stomp: { version: '1.2', server: 'RabbitMQ/3.10.8', session: 'session-x1', heartBeat: [0, 10000] },
      },
      [
        '+7ms connected 1 ssl://b:61614 TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 not authorized (DEPTH_ZERO_SELF_SIGNED_CERT)',
        '     STOMP 1.2, server RabbitMQ/3.10.8, session session-x1, heart-beat 0,10000',
      ].join('\n'),
    ],
    [
      {
        type: 'connected',
        elapsed: 3,
        attempt: 1,
        peer: tcpA,
        stomp: { version: '1.0', heartBeat: [0, 0] },
      },
      ['+3ms connected 1 tcp://a:61613', '     STOMP 1.0'].join('\n'),
    ],
    [
      {
        type: 'connected',
        elapsed: 3,
        attempt: 1,
        peer: tcpA,
        stomp: { version: '1.2', server: 'evil\x1b]0;pwned\x07', session: 'a\nb' },
      },
      [
        '+3ms connected 1 tcp://a:61613',
        '     STOMP 1.2, server evil\\x1b]0;pwned\\x07, session a\\x0ab',
      ].join('\n'),
    ],
    [
      {
        type: 'connected',
        elapsed: 5,
        attempt: 1,
        peer: tcpA,
        stomp: {
          version: '1.2',
          server: 'RabbitMQ/3.13.7',
          session: 'session-x1',
          heartBeat: [0, 0],
          headers: {
            'x-extra': '1',
            version: '1.2',
            server: 'RabbitMQ/3.13.7',
            session: 'session-x1',
            'heart-beat': '0,0',
            'user-id': 'bob',
          },
        },
      },
      [
        '+5ms connected 1 tcp://a:61613',
        '     STOMP 1.2, server RabbitMQ/3.13.7, session session-x1',
        '     headers user-id:bob, x-extra:1',
      ].join('\n'),
    ],
    [
      {
        type: 'connected',
        elapsed: 5,
        attempt: 1,
        peer: tcpA,
        stomp: {
          version: '1.2',
          headers: { version: '1.2', 'x-\x1b[2J': 'a\nb\x9b', Passcode: 'hunter2', login: 'guest' },
        },
      },
      ['+5ms connected 1 tcp://a:61613', '     STOMP 1.2', '     headers x-\\x1b[2J:a\\x0ab\\x9b'].join('\n'),
    ],
    [
      {
        type: 'connected',
        elapsed: 5,
        attempt: 1,
        peer: tcpA,
        stomp: {
          version: '1.2',
          server: 'Test/1.0',
          heartBeat: [0, 0],
          headers: { version: '1.2', server: 'Test/1.0' },
        },
      },
      ['+5ms connected 1 tcp://a:61613', '     STOMP 1.2, server Test/1.0'].join('\n'),
    ],
  ];
  it.each(table.map(([record, text]) => [text, record] as const))('%s', (text, record) => {
    expect(formatRecord(record, plain)).toBe(text);
  });

  it('colours only when asked to', () => {
    const record: EventRecord = { type: 'attempt', elapsed: 0, attempt: 1, peer: tcpA };
    expect(formatRecord(record, coloured)).toBe(
      '\x1b[2m+0ms\x1b[22m \x1b[36mattempt\x1b[39m 1 tcp://a:61613',
    );
    // eslint-disable-next-line no-control-regex
    expect(formatRecord(record, coloured).replace(/\x1b\[\d+m/g, '')).toBe(formatRecord(record, plain));
  });
});

describe('formatWaiting / formatError / printable', () => {
  it.each([
    [2012, 27600, '+2012ms waiting: next attempt in 28 s'],
    [1000, 1000, '+1000ms waiting: next attempt in 1 s'],
    [1000, 200, '+1000ms waiting: next attempt in 1 s'],
  ])('formatWaiting(%p, %p) = %s', (elapsed, remaining, text) => {
    expect(formatWaiting(elapsed, remaining, plain)).toBe(text);
  });

  it.each([
    ['cannot connect (2 attempts)', 'stomp-connect: cannot connect (2 attempts)'],
    ['two\nlines\r\n  here', 'stomp-connect: two lines here'],
    ['bell\x07', 'stomp-connect: bell\\x07'],
  ])('formatError(%p) = %s', (message, text) => {
    expect(formatError(message)).toBe(text);
  });

  it.each([
    ['plain text', 'plain text'],
    ['tab\there', 'tab\\x09here'],
    ['\x1b[2J', '\\x1b[2J'],
    ['\x9b', '\\x9b'],
    ['ünïcödé ✓', 'ünïcödé ✓'],
    ['DEL\x7f', 'DEL\\x7f'],
    // Bidi controls: a right-to-left override makes `abc<RLO>gnp.exe` display as `abcexe.png`.
    ['session abc\u202egnp.exe', 'session abc\\u202egnp.exe'],
    ['\u202a\u202b\u202c\u202d\u202e', '\\u202a\\u202b\\u202c\\u202d\\u202e'],
    ['\u2066\u2067\u2068\u2069', '\\u2066\\u2067\\u2068\\u2069'],
    ['mark\u200e\u200f\u061c', 'mark\\u200e\\u200f\\u061c'],
    // Line and paragraph separators: a line break to some terminals and editors.
    ['one\u2028two\u2029three', 'one\\u2028two\\u2029three'],
    // Invisible format characters: zero-width space / joiners, word joiner, BOM, soft hyphen.
    ['zero\u200b\u200c\u200dwidth\u2060\ufeff\u00ad', 'zero\\u200b\\u200c\\u200dwidth\\u2060\\ufeff\\xad'],
    ['\u206a\ufff9\u180e', '\\u206a\\ufff9\\u180e'],
    // Tag characters (invisible text) and lone surrogates, by code point.
    ['tag\u{e0041}\u{e007f}', 'tag\\u{e0041}\\u{e007f}'],
    ['lone\ud800 and \udc00', 'lone\\ud800 and \\udc00'],
    // What is not a control stays as it is.
    [
      'emoji 😀, CJK 漢字, NBSP\u00a0, ideographic space\u3000, Arabic عربي',
      'emoji 😀, CJK 漢字, NBSP\u00a0, ideographic space\u3000, Arabic عربي',
    ],
    ['a backslash \\ stays', 'a backslash \\ stays'],
  ])('printable(%p) = %p', (text, shown) => expect(printable(text)).toBe(shown));

  it('formatError escapes bidi controls and separators too', () => {
    expect(formatError('denied for abc\u202egnp.exe\u2028x')).toBe(
      'stomp-connect: denied for abc\\u202egnp.exe\\u2028x',
    );
  });

  it.each([
    ['C1 CSI', '\x9b31m'],
    ['DEL', '\x7f'],
    ['a right-to-left override', 'abc\u202egnp.exe'],
    ['isolates and marks', '\u2066\u2067\u2068\u2069\u200e\u200f'],
    ['line and paragraph separators', 'a\u2028b\u2029c'],
    ['a tag character', '\u{e0041}'],
    ['a BOM and zero-width space', '\ufeff\u200b'],
  ])('jsonLine escapes %s as \\u escapes, and parses back to the same text', (_name, text) => {
    const value = { type: 'failed', message: text, headers: { [text]: text } };
    const line = jsonLine(value);
    expect(line).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u);
    expect(line).toMatch(/\\u[0-9a-f]{4}/);
    expect(JSON.parse(line)).toEqual(value);
  });

  it('jsonLine is JSON.stringify for text without controls', () => {
    const value = { type: 'attempt', peer: { uri: 'tcp://a:1' }, note: 'ünïcödé 😀 "q" \\' };
    expect(jsonLine(value)).toBe(JSON.stringify(value));
  });
});

describe('useColor', () => {
  it.each<[boolean | undefined, Record<string, string | undefined>, boolean]>([
    [true, {}, true],
    [true, { NO_COLOR: '1' }, false],
    [true, { NO_COLOR: '' }, true],
    [false, {}, false],
    [undefined, {}, false],
  ])('isTTY %p, env %p → %p', (isTTY, env, expected) => {
    expect(useColor({ write: () => true, isTTY }, env)).toBe(expected);
  });
});

describe('eventRecord', () => {
  const a = peer('tcp://a:61613');
  const withCredentials = Object.defineProperties(peer('tcp://b:61613'), {
    login: { value: 'guest', enumerable: false },
    passcode: { value: 'hunter2', enumerable: false },
  }) as Peer;

  it('attempt and failed: whitelisted fields only', () => {
    expect(eventRecord({ type: 'attempt', attempt: 1, peer: a }, 0)).toEqual({
      type: 'attempt',
      elapsed: 0,
      attempt: 1,
      peer: { uri: 'tcp://a:61613', host: 'a', port: 61613, tls: false },
    });
    const error = new AttemptError(
      withCredentials,
      2,
      coded('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.2:61613'),
    );
    const record = eventRecord({ type: 'failed', attempt: 2, peer: withCredentials, error, retryIn: 20 }, 9);
    expect(record).toEqual({
      type: 'failed',
      elapsed: 9,
      attempt: 2,
      peer: { uri: 'tcp://b:61613', host: 'b', port: 61613, tls: false },
      code: 'ECONNREFUSED',
      message: 'cannot connect to b:61613: connect ECONNREFUSED 10.0.0.2:61613',
      retryIn: 20,
    });
    expect(JSON.stringify(record)).not.toMatch(/hunter2|guest/);
  });

  it('connected over TCP: no socket in the record; STOMP facts from verified', () => {
    const socket = { encrypted: undefined } as unknown as Socket;
    const verified = {
      version: '1.2',
      server: 'ActiveMQ/5.17.6',
      session: 'ID:x-1',
      heartBeat: [0, 0],
      headers: { passcode: 'never-copied' },
    };
    const record = eventRecord({ type: 'connected', attempt: 1, peer: withCredentials, socket, verified }, 4);
    expect(record).toEqual({
      type: 'connected',
      elapsed: 4,
      attempt: 1,
      peer: { uri: 'tcp://b:61613', host: 'b', port: 61613, tls: false },
      stomp: { version: '1.2', server: 'ActiveMQ/5.17.6', session: 'ID:x-1', heartBeat: [0, 0], headers: {} },
    });
    expect(JSON.stringify(record)).not.toMatch(/never-copied|hunter2/);
  });

  it('keeps every CONNECTED header, sorted by name, but never a login or a passcode', () => {
    const socket = {} as Socket;
    const headers = {
      version: '1.2',
      session: 'ID:x-1',
      'user-id': 'bob',
      server: 'ActiveMQ/5.17.6',
      'heart-beat': '0,0',
      passcode: 'never-copied',
      LOGIN: 'never-shown',
      'x-extra': '1',
    };
    const verified = {
      version: '1.2',
      server: 'ActiveMQ/5.17.6',
      session: 'ID:x-1',
      heartBeat: [0, 0],
      headers,
    };
    const record = eventRecord({ type: 'connected', attempt: 1, peer: a, socket, verified }, 4);
    const stomp = (record as { stomp?: { headers?: Record<string, string> } }).stomp;
    expect(stomp?.headers).toEqual({
      'heart-beat': '0,0',
      server: 'ActiveMQ/5.17.6',
      session: 'ID:x-1',
      'user-id': 'bob',
      version: '1.2',
      'x-extra': '1',
    });
    expect(Object.keys(stomp?.headers ?? {})).toEqual([
      'heart-beat',
      'server',
      'session',
      'user-id',
      'version',
      'x-extra',
    ]);
    expect(JSON.stringify(record)).not.toMatch(/never-copied|never-shown/);
    expect(formatRecord(record, plain).split('\n')).toEqual([
      '+4ms connected 1 tcp://a:61613',
      '     STOMP 1.2, server ActiveMQ/5.17.6, session ID:x-1',
      '     headers user-id:bob, x-extra:1',
    ]);
  });

  it('a header named __proto__ stays a header', () => {
    const socket = {} as Socket;
    const headers = JSON.parse('{"version":"1.2","__proto__":"x"}') as Record<string, string>;
    const record = eventRecord(
      { type: 'connected', attempt: 1, peer: a, socket, verified: { version: '1.2', headers } },
      0,
    );
    expect(JSON.stringify(record)).toContain('"headers":{"__proto__":"x","version":"1.2"}');
  });

  it.each([[undefined], [null], ['CONNECTED'], [{ server: 'no version' }]])(
    'a verified value that is not a StompConnected (%p) is left out',
    (verified) => {
      const socket = {} as Socket;
      expect(eventRecord({ type: 'connected', attempt: 1, peer: a, socket, verified }, 0)).not.toHaveProperty(
        'stomp',
      );
    },
  );
});

describe('tlsInfo', () => {
  it('is undefined for a plain socket', () => {
    expect(tlsInfo({} as Socket)).toBeUndefined();
  });

  it.each([
    [
      { authorized: true, subject: { CN: 'broker.example' }, validTo: 'Jan  1 00:00:00 2030 GMT' },
      { authorized: true, subject: 'broker.example', validTo: '2030-01-01T00:00:00Z' },
    ],
    [
      { authorized: false, authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT', subject: { CN: ['a', 'b'] } },
      { authorized: false, authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT', subject: 'a, b' },
    ],
    [
      { authorized: false, authorizationError: coded('CERT_HAS_EXPIRED', 'certificate has expired') },
      { authorized: false, authorizationError: 'CERT_HAS_EXPIRED' },
    ],
    [
      { authorized: false, authorizationError: new Error('no code here'), validTo: 'not a date' },
      { authorized: false, authorizationError: 'no code here', validTo: 'not a date' },
    ],
  ])('%# %j', (facts, expected) => {
    expect(tlsInfo(fakeTlsSocket(facts))).toEqual({
      protocol: 'TLSv1.3',
      cipher: 'TLS_AES_256_GCM_SHA384',
      ...expected,
    });
  });
});
