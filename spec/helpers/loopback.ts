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

/** The kinds of handle that would show a leak: sockets, servers, timers, DNS requests. */
export function openResources(): string[] {
  return process
    .getActiveResourcesInfo()
    .filter((name) => name !== 'TTYWrap' && name !== 'PipeWrap' && name !== 'FSReqCallback')
    .sort();
}

/**
 * The open resources once they have stopped changing: handles that earlier
 * tests closed go away asynchronously, so a baseline read at once would count them.
 */
export async function baselineResources(): Promise<string[]> {
  let before = openResources();
  for (let i = 0; i < 50; i++) {
    await new Promise((resolve) => setTimeout(resolve, 2));
    const now = openResources();
    if (now.join() === before.join() && !now.includes('TCPSocketWrap') && !now.includes('TCPServerWrap'))
      return now;
    before = now;
  }
  return before;
}

/**
 * Waits until the process's open resources are back to `baseline` (a few
 * event-loop turns: a destroyed socket's handle closes asynchronously), and
 * returns what is open then, for the caller to compare.
 */
export async function settledResources(baseline: readonly string[], turns = 200): Promise<string[]> {
  let now = openResources();
  for (let i = 0; i < turns && now.join() !== baseline.join(); i++) {
    await new Promise((resolve) => setImmediate(resolve));
    if (i > 20) await new Promise((resolve) => setTimeout(resolve, 5));
    now = openResources();
  }
  return now;
}
