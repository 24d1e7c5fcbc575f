import * as net from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';
import { tcpConnect } from '../../src/transport/tcp';

let server: Server;
let port: number;
const accepted: Socket[] = [];

beforeAll(async () => {
  server = createServer((socket) => accepted.push(socket.on('error', () => undefined)));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  for (const socket of accepted) socket.destroy();
  await new Promise((done) => server.close(done));
});

/** A refused port: a listener's, closed again. */
async function refusedPort(): Promise<number> {
  const closed = createServer();
  await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
  const { port: free } = closed.address() as { port: number };
  await new Promise((done) => closed.close(done));
  return free;
}

/** The sockets connected during the test (seen at `Socket#connect`, which `net.connect` calls). */
function madeSockets(): Socket[] {
  const made: Socket[] = [];
  const original = net.Socket.prototype.connect;
  jest.spyOn(net.Socket.prototype, 'connect').mockImplementation(function (this: Socket, ...args: unknown[]) {
    made.push(this);
    return (original as (...a: unknown[]) => Socket).apply(this, args);
  });
  return made;
}
afterEach(() => jest.restoreAllMocks());

describe('tcpConnect: one connection, settled once, its listeners gone after', () => {
  it('connects: next then complete, and no listener of its own stays on the socket', async () => {
    const told: string[] = [];
    const socket = await new Promise<Socket>((resolve, reject) => {
      tcpConnect(
        { host: '127.0.0.1', port },
        {
          next: (s) => (told.push('next'), resolve(s)),
          error: reject,
          complete: () => told.push('complete'),
        },
      );
    });
    expect(told).toEqual(['next', 'complete']);
    expect(socket.listenerCount('connect')).toBe(0);
    expect(socket.listenerCount('error')).toBe(0);
    socket.destroy();
  });

  it('refused: error once with the cause, the socket destroyed, no listener left', async () => {
    const free = await refusedPort();
    const made = madeSockets();
    let opened: Socket | undefined;
    const error = await new Promise<unknown>((resolve) => {
      const cancel = tcpConnect(
        { host: '127.0.0.1', port: free },
        { next: (s) => (opened = s), error: resolve, complete: () => undefined },
      );
      expect(cancel).toHaveProperty('unsubscribe');
    });
    expect(opened).toBeUndefined();
    expect(error).toMatchObject({ code: 'ECONNREFUSED' });
    const [socket] = made;
    expect(socket?.destroyed).toBe(true);
    expect(socket?.listenerCount('connect')).toBe(0);
    expect(socket?.listenerCount('error')).toBe(0);
  });

  it('cancelled while connecting: the socket destroyed, nothing reported, no listener left', async () => {
    const told: string[] = [];
    const made = madeSockets();
    const cancel = tcpConnect(
      { host: '127.0.0.1', port },
      {
        next: () => told.push('next'),
        error: () => told.push('error'),
        complete: () => told.push('complete'),
      },
    );
    cancel.unsubscribe();
    cancel.unsubscribe(); // twice: nothing more
    await new Promise((done) => setTimeout(done, 50));
    expect(told).toEqual([]);
    const [socket] = made;
    expect(socket?.destroyed).toBe(true);
    expect(socket?.listenerCount('connect')).toBe(0);
    expect(socket?.listenerCount('error')).toBe(0);
  });
});
