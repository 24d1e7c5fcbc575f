import type { Server } from 'node:tls';
import { runNode, transpiledLibrary, type ChildResult } from '../helpers/child-node';
import { makeTestPki, type TestPki } from '../helpers/test-pki';
import { listenTcp, listenTls, type TestListener } from '../helpers/tls-listener';

/**
 * The user's functions among the sockopts (checkServerIdentity, lookup,
 * pskCallback, SSL_passwd_cb), throwing, rejecting or answering anything at
 * all. Each case runs in a child process, so that an uncaught exception shows
 * as the child's crash (exit status and stderr), and a run that never ends as
 * a child that never prints; the child also reports any socket left open.
 */

let pki: TestPki;
let lib: { dir: string; remove(): void };
let tls: TestListener<Server>;
let tcp: TestListener;
let psk: TestListener<Server>;
const PSK = '0123456789abcdef0123456789abcdef';

beforeAll(async () => {
  pki = makeTestPki();
  lib = transpiledLibrary();
  [tls, tcp, psk] = await Promise.all([
    listenTls({ key: pki.server.key, cert: pki.server.cert }),
    listenTcp(),
    listenTls({
      pskCallback: () => Buffer.from(PSK, 'hex'),
      ciphers: 'PSK-AES128-GCM-SHA256',
      maxVersion: 'TLSv1.2',
    }),
  ]);
}, 60_000);
afterAll(async () => {
  await Promise.all([tls.close(), tcp.close(), psk.close()]);
  lib.remove();
  pki.remove();
});

/** Runs scenario `SCENARIO` of the table below, prints how the run ended and what stayed open. */
const CHILD = `
const { connect } = require(process.env.LIB + '/index.js');
const env = process.env;
const nullProto = () => Object.create(null);
const values = { Error: () => new Error('refused by the user'), string: () => 'refused by the user',
  null: () => null, undefined: () => undefined, nullProto, number: () => 42 };
const tlsBase = { SSL_ca_file: env.CA };
const answer = (options, callback) => options.all
  ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4);
const words = env.SCENARIO.split(' ');
const kind = words.shift();
const proto = kind === 'lookup' ? words.shift() : undefined;
const [how, what] = words;
const value = values[what] ?? (() => undefined);
const scenarios = {
  checkServerIdentity: () => ['ssl://localhost:' + env.TLS_PORT, { ...tlsBase, checkServerIdentity: how === 'throws'
    ? () => { throw value(); }
    : () => what === 'true' ? true : what === 'false' ? false : value() }],
  lookup: () => [(proto === 'tls' ? 'ssl://broker.test:' + env.TLS_PORT : 'tcp://broker.test:' + env.TCP_PORT),
    { ...(proto === 'tls' ? { ...tlsBase, SSL_verifycn_name: 'localhost' } : {}), lookup: (host, options, callback) => {
      if (how === 'throws') throw value();
      if (how === 'callsBackTwice') { answer(options, callback); answer(options, callback); return; }
      if (how === 'answers') return answer(options, callback);
      if (how === 'answersThenThrows') { answer(options, callback); throw nullProto(); }
      if (how === 'answersNothing') return callback(null, options.all ? [] : undefined);
      callback(value());
    } }],
  // No certificate with PSK: no host name to check.
  pskCallback: () => ['ssl://127.0.0.1:' + env.PSK_PORT, { ciphers: 'PSK-AES128-GCM-SHA256', maxVersion: 'TLSv1.2',
    checkServerIdentity: () => undefined,
    pskCallback: () => { if (how === 'throws') throw value(); return { psk: Buffer.from(env.PSK, 'hex'), identity: 'client' }; } }],
  SSL_passwd_cb: () => ['ssl://localhost:' + env.TLS_PORT, { ...tlsBase, SSL_cert_file: env.CLIENT_CERT, SSL_key_file: env.CLIENT_KEY,
    SSL_passwd_cb: how === 'throws' ? () => { throw value(); }
      : how === 'rejects' ? () => Promise.reject(value())
      : () => ({ then: () => { throw value(); } }) }],
};
const kindOf = (v) => v instanceof Error ? 'Error' : v === null ? 'null'
  : typeof v === 'object' && Object.getPrototypeOf(v) === null ? 'nullProto' : typeof v;
const shown = (e) => ({ name: e.name, code: e.code, option: e.option, message: e.message, cause: kindOf(e.cause) });
const baseline = process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap' && r !== 'PipeWrap');
const [uri, sockopts] = scenarios[kind]();
connect(uri, sockopts).then(
  (socket) => { socket.destroy(); return { connected: true, authorized: socket.authorized }; },
  (error) => error.name === 'ConnectError' ? { attempts: error.errors.map(shown) } : shown(error),
).then(async (outcome) => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  const open = process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap' && r !== 'PipeWrap' && !baseline.includes(r));
  process.stdout.write(JSON.stringify({ outcome, open }));
});
`;

function run(scenario: string): Promise<ChildResult> {
  return runNode(CHILD, {
    env: {
      LIB: lib.dir,
      SCENARIO: scenario,
      CA: pki.ca.certFile,
      CLIENT_CERT: pki.client.certFile,
      CLIENT_KEY: pki.client.keyFile,
      TLS_PORT: String(tls.port),
      TCP_PORT: String(tcp.port),
      PSK_PORT: String(psk.port),
      PSK,
    },
  });
}

/** How the child's run ended; fails the test on a crash, an uncaught error, a hang or a socket left open. */
function ended(result: ChildResult): unknown {
  expect({ status: result.status, signal: result.signal, stderr: result.stderr }).toEqual({
    status: 0,
    signal: null,
    stderr: '',
  });
  const { outcome, open } = JSON.parse(result.stdout) as { outcome: unknown; open: string[] };
  expect(open).toEqual([]);
  return outcome;
}

/** One failed attempt, as the child shows it. */
const failedAttempt = (message: string, cause: string, code = 'ERR_STOMP_ATTEMPT'): unknown => ({
  attempts: [{ name: 'AttemptError', code, message, cause }],
});

const ACCEPT = 'return undefined to accept the certificate, or an Error to refuse it';

describe('user functions in sockopts never crash the process nor hang the run', () => {
  it.each([
    [
      'throws Error',
      (p: string) => failedAttempt(`cannot SSL connect to localhost:${p}: refused by the user`, 'Error'),
    ],
    [
      'throws string',
      (p: string) =>
        failedAttempt(
          `cannot SSL connect to localhost:${p}: checkServerIdentity threw "refused by the user"`,
          'Error',
        ),
    ],
    [
      'throws null',
      (p: string) =>
        failedAttempt(`cannot SSL connect to localhost:${p}: checkServerIdentity threw null`, 'Error'),
    ],
    [
      'throws undefined',
      (p: string) =>
        failedAttempt(`cannot SSL connect to localhost:${p}: checkServerIdentity threw undefined`, 'Error'),
    ],
    [
      'throws nullProto',
      (p: string) =>
        failedAttempt(`cannot SSL connect to localhost:${p}: checkServerIdentity threw an object`, 'Error'),
    ],
    [
      'throws number',
      (p: string) =>
        failedAttempt(`cannot SSL connect to localhost:${p}: checkServerIdentity threw 42`, 'Error'),
    ],
    [
      'returns Error',
      (p: string) => failedAttempt(`cannot SSL connect to localhost:${p}: refused by the user`, 'Error'),
    ],
    [
      'returns string',
      (p: string) =>
        failedAttempt(
          `cannot SSL connect to localhost:${p}: checkServerIdentity returned "refused by the user": ${ACCEPT}`,
          'Error',
        ),
    ],
    [
      'returns null',
      (p: string) =>
        failedAttempt(
          `cannot SSL connect to localhost:${p}: checkServerIdentity returned null: ${ACCEPT}`,
          'Error',
        ),
    ],
    [
      'returns nullProto',
      (p: string) =>
        failedAttempt(
          `cannot SSL connect to localhost:${p}: checkServerIdentity returned an object: ${ACCEPT}`,
          'Error',
        ),
    ],
    [
      'returns true',
      (p: string) =>
        failedAttempt(
          `cannot SSL connect to localhost:${p}: checkServerIdentity returned true: ${ACCEPT}`,
          'Error',
        ),
    ],
    [
      'returns false',
      (p: string) =>
        failedAttempt(
          `cannot SSL connect to localhost:${p}: checkServerIdentity returned false: ${ACCEPT}`,
          'Error',
        ),
    ],
    ['returns undefined', () => ({ connected: true, authorized: true })],
  ])('checkServerIdentity %s', async (how, expected) => {
    expect(ended(await run(`checkServerIdentity ${how}`))).toEqual(expected(String(tls.port)));
  });

  it.each([
    ['tcp throws Error', 'connect', 'refused by the user'],
    ['tcp throws string', 'connect', 'lookup threw "refused by the user"'],
    ['tcp throws null', 'connect', 'lookup threw null'],
    ['tcp throws nullProto', 'connect', 'lookup threw an object'],
    ['tcp callsBack Error', 'connect', 'refused by the user'],
    ['tcp callsBack string', 'connect', 'lookup called back with the error "refused by the user"'],
    ['tcp callsBack nullProto', 'connect', 'lookup called back with the error an object'],
    ['tcp callsBack number', 'connect', 'lookup called back with the error 42'],
    // No error and no address: Node would throw inside its own callback.
    ['tcp callsBack undefined', 'connect', 'lookup called back with no address'],
    ['tcp answersNothing', 'connect', 'lookup called back with no address'],
    ['tls answersNothing', 'SSL connect', 'lookup called back with no address'],
    ['tls throws Error', 'SSL connect', 'refused by the user'],
    ['tls throws string', 'SSL connect', 'lookup threw "refused by the user"'],
    ['tls throws nullProto', 'SSL connect', 'lookup threw an object'],
    ['tls callsBack nullProto', 'SSL connect', 'lookup called back with the error an object'],
  ])('lookup %s', async (how, verb, reason) => {
    const port = how.startsWith('tls') ? tls.port : tcp.port;
    expect(ended(await run(`lookup ${how}`))).toEqual(
      failedAttempt(`cannot ${verb} to broker.test:${port}: ${reason}`, 'Error'),
    );
  });

  it.each([
    ['tcp answers', { connected: true }],
    ['tcp callsBackTwice', { connected: true }],
    ['tls answers', { connected: true, authorized: true }],
    ['tls callsBackTwice', { connected: true, authorized: true }],
    // The first answer stands, as in a Promise's executor.
    ['tcp answersThenThrows', { connected: true }],
    ['tls answersThenThrows', { connected: true, authorized: true }],
  ])('lookup %s: connects once', async (how, expected) => {
    const listener = how.startsWith('tls') ? tls : tcp;
    const before = listener.connections.length;
    expect(ended(await run(`lookup ${how}`))).toMatchObject(expected);
    expect(listener.connections.length).toBe(before + 1);
  });

  it.each([
    ['throws Error', 'refused by the user'],
    ['throws string', 'pskCallback threw "refused by the user"'],
    ['throws null', 'pskCallback threw null'],
    ['throws nullProto', 'pskCallback threw an object'],
  ])('pskCallback %s', async (how, reason) => {
    expect(ended(await run(`pskCallback ${how}`))).toEqual(
      failedAttempt(`cannot SSL connect to 127.0.0.1:${psk.port}: ${reason}`, 'Error'),
    );
  });

  it('pskCallback that answers: connects', async () => {
    expect(ended(await run('pskCallback answers'))).toMatchObject({ connected: true });
  });

  it.each([
    ['throws', 'Error'],
    ['throws', 'string'],
    ['throws', 'null'],
    ['throws', 'undefined'],
    ['throws', 'nullProto'],
    ['rejects', 'Error'],
    ['rejects', 'string'],
    ['rejects', 'null'],
    ['rejects', 'nullProto'],
    ['thenableThrows', 'string'],
    ['thenableThrows', 'nullProto'],
  ])('SSL_passwd_cb %s %s: the run fails before any attempt', async (how, what) => {
    const before = tls.connections.length;
    expect(ended(await run(`SSL_passwd_cb ${how} ${what}`))).toEqual({
      name: 'SockoptError',
      code: 'ERR_STOMP_SOCKOPT',
      option: 'SSL_passwd_cb',
      message: 'sockopt SSL_passwd_cb failed (see cause)',
      cause: what === 'Error' ? 'Error' : what,
    });
    expect(tls.connections.length).toBe(before);
  });
});
