import { connect as netConnect, type Socket } from 'node:net';
import { firstValueFrom, fromEvent, NEVER, take } from 'rxjs';
import { establish$ } from '../../src/internal/establish';
import { tcpConnect$ } from '../../src/transport/tcp';
import type { Peer } from '../../src/types';
import { listen, type Listener } from '../helpers/loopback';
import { activeResources, leakedSince } from '../helpers/resources';

describe('establish$ over real sockets', () => {
  let server: Listener;
  let onConnection: (socket: Socket) => void;
  beforeEach(async () => {
    onConnection = () => undefined;
    server = await listen((socket) => onConnection(socket));
  });
  afterEach(() => server.close());
  const peer = (): Peer => ({
    scheme: 'tcp',
    host: '127.0.0.1',
    port: server.port,
    tls: false,
    uri: `tcp://127.0.0.1:${server.port}`,
  });
  const open = () => tcpConnect$({ host: '127.0.0.1', port: server.port });
  // A verify that waits for the broker's first bytes and listens for nothing else.
  const careless = (socket: Socket) => fromEvent(socket, 'data').pipe(take(1));

  it('a reset while a careless verify waits fails the attempt (no unhandled error event)', async () => {
    onConnection = (socket) => setTimeout(() => socket.resetAndDestroy(), 20);
    const baseline = activeResources();
    const error = await firstValueFrom(establish$(peer(), { open, verify: careless })).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'ECONNRESET' });
    expect(await leakedSince(baseline)).toEqual([]);
  });

  it('a close while a careless verify waits fails the attempt with ERR_STOMP_CLOSED', async () => {
    onConnection = (socket) => setTimeout(() => socket.end(), 20);
    const error = await firstValueFrom(establish$(peer(), { open, verify: careless })).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'ERR_STOMP_CLOSED',
      message: 'the connection closed before verify answered',
    });
  });

  it('the handed-over socket carries no listener of the attempt', async () => {
    onConnection = (socket) => socket.write('CONNECTED\n\n\0');
    const { socket } = await firstValueFrom(establish$(peer(), { open, verify: careless }));
    expect([socket.listenerCount('error'), socket.listenerCount('close')]).toEqual([0, 0]);
    socket.destroy();
  });

  it('a Promise transport whose socket comes after the timeout: that socket is destroyed', async () => {
    const accepted = new Promise<Socket>((resolve) => (onConnection = resolve));
    const late = new Promise<Socket>((resolve) => {
      const socket = netConnect(server.port, '127.0.0.1', () => setTimeout(() => resolve(socket), 60));
    });
    const error = await firstValueFrom(establish$(peer(), { open: () => late, timeoutMs: 20 })).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'ETIMEDOUT' });
    const serverSide = await accepted;
    await new Promise((resolve) => serverSide.once('close', resolve)); // destroyed once it arrived
    expect((await late).destroyed).toBe(true);
  });

  it('unsubscribing from a never-settling attempt leaves nothing open', async () => {
    const baseline = activeResources();
    const subscription = establish$(peer(), { open, verify: () => NEVER, timeoutMs: 10_000 }).subscribe();
    await new Promise((resolve) => setTimeout(resolve, 20));
    subscription.unsubscribe();
    expect(await leakedSince(baseline)).toEqual([]);
  });
});
