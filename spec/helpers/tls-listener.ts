import { once } from 'node:events';
import {
  createServer as createNetServer,
  type AddressInfo,
  type Server as NetServer,
  type Socket,
} from 'node:net';
import { createServer, type Server, type TlsOptions, type TLSSocket } from 'node:tls';

/** A TLS or plain TCP listener on loopback (port 0) that records its connections. */
export interface TestListener<S extends NetServer = NetServer> {
  readonly server: S;
  readonly host: string;
  readonly port: number;
  /** Every TCP connection it accepted, in order. */
  readonly connections: Socket[];
  /** Every TLS connection whose handshake completed. */
  readonly secure: TLSSocket[];
  /** Resolves when `count` TCP connections have been accepted. */
  accepted(count?: number): Promise<void>;
  /** Resolves once every accepted connection has closed. */
  allClosed(): Promise<void>;
  close(): Promise<void>;
}

function track<S extends NetServer>(server: S, host: string): Promise<TestListener<S>> {
  const connections: Socket[] = [];
  const secure: TLSSocket[] = [];
  const closed: Promise<unknown>[] = [];
  const waiters: (() => void)[] = [];
  server.on('connection', (socket: Socket) => {
    connections.push(socket);
    closed.push(once(socket, 'close'));
    socket.on('error', () => undefined);
    waiters.splice(0).forEach((wake) => wake());
  });
  server.on('secureConnection', (socket: TLSSocket) => {
    secure.push(socket);
    socket.on('error', () => undefined);
  });
  server.on('tlsClientError', () => undefined);
  return new Promise((resolve) => {
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        server,
        host,
        port,
        connections,
        secure,
        accepted: async (count = 1) => {
          while (connections.length < count) await new Promise<void>((wake) => waiters.push(wake));
        },
        allClosed: async () => {
          await Promise.all(closed);
        },
        close: () =>
          new Promise<void>((done) => {
            for (const socket of connections) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

/** A TLS server on `host` (default 127.0.0.1). */
export function listenTls(options: TlsOptions, host = '127.0.0.1'): Promise<TestListener<Server>> {
  return track(createServer(options), host);
}

/** A plain TCP server on 127.0.0.1 that hands each accepted socket to `onConnection`. */
export function listenTcp(onConnection: (socket: Socket) => void = () => undefined): Promise<TestListener> {
  return track(createNetServer(onConnection), '127.0.0.1');
}
