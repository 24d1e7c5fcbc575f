import { connect as netConnect } from 'node:net';
import { startStompResponder, type StompResponder } from '../../src/stomp/stomp-responder';
import type { Peer, Socket } from '../../src/types';
import { listen, type Listener } from '../helpers/loopback';

/** A tcp peer on loopback, with `login`/`passcode` non-enumerable as parseUri makes them. */
export function loopbackPeer(
  port: number,
  credentials: { login?: string; passcode?: string } = {},
  host = '127.0.0.1',
): Peer {
  const authority = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  const peer = { scheme: 'tcp', host, port, tls: false, uri: `tcp://${authority}` };
  for (const [name, value] of Object.entries(credentials)) {
    Object.defineProperty(peer, name, { value, enumerable: false });
  }
  return peer as Peer;
}

/** How many listeners of each event the handshake could touch. */
export function listenerCounts(socket: Socket): Record<string, number> {
  const events = ['data', 'readable', 'end', 'close', 'error'];
  return Object.fromEntries(events.map((event) => [event, socket.listenerCount(event)]));
}

/** The error a promise rejects with (which must reject). */
export async function failure<E = Error & { code?: string }>(promise: Promise<unknown>): Promise<E> {
  return promise.then(
    () => Promise.reject(new Error('it succeeded')),
    (error: unknown) => error as E,
  );
}

function openSocket(port: number, host: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host, port });
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
  });
}

/**
 * Responders, raw listeners and client sockets on loopback, all closed after
 * each test (call once at the top of a spec file).
 */
export function loopbackHarness(): {
  responder: typeof startStompResponder;
  listener: typeof listen;
  socketTo: (port: number, host?: string) => Promise<Socket>;
} {
  let servers: (StompResponder | Listener)[] = [];
  let sockets: Socket[] = [];
  afterEach(async () => {
    for (const socket of sockets) socket.destroy();
    await Promise.all(servers.map((server) => server.close()));
    servers = [];
    sockets = [];
  });
  return {
    responder: async (options) => {
      const started = await startStompResponder(options);
      servers.push(started);
      return started;
    },
    listener: async (onConnection) => {
      const started = await listen(onConnection);
      servers.push(started);
      return started;
    },
    socketTo: async (port, host = '127.0.0.1') => {
      const socket = await openSocket(port, host);
      sockets.push(socket);
      return socket;
    },
  };
}
