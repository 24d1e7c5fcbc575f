import { once } from 'node:events';
import type { LookupFunction, Socket } from 'node:net';
import type { Server } from 'node:tls';
import type { Subscription } from 'rxjs';
import { connect$ } from '../../src/connect';
import { SockoptError } from '../../src/errors/sockopt-error';
import type { Peer, SockoptRecord } from '../../src/types';
import { makeBlackhole, type Blackhole } from '../helpers/blackhole';
import { peerSocket$, until } from '../helpers/connect-peer-helpers';
import { refusedPort } from '../helpers/loopback';
import { makePeer } from '../helpers/peers';
import { activeResources, leakedSince } from '../helpers/resources';
import { makeTestPki, type TestPki } from '../helpers/test-pki';
import { listenTcp, listenTls, type TestListener } from '../helpers/tls-listener';

let pki: TestPki;
let trusted: TestListener<Server>;
let plain: TestListener;
let silent: TestListener;
let hole: Blackhole | undefined;
const helloReceived: Socket[] = [];

beforeAll(async () => {
  pki = makeTestPki();
  [trusted, plain, silent, hole] = await Promise.all([
    listenTls({ key: pki.server.key, cert: pki.server.cert }),
    listenTcp(),
    listenTcp((socket) => socket.once('data', () => helloReceived.push(socket))),
    makeBlackhole(),
  ]);
  if (hole === undefined)
    console.warn('leak test during TCP connect NOT RUN: could not fill a loopback accept queue');
});
afterAll(async () => {
  await Promise.all([trusted.close(), plain.close(), silent.close(), hole?.close()]);
  pki.remove();
});

/** Subscribes and records what the attempt did; the socket, if any, is ours to destroy. */
function attempt(
  peer: Peer,
  sockopts = {},
): { subscription: Subscription; events: string[]; sockets: Socket[] } {
  const events: string[] = [];
  const sockets: Socket[] = [];
  const subscription = peerSocket$(peer, sockopts).subscribe({
    next: (socket) => {
      sockets.push(socket);
      events.push('next');
    },
    error: () => events.push('error'),
    complete: () => events.push('complete'),
  });
  return { subscription, events, sockets };
}

const ca = (): { ca: string } => ({ ca: pki.ca.cert });

describe('unsubscribing leaves nothing open', () => {
  it.each(['tcp', 'ssl'] as const)('during the DNS lookup (%s, a real getaddrinfo)', async (scheme) => {
    const listener = scheme === 'tcp' ? plain : trusted;
    const baseline = activeResources();
    const accepted = listener.connections.length;
    const run = attempt(makePeer(scheme, 'localhost', listener.port), scheme === 'ssl' ? ca() : {});
    expect(activeResources()).toContain('GetAddrInfoReqWrap');
    run.subscription.unsubscribe();
    expect(await leakedSince(baseline)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(listener.connections.length).toBe(accepted);
    expect(run.events).toEqual([]);
  });

  it('during a lookup that answers after the unsubscription: no connect follows', async () => {
    const answers: (() => void)[] = [];
    const lookup: LookupFunction = (_host, options, callback) => {
      answers.push(() =>
        options.all === true
          ? callback(null, [{ address: '127.0.0.1', family: 4 }])
          : callback(null, '127.0.0.1', 4),
      );
    };
    const accepted = trusted.connections.length;
    const baseline = activeResources();
    const run = attempt(makePeer('ssl', 'broker.example', trusted.port), { ...ca(), lookup });
    await until(() => answers.length === 1, 'the lookup');
    run.subscription.unsubscribe();
    answers.forEach((answer) => answer());
    expect(await leakedSince(baseline)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(trusted.connections.length).toBe(accepted);
    expect(run.events).toEqual([]);
  });

  it.each(['tcp', 'ssl'] as const)('during the TCP connect (%s, SYNs dropped)', async (scheme) => {
    if (hole === undefined) return;
    const baseline = activeResources();
    const run = attempt(makePeer(scheme, '127.0.0.1', hole.port));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(activeResources()).toContain('ConnectWrap');
    run.subscription.unsubscribe();
    expect(await leakedSince(baseline)).toEqual([]);
    expect(run.events).toEqual([]);
  });

  it('during the TLS handshake: the server sees the connection close', async () => {
    const baseline = activeResources();
    const heard = helloReceived.length;
    const run = attempt(makePeer('ssl', '127.0.0.1', silent.port));
    await until(() => helloReceived.length > heard, 'the ClientHello');
    const closed = once(helloReceived[heard] as Socket, 'close');
    run.subscription.unsubscribe();
    await closed;
    expect(await leakedSince(baseline)).toEqual([]);
    expect(run.events).toEqual([]);
  });

  it('1000 attempts cancelled at random phases end with nothing open and every server connection closed', async () => {
    const refused = await refusedPort();
    const peers = [
      () => makePeer('ssl', 'localhost', trusted.port),
      () => makePeer('ssl', '127.0.0.1', trusted.port),
      () => makePeer('tcp', 'localhost', plain.port),
      () => makePeer('tcp', '127.0.0.1', plain.port),
      () => makePeer('ssl', '127.0.0.1', silent.port),
      () => makePeer('ssl', '127.0.0.1', refused),
      ...(hole === undefined ? [] : [() => makePeer('ssl', '127.0.0.1', hole?.port ?? 0)]),
    ];
    // Deterministic pseudo-random choices (a failure can be replayed).
    let seed = 20240611;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const waits: (() => Promise<unknown>)[] = [
      () => Promise.resolve(),
      () => new Promise((resolve) => setImmediate(resolve)),
      () => new Promise((resolve) => setImmediate(() => setImmediate(resolve))),
      () => new Promise((resolve) => setTimeout(resolve, 1)),
      () => new Promise((resolve) => setTimeout(resolve, random(8))),
    ];
    const baseline = activeResources();
    const outcome = { cancelled: 0, connected: 0, failed: 0 };
    const cancelLater = async (): Promise<void> => {
      const peer = (peers[random(peers.length)] ?? (() => makePeer('tcp', '127.0.0.1', plain.port)))();
      const run = attempt(peer, peer.tls ? ca() : {});
      if (random(10) > 0) await waits[random(waits.length)]?.();
      run.subscription.unsubscribe();
      if (run.events.includes('next')) outcome.connected++;
      else if (run.events.includes('error')) outcome.failed++;
      else outcome.cancelled++;
      // Once emitted, the socket is the subscriber's: here, ours to close.
      run.sockets.forEach((socket) => socket.destroy());
    };
    for (let batch = 0; batch < 20; batch++) await Promise.all(Array.from({ length: 50 }, cancelLater));
    expect(outcome.cancelled + outcome.connected + outcome.failed).toBe(1000);
    // Every phase is hit: cancelled before, connected (then closed by us) and failed (refused).
    expect(outcome.cancelled).toBeGreaterThan(100);
    expect(outcome.connected).toBeGreaterThan(0);
    expect(outcome.failed).toBeGreaterThan(0);
    expect(await leakedSince(baseline, 5000)).toEqual([]);
    await Promise.all([trusted.allClosed(), plain.allClosed(), silent.allClosed()]);
  });
});

describe('a value Node refuses inside connect leaves nothing open either', () => {
  // Node throws these from net.connect / tls.connect after it made the TCP handle, which
  // nobody could close then: each attempt failed and left one open. Refused before any attempt.
  it.each([
    ['tcp', { hints: 999999 }],
    ['tcp', { autoSelectFamilyAttemptTimeout: 0 }],
    ['ssl', { hints: -1 }],
    ['ssl', { highWaterMark: 1.5 }],
    ['ssl', { secureContext: {} }],
    ['ssl', { maxVersion: 'TLSv1.2', minVersion: 'TLSv1.3' }],
  ] as const)('%s %p: a SockoptError, no attempt', async (scheme, sockopts) => {
    const baseline = activeResources();
    const port = scheme === 'ssl' ? trusted.port : plain.port;
    const seen: unknown[] = [];
    connect$(`${scheme}://localhost:${port}`, sockopts as SockoptRecord).subscribe({
      next: (event) => seen.push(event.type),
      error: (error: unknown) => seen.push(error instanceof SockoptError ? error.option : error),
    });
    expect(seen).toEqual([Object.keys(sockopts)[0]]);
    expect(await leakedSince(baseline)).toEqual([]);
  });
});
