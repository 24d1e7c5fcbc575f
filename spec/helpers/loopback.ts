import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** A TCP listener on 127.0.0.1 (port 0) that records what it accepted. */
export interface Listener {
  readonly server: Server;
  readonly port: number;
  /** Every socket it accepted, in order. */
  readonly accepted: Socket[];
  /** Resolves once every accepted socket has closed. */
  allClosed(): Promise<void>;
  close(): Promise<void>;
}

export async function listen(onConnection: (socket: Socket) => void = () => undefined): Promise<Listener> {
  const accepted: Socket[] = [];
  const closed: Promise<void>[] = [];
  const server = createServer((socket) => {
    accepted.push(socket);
    closed.push(new Promise((resolve) => socket.once('close', () => resolve())));
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    accepted,
    allClosed: async () => {
      await Promise.all(closed);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of accepted) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port with nothing listening on it (connecting to it is refused). */
export async function refusedPort(): Promise<number> {
  const listener = await listen();
  await listener.close();
  return listener.port;
}
