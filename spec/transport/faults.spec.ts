import { once } from 'node:events';
import type { Socket } from 'node:net';
import { filter, type Observable, TimeoutError, timeout } from 'rxjs';
import { connect$ } from '../../src/connect';
import { AttemptError } from '../../src/errors/attempt-error';
import type { Peer } from '../../src/types';
import { makeBlackhole, type Blackhole } from '../helpers/blackhole';
import { destroyOpened, failureOf, peerSocket$, until } from '../helpers/connect-peer-helpers';
import { refusedPort } from '../helpers/loopback';
import { activeResources, leakedSince } from '../helpers/resources';
import { makePeer } from '../helpers/peers';
import { listenTcp, type TestListener } from '../helpers/tls-listener';

afterEach(() => destroyOpened());

/** Asserts the error has a code, and that an AttemptError takes it over with Perl's message. */
function expectFault(peer: Peer, error: NodeJS.ErrnoException, code: string | RegExp): void {
  expect(error.code).toEqual(typeof code === 'string' ? code : expect.stringMatching(code));
  const attempt = new AttemptError(peer, 1, error);
  expect(attempt.code).toBe(error.code);
  const shown = peer.host.includes(':') ? `[${peer.host}]` : peer.host;
  expect(
    attempt.message.startsWith(`cannot ${peer.tls ? 'SSL connect' : 'connect'} to ${shown}:${peer.port}: `),
  ).toBe(true);
  // OpenSSL's errors are shown by their reason (checked in their own test).
  if (!('library' in error)) expect(attempt.message).toContain(error.message);
}

/** A server that does `onConnection` to each accepted socket; closed after the test. */
const servers: TestListener[] = [];
async function server(onConnection: (socket: Socket) => void): Promise<TestListener> {
  const listener = await listenTcp(onConnection);
  servers.push(listener);
  return listener;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((listener) => listener.close()));
});

describe('transport faults', () => {
  it.each(['tcp', 'ssl'] as const)('connection refused (%s) → ECONNREFUSED', async (scheme) => {
    const peer = makePeer(scheme, '127.0.0.1', await refusedPort());
    expectFault(peer, await failureOf(peer), 'ECONNREFUSED');
  });

  it.each(['tcp', 'ssl'] as const)('a host that does not resolve (%s) → ENOTFOUND', async (scheme) => {
    // Only a DNS lookup of a reserved .invalid name (RFC 2606): no traffic leaves.
    const peer = makePeer(scheme, 'nonexistent.invalid', 61613);
    expectFault(peer, await failureOf(peer), 'ENOTFOUND');
  });

  it('reset by the server before the TLS handshake → ECONNRESET', async () => {
    const listener = await server((socket) => socket.resetAndDestroy());
    const peer = makePeer('ssl', '127.0.0.1', listener.port);
    expectFault(peer, await failureOf(peer), 'ECONNRESET');
  });

  it.each([
    ['destroys', (socket: Socket) => socket.destroy()],
    ['ends', (socket: Socket) => socket.end()],
  ])(
    'the server %s the connection right after accept, before the handshake → ECONNRESET',
    async (_, close) => {
      const listener = await server(close);
      const peer = makePeer('ssl', '127.0.0.1', listener.port);
      const error = await failureOf(peer);
      expectFault(peer, error, 'ECONNRESET');
      expect(error.message).toBe(
        'Client network socket disconnected before secure TLS connection was established',
      );
    },
  );

  it('a plain-text server on a TLS port → an OpenSSL code', async () => {
    const listener = await server((socket) =>
      socket.once('data', () => socket.end('ERROR\nmessage:expected a STOMP frame\n\n\0')),
    );
    const peer = makePeer('ssl', '127.0.0.1', listener.port);
    const error = await failureOf(peer);
    expectFault(peer, error, 'ERR_SSL_WRONG_VERSION_NUMBER');
    // The original OpenSSL error (its own text names a source file)…
    expect((error as { library?: string }).library).toBe('SSL routines');
    // …reads as its reason alone after "cannot SSL connect to …".
    expect(new AttemptError(peer, 1, error).message).toBe(
      `cannot SSL connect to 127.0.0.1:${listener.port}: TLS handshake failed: wrong version number`,
    );
    expect(new AttemptError(peer, 1, error).cause).toBe(error);
  });

  // connect$ opens its sockets without connectPeer$'s Observable: both ways must clean up alike.
  it.each<[string, (peer: Peer) => Observable<unknown>]>([
    ['connectPeer$', (peer) => peerSocket$(peer)],
    ['connect$', (peer) => connect$(peer.uri).pipe(filter((event) => event.type !== 'attempt'))],
  ])(
    'a server that never answers the handshake (%s): unsubscribing destroys the socket, the server sees the close',
    async (_, open$) => {
      const received: Buffer[] = [];
      const listener = await server((socket) => socket.on('data', (chunk: Buffer) => received.push(chunk)));
      const baseline = activeResources();
      const events: string[] = [];
      const subscription = open$(makePeer('ssl', '127.0.0.1', listener.port)).subscribe({
        next: () => events.push('next'),
        error: () => events.push('error'),
        complete: () => events.push('complete'),
      });
      await until(() => received.length > 0, 'the ClientHello');
      expect(received[0]?.[0]).toBe(0x16); // a TLS handshake record
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(events).toEqual([]);
      const closed = once(listener.connections[0] as Socket, 'close');
      subscription.unsubscribe();
      await closed;
      expect(events).toEqual([]);
      expect(await leakedSince(baseline)).toEqual([]);
    },
  );

  describe('a blackholed connect (SYNs dropped)', () => {
    let hole: Blackhole | undefined;
    beforeAll(async () => {
      hole = await makeBlackhole();
      if (hole === undefined) console.warn('blackhole tests NOT RUN: could not fill a loopback accept queue');
    });
    afterAll(() => hole?.close());

    it.each(['tcp', 'ssl'] as const)(
      '(%s) hangs until an attempt timeout unsubscribes it, leaving nothing open',
      async (scheme) => {
        if (hole === undefined) return;
        const baseline = activeResources();
        const started = Date.now();
        const error = await new Promise<unknown>((resolve) => {
          peerSocket$(makePeer(scheme, '127.0.0.1', hole?.port ?? 0))
            .pipe(timeout(300))
            .subscribe({ next: () => resolve(new Error('connected')), error: resolve });
        });
        expect(error).toBeInstanceOf(TimeoutError);
        expect(Date.now() - started).toBeGreaterThanOrEqual(290);
        expect(await leakedSince(baseline)).toEqual([]);
      },
    );
  });
});
