import { networkInterfaces } from 'node:os';
import type { Server } from 'node:tls';
import { connect } from '../../src/connect-promise';
import { SockoptError } from '../../src/errors/sockopt-error';
import { describeValue } from '../../src/transport/sockopt-values';
import { checkSockopts } from '../../src/transport/sockopts';
import type { Socket, Sockopts } from '../../src/types';
import { keepaliveOf, systemKeepaliveSeconds, type KeepaliveState } from '../helpers/tcp-keepalive';
import { makePeer, makePlan } from '../helpers/peers';
import { makeTestPki, type TestPki } from '../helpers/test-pki';
import { listenTcp, listenTls, type TestListener } from '../helpers/tls-listener';

let pki: TestPki;
let tcp: TestListener;
let tls: TestListener<Server>;
const opened: Socket[] = [];

beforeAll(async () => {
  pki = makeTestPki();
  [tcp, tls] = await Promise.all([listenTcp(), listenTls({ key: pki.server.key, cert: pki.server.cert })]);
});
afterEach(() => {
  for (const socket of opened.splice(0)) socket.destroy();
});
afterAll(async () => {
  await Promise.all([tcp.close(), tls.close()]);
  pki.remove();
});

/** Connects with the library's default transport and returns the kernel's keepalive state. */
async function keepaliveAfterConnect(uri: string, sockopts: Sockopts): Promise<KeepaliveState> {
  const socket = await connect(uri, sockopts);
  opened.push(socket);
  return keepaliveOf(socket);
}

/** What the kernel should show: off, or on with the first probe at most `seconds` away. */
type Expected = 'off' | { seconds: number | 'system' };

function expectKeepalive(state: KeepaliveState, expected: Expected): void {
  if (expected === 'off') return expect(state).toEqual({ on: false });
  const seconds = expected.seconds === 'system' ? systemKeepaliveSeconds() : expected.seconds;
  expect(state.on).toBe(true);
  // The timer counts down from the idle time set at connect: at most that, and
  // far from what any other setting would give (60 s, 600 s, 900 s, the system's).
  const left = state.on ? state.seconds : -1;
  expect(left).toBeLessThanOrEqual(seconds);
  expect(left).toBeGreaterThan(seconds / 2);
}

// Each row runs on tcp:// and on ssl:// with the same query and sockopts: the same result.
const ROWS: readonly [what: string, query: string, sockopts: Sockopts, expected: Expected][] = [
  ['URI keepAlive=true: the system idle time', '?keepAlive=true', {}, { seconds: 'system' }],
  ['sockopt keepAlive: the system idle time', '', { keepAlive: true }, { seconds: 'system' }],
  [
    'sockopts keepAlive + keepAliveInitialDelay (ms)',
    '',
    { keepAlive: true, keepAliveInitialDelay: 600_000 },
    { seconds: 600 },
  ],
  [
    'URI keepAlive=true + sockopt keepAliveInitialDelay',
    '?keepAlive=true',
    { keepAliveInitialDelay: 900_000 },
    { seconds: 900 },
  ],
  [
    'a delay in ms that is not whole seconds: rounded down, as Node does',
    '?keepAlive=true',
    { keepAliveInitialDelay: 600_999 },
    { seconds: 600 },
  ],
  ['URI keepAlive=false wins over the sockopts', '?keepAlive=false', { keepAlive: true }, 'off'],
  ['sockopt keepAlive: false', '', { keepAlive: false }, 'off'],
  ['nothing said: off', '', {}, 'off'],
];

describe('keepAlive on a real loopback socket (the kernel state)', () => {
  describe.each([
    ['tcp', () => `tcp://127.0.0.1:${tcp.port}`],
    ['ssl', () => `ssl://localhost:${tls.port}`],
  ] as const)('%s', (scheme, base) => {
    it.each(ROWS)('%s', async (_what, query, sockopts, expected) => {
      const tlsOpts: Sockopts = scheme === 'ssl' ? { SSL_ca_file: pki.ca.certFile } : {};
      expectKeepalive(
        await keepaliveAfterConnect(`${base()}${query}`, { ...tlsOpts, ...sockopts }),
        expected,
      );
    });
  });

  const hasV6 = Object.values(networkInterfaces()).some((list) =>
    (list ?? []).some((info) => info.family === 'IPv6' && info.address === '::1'),
  );
  if (!hasV6) console.warn('IPv6 [::1] keepalive test NOT RUN: this machine has no ::1 loopback address');
  (hasV6 ? it : it.skip)('is the same over IPv6 [::1], tcp and ssl', async () => {
    const v6 = await listenTls({ key: pki.server.key, cert: pki.server.cert }, '::1');
    try {
      const ssl = await keepaliveAfterConnect(`ssl://[::1]:${v6.port}?keepAlive=true`, {
        SSL_ca_file: pki.ca.certFile,
      });
      const plain = await keepaliveAfterConnect(`tcp://[::1]:${v6.port}?keepAlive=true`, {});
      expectKeepalive(ssl, { seconds: 'system' });
      expectKeepalive(plain, { seconds: 'system' });
    } finally {
      for (const socket of opened.splice(0)) socket.destroy();
      await v6.close();
    }
  });
});

describe('keepAliveInitialDelay: a value the kernel takes, and only with keepAlive', () => {
  const plan = (...keepAlive: (boolean | undefined)[]) =>
    makePlan(
      ...keepAlive.map((value, index) =>
        makePeer('tcp', '127.0.0.1', 61613 + index, value === undefined ? {} : { keepAlive: value }),
      ),
    );
  const RANGE =
    "is not 0 (the system's idle time) or a number of ms from 1000 to 32767000 " +
    '(the kernel counts whole seconds, at most 32767)';

  // Node turns each of these into the system's idle time without a word.
  it.each([1, 500, 999, 32_768_000, 2 ** 31, -1, -5000, NaN, Infinity, '600000'])(
    'refuses %p: not a delay the kernel would apply',
    (delay) => {
      expect(() => checkSockopts({ keepAlive: true, keepAliveInitialDelay: delay }, plan(undefined))).toThrow(
        new SockoptError(`sockopt keepAliveInitialDelay: ${describeValue(delay, false)} ${RANGE}`),
      );
    },
  );

  it.each([0, 1000, 1999, 600_000, 32_767_000])('accepts %p', (delay) => {
    expect(checkSockopts({ keepAlive: true, keepAliveInitialDelay: delay }, plan(undefined)).net).toEqual({
      keepAlive: true,
      keepAliveInitialDelay: delay,
    });
  });

  const NO_EFFECT =
    'sockopt keepAliveInitialDelay has no effect: no peer has keepAlive ' +
    '(set the keepAlive sockopt, or keepAlive=true in the URI)';
  it.each([
    ['no keepAlive anywhere', {}, plan(undefined)],
    ['sockopt keepAlive false', { keepAlive: false }, plan(undefined)],
    ['every peer keepAlive=false over the sockopt', { keepAlive: true }, plan(false, false)],
  ])('refuses a delay that applies to no peer: %s', (_what, sockopts, target) => {
    const error = errorOf(() => checkSockopts({ ...sockopts, keepAliveInitialDelay: 600_000 }, target));
    expect(error.message).toBe(NO_EFFECT);
    expect(error.option).toBe('keepAliveInitialDelay');
  });

  it.each([
    ['with the sockopt keepAlive', { keepAlive: true }, plan(undefined), 600_000],
    ['with one peer of several with keepAlive=true', {}, plan(undefined, true), 600_000],
    ['with one peer not overriding the sockopt', { keepAlive: true }, plan(false, undefined), 600_000],
    ['of 0 (the default) without keepAlive', {}, plan(undefined), 0],
  ])('accepts a delay %s', (_what, sockopts, target, delay) => {
    expect(() => checkSockopts({ ...sockopts, keepAliveInitialDelay: delay }, target)).not.toThrow();
  });
});

function errorOf(run: () => unknown): SockoptError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SockoptError);
    return error as SockoptError;
  }
  throw new Error('no SockoptError');
}
