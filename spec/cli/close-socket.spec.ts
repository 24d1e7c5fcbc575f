import { once } from 'node:events';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { lastValueFrom } from 'rxjs';
import { closeSocket$, STOMP_DISCONNECT } from '../../src/cli/close-socket';
import { listen, type Listener } from '../helpers/loopback';

async function connected(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  return socket;
}

describe('closeSocket$', () => {
  let received: string;
  let server: Listener;
  let serverEnds: boolean;
  beforeEach(async () => {
    received = '';
    serverEnds = true;
    server = await listen((socket) => {
      socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
      socket.on('end', () => {
        if (serverEnds) socket.end();
      });
    });
  });
  afterEach(() => server.close());

  it('writes the goodbye, ends the socket and completes once both sides closed', async () => {
    const socket = await connected(server.port);
    await lastValueFrom(closeSocket$(socket, STOMP_DISCONNECT), { defaultValue: 'done' });
    expect(socket.closed).toBe(true);
    await server.allClosed();
    expect(received).toBe('DISCONNECT\n\n\0');
  });

  it('destroys the socket when the peer does not close within the grace period', async () => {
    // A server that keeps its side open after our FIN.
    const accepted: Socket[] = [];
    const halfOpen = createServer({ allowHalfOpen: true }, (socket) => {
      accepted.push(socket);
      socket.on('error', () => undefined);
      socket.resume();
    });
    await new Promise<void>((resolve) => halfOpen.listen(0, '127.0.0.1', resolve));
    try {
      const socket = await connected((halfOpen.address() as AddressInfo).port);
      const started = Date.now();
      await lastValueFrom(closeSocket$(socket, undefined, 50), { defaultValue: 'done' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(45);
      expect(socket.destroyed).toBe(true);
    } finally {
      for (const socket of accepted) socket.destroy();
      await new Promise((resolve) => halfOpen.close(resolve));
    }
  });

  it('unsubscribing destroys the socket at once', async () => {
    serverEnds = false;
    const socket = await connected(server.port);
    const subscription = closeSocket$(socket).subscribe();
    subscription.unsubscribe();
    expect(socket.destroyed).toBe(true);
  });

  it('completes at once for a socket that is already closed', async () => {
    const socket = await connected(server.port);
    socket.destroy();
    await once(socket, 'close');
    await expect(lastValueFrom(closeSocket$(socket), { defaultValue: 'done' })).resolves.toBe('done');
  });
});
