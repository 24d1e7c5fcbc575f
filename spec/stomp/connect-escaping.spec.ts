import { inspect } from 'node:util';
import { lastValueFrom, toArray, type Observable } from 'rxjs';
import { connect$ } from '../../src/connect';
import { AttemptError } from '../../src/errors/attempt-error';
import { StompError } from '../../src/errors/stomp-error';
import {
  stompHandshake,
  type StompConnected,
  type StompHandshakeOptions,
} from '../../src/stomp/stomp-handshake';
import type { ConnectEvent, Peer, Socket } from '../../src/types';
import { failure, loopbackHarness, loopbackPeer } from './harness';
import { startJudgingBroker, type ConnectReading, type Expected, type JudgingBroker } from './judging-broker';

const { listener, socketTo } = loopbackHarness();
let brokers: JudgingBroker[] = [];
afterEach(async () => {
  await Promise.all(brokers.map((broker) => broker.close()));
  brokers = [];
});

async function judge(reading: ConnectReading, expected: Expected, host: string): Promise<JudgingBroker> {
  const broker = await startJudgingBroker(reading, expected, host);
  brokers.push(broker);
  return broker;
}

interface Row {
  /** The peer's URI credentials (non-enumerable, as parseUri makes them). */
  readonly peer?: { login?: string; passcode?: string };
  /** The peer's host: the default `host` header. */
  readonly host?: string;
  readonly options?: StompHandshakeOptions;
  /** The CONNECT header lines expected between accept-version and heart-beat. */
  readonly lines: string;
  /** What both brokers must have read. */
  readonly expected: Expected;
}

// Each value goes out byte for byte as written: no `\c`, `\\`, `\n` or `\r` escape is added.
const ROWS: [string, Row][] = [
  [
    "the issue's login us:er, passcode pa:ss\\w, IPv6 host ::1",
    {
      peer: { login: 'us:er', passcode: 'pa:ss\\w' },
      host: '::1',
      lines: 'host:::1\nlogin:us:er\npasscode:pa:ss\\w\n',
      expected: { login: 'us:er', passcode: 'pa:ss\\w', host: '::1' },
    },
  ],
  [
    "the issue's passcode pa:ss (sent as pa\\css before)",
    {
      peer: { login: 'app', passcode: 'pa:ss' },
      lines: 'host:127.0.0.1\nlogin:app\npasscode:pa:ss\n',
      expected: { login: 'app', passcode: 'pa:ss' },
    },
  ],
  [
    "the issue's IPv6 host ::1 alone (sent as \\c\\c1 before)",
    { host: '::1', lines: 'host:::1\n', expected: { host: '::1' } },
  ],
  [
    'colons only',
    {
      peer: { login: ':', passcode: ':::' },
      lines: 'host:127.0.0.1\nlogin::\npasscode::::\n',
      expected: { login: ':', passcode: ':::' },
    },
  ],
  [
    'a URL as passcode, a colon-separated login',
    {
      peer: { login: 'realm:user:1', passcode: 'http://x:y@z:80/p?q=1' },
      lines: 'host:127.0.0.1\nlogin:realm:user:1\npasscode:http://x:y@z:80/p?q=1\n',
      expected: { login: 'realm:user:1', passcode: 'http://x:y@z:80/p?q=1' },
    },
  ],
  [
    'an undefined escape and a trailing backslash, kept as written',
    {
      peer: { login: 'dom\\user', passcode: 'ends with \\' },
      lines: 'host:127.0.0.1\nlogin:dom\\user\npasscode:ends with \\\n',
      expected: { login: 'dom\\user', passcode: 'ends with \\' },
    },
  ],
  [
    'non-ASCII and inner spaces',
    {
      peer: { login: 'jürgen', passcode: 'пароль: 漢字 é' },
      lines: 'host:127.0.0.1\nlogin:jürgen\npasscode:пароль: 漢字 é\n',
      expected: { login: 'jürgen', passcode: 'пароль: 漢字 é' },
    },
  ],
  [
    'options instead of the peer: a vhost with colons, a client-id with colons',
    {
      options: { login: 'a:b', passcode: 'c:d', host: 'vhost:x', headers: { 'client-id': 'app:1' } },
      lines: 'host:vhost:x\nlogin:a:b\npasscode:c:d\n',
      expected: { login: 'a:b', passcode: 'c:d', host: 'vhost:x' },
    },
  ],
  [
    'a full IPv6 host with a zone',
    { host: 'fe80::1%25eth0', lines: 'host:fe80::1%25eth0\n', expected: { host: 'fe80::1%25eth0' } },
  ],
];

function wire(row: Row): string {
  const extra = Object.entries(row.options?.headers ?? {})
    .map(([name, value]) => `${name}:${value}\n`)
    .join('');
  return `CONNECT\naccept-version:1.0,1.1,1.2\n${row.lines}heart-beat:0,0\n${extra}\n\0`;
}

/** Runs the handshake against a broker that reads CONNECT as `reading` says. */
async function handshake(reading: ConnectReading, row: Row): Promise<JudgingBroker> {
  const listenOn = row.host === '::1' ? '::1' : '127.0.0.1';
  const broker = await judge(reading, row.expected, listenOn);
  const socket = await socketTo(broker.port, listenOn);
  const peer = loopbackPeer(broker.port, row.peer, row.host ?? '127.0.0.1');
  const connected = await lastValueFrom(stompHandshake(row.options)(socket, peer));
  expect(connected.server).toBe('judge/1.0');
  return broker;
}

describe('stompHandshake: CONNECT header values go out as written (STOMP 1.2: CONNECT is not escaped)', () => {
  it.each(ROWS)('%s: a broker reading CONNECT literally (Artemis) accepts', async (_name, row) => {
    const broker = await handshake('literal', row);
    expect(broker.received.map((frame) => frame.toString('utf8'))).toEqual([wire(row)]);
  });

  it.each(ROWS)('%s: a broker unescaping every frame (ActiveMQ) accepts', async (_name, row) => {
    const broker = await handshake('unescape', row);
    expect(broker.received.map((frame) => frame.toString('utf8'))).toEqual([wire(row)]);
  });

  // The price of STOMP 1.2's rule: a value holding an escape sequence is read
  // differently by a broker that unescapes CONNECT anyway. We send what STOMP says.
  it.each([
    ['pa\\css', 'pa:ss'],
    ['C:\\new', 'C:\new'],
    ['a\\\\b', 'a\\b'],
    ['x\\ry', 'x\ry'],
  ])(
    'sends the passcode %j as written; a literal reader gets it, an unescaping one reads %j',
    async (passcode, unescaped) => {
      const literal = await judge('literal', { passcode }, '127.0.0.1');
      const unescaping = await judge('unescape', {}, '127.0.0.1');
      for (const broker of [literal, unescaping]) {
        const socket = await socketTo(broker.port);
        await lastValueFrom(stompHandshake()(socket, loopbackPeer(broker.port, { passcode })));
        expect(broker.received[0]?.toString('utf8')).toContain(`\npasscode:${passcode}\n`);
      }
      expect(unescaping.read[0]?.passcode).toBe(unescaped);
    },
  );
});

describe('stompHandshake: what cannot be sent in CONNECT', () => {
  // [what, options, the header or option the message must name]
  it.each<[string, unknown, RegExp]>([
    ['a LF in login', { login: 'us\ner' }, /option login \(CONNECT header "login"\)/],
    ['a CRLF in passcode', { passcode: 'S3cr\r\net' }, /option passcode \(CONNECT header "passcode"\)/],
    ['a NUL in passcode', { passcode: 'S3cret\0' }, /option passcode \(CONNECT header "passcode"\)/],
    ['a lone CR in host', { host: 'vh\rS3cret' }, /option host \(CONNECT header "host"\)/],
    [
      'a LF in acceptVersion',
      { acceptVersion: '1.2\n' },
      /option acceptVersion \(CONNECT header "accept-version"\)/,
    ],
    ['a CR in an extra header value', { headers: { 'client-id': 'a\rS3cret' } }, /headers\["client-id"\]/],
    ['a NUL in an extra passcode header', { headers: { passcode: 'S3cret\0' } }, /headers\["passcode"\]/],
    ['a LF in an extra header name', { headers: { 'x\ny': 'v' } }, /header name "x\\ny"/],
    ['a colon in an extra header name', { headers: { 'a:b': 'v' } }, /header name "a:b" .*colon/],
    ['an empty extra header name', { headers: { '': 'v' } }, /header name "" .*empty/],
  ])('throws a TypeError at once for %s, naming it, never its value', (_what, options, names) => {
    const call = (): unknown => stompHandshake(options as StompHandshakeOptions);
    expect(call).toThrow(TypeError);
    expect(call).toThrow(names);
    expect(call).not.toThrow(/S3cr/);
  });

  it.each<[string, unknown, RegExp]>([
    ['options null', null, /stompHandshake: options must be an object, got null/],
    ['options a string', 'guest', /options must be an object, got string/],
    ['a numeric login', { login: 5 }, /option login must be a string, got number/],
    [
      'a passcode object',
      { passcode: { toString: () => 'S3cret' } },
      /option passcode must be a string, got object/,
    ],
    ['headers null', { headers: null }, /option headers must be an object of strings, got null/],
    ['headers an array', { headers: ['a:b'] }, /option headers must be an object of strings, got an array/],
    [
      'a numeric extra header value',
      { headers: { 'client-id': 7 } },
      /headers\["client-id"\] must be a string, got number/,
    ],
  ])('throws a TypeError at once for %s', (_what, options, message) => {
    const call = (): unknown => stompHandshake(options as StompHandshakeOptions);
    expect(call).toThrow(TypeError);
    expect(call).toThrow(message);
  });

  it.each([
    ['login', { login: 'us\nS3cret' }],
    ['passcode', { passcode: 'S3cret\r' }],
    ['passcode', { passcode: 'S3\0cret' }],
  ])("fails before writing anything when the peer's %s holds CR, LF or NUL", async (header, credentials) => {
    const server = await listener();
    const socket = await socketTo(server.port);
    const write = jest.spyOn(socket, 'write');
    const error = await failure(
      lastValueFrom(stompHandshake()(socket, loopbackPeer(server.port, credentials))),
    );
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe(
      `stompHandshake: the peer's ${header} cannot be sent in the CONNECT header "${header}": ` +
        'it holds a CR, LF or NUL (CONNECT headers are not escaped)',
    );
    expect(write).not.toHaveBeenCalled();
    expect(socket.listenerCount('readable')).toBe(0);
  });

  it("fails before writing anything when the peer's host holds CR, LF or NUL", async () => {
    const server = await listener();
    const socket = await socketTo(server.port);
    const write = jest.spyOn(socket, 'write');
    const error = await failure(
      lastValueFrom(stompHandshake()(socket, loopbackPeer(server.port, {}, 'h\nx'))),
    );
    expect(error.message).toMatch(/the peer's host cannot be sent in the CONNECT header "host"/);
    expect(write).not.toHaveBeenCalled();
  });

  it('fails that attempt of a connect$ run (AttemptError, never the value), and failover goes on', async () => {
    const bad = await judge('literal', {}, '127.0.0.1');
    const ok = await judge('literal', {}, '127.0.0.1');
    const handshake = stompHandshake();
    // parseUri refuses such credentials: a peer built by hand (here by a wrapping verify) can hold them.
    const verify = (socket: Socket, peer: Peer): Observable<StompConnected> =>
      handshake(socket, peer.port === bad.port ? { ...peer, passcode: 'S3cret\nX' } : peer);
    const uri = `failover:(tcp://127.0.0.1:${bad.port},tcp://127.0.0.1:${ok.port})?randomize=false&maxReconnectAttempts=1`;
    const events = await lastValueFrom(connect$(uri, {}, { verify }).pipe(toArray()));
    const failed = events[1] as Extract<ConnectEvent, { type: 'failed' }>;
    expect(failed.error).toBeInstanceOf(AttemptError);
    expect(failed.error.code).toBe('ERR_STOMP_ATTEMPT');
    expect(failed.error.cause).toBeInstanceOf(TypeError);
    expect(failed.error.message).toBe(
      `cannot connect to 127.0.0.1:${bad.port}: stompHandshake: the peer's passcode cannot be sent in ` +
        'the CONNECT header "passcode": it holds a CR, LF or NUL (CONNECT headers are not escaped)',
    );
    expect(inspect(failed.error, { showHidden: true, depth: Infinity })).not.toContain('S3cret');
    const last = events[events.length - 1];
    expect(last?.type).toBe('connected');
    if (last?.type === 'connected') last.socket.destroy();
    expect(bad.received).toEqual([]); // nothing was written to the first broker
    expect(ok.received).toHaveLength(1);
  });

  it("does not look at the peer's value an option replaces", async () => {
    const broker = await judge('literal', { passcode: 'fine' }, '127.0.0.1');
    const socket = await socketTo(broker.port);
    const peer = loopbackPeer(broker.port, { passcode: 'bad\nS3cret' });
    await expect(lastValueFrom(stompHandshake({ passcode: 'fine' })(socket, peer))).resolves.toMatchObject({
      version: '1.2',
    });
  });
});

describe('stompHandshake: reading the answer', () => {
  it('reads CONNECTED header values literally: \\c, \\n, \\\\ stay as written', async () => {
    const answer = 'CONNECTED\nversion:1.2\nsession:ID\\cx:1\nserver:a\\nb\\\\c\nx-a\\cb:v\\r\n\n\0';
    const server = await listener((peer) => peer.once('data', () => peer.write(answer)));
    const socket = await socketTo(server.port);
    const connected = await lastValueFrom(stompHandshake()(socket, loopbackPeer(server.port)));
    expect(connected.session).toBe('ID\\cx:1');
    expect(connected.server).toBe('a\\nb\\\\c');
    expect(connected.headers).toEqual({
      version: '1.2',
      session: 'ID\\cx:1',
      server: 'a\\nb\\\\c',
      'x-a\\cb': 'v\\r',
    });
  });

  it('still unescapes ERROR frames (STOMP 1.2), an undefined escape kept as written', async () => {
    const answer = 'ERROR\nmessage:bad\\cthing\\\\x\\t\nx\\cy:1\\n2\n\nwhy\0';
    const server = await listener((peer) => peer.once('data', () => peer.write(answer)));
    const socket = await socketTo(server.port);
    const error = await failure<StompError>(
      lastValueFrom(stompHandshake()(socket, loopbackPeer(server.port))),
    );
    expect(error.frame?.headers).toEqual({ message: 'bad:thing\\x\\t', 'x:y': '1\n2' });
    expect(error.message).toBe('STOMP ERROR frame: bad:thing\\x\\t: why');
  });
});
