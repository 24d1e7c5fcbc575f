// A real @stomp/stompjs Client and a real @stomp/rx-stomp RxStomp over stompjsSocket, against the
// in-test broker on loopback.
import { RxStomp, RxStompState, type RxStompConfig } from '@stomp/rx-stomp';
import { Client, StompSocketState, type IMessage } from '@stomp/stompjs';
import { firstValueFrom, take, toArray } from 'rxjs';
import { STOMPJS_SOCKET_STATE, stompjsSocket, type StompjsSocket } from '../../src/stompjs';
import type { ConnectEvent } from '../../src/types';
import { until } from '../helpers/connect-peer-helpers';
import { refusedPort } from '../helpers/loopback';
import { activeResources, leakedSince } from '../helpers/resources';
import { startMiniBroker, type MiniBroker } from './mini-broker';

const brokers: MiniBroker[] = [];
const clients: { deactivate(options?: { force?: boolean }): Promise<void> }[] = [];
async function broker(...options: Parameters<typeof startMiniBroker>): Promise<MiniBroker> {
  const started = await startMiniBroker(...options);
  brokers.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.deactivate({ force: true })));
  await Promise.all(brokers.splice(0).map((started) => started.close()));
});

/** An RxStomp over stompjsSocket(uri), activated; `sockets` collects what its factory made. */
function rxStomp(
  uri: string,
  config: RxStompConfig = {},
  onEvent?: (event: ConnectEvent) => void,
  wrap = (socket: StompjsSocket) => socket,
) {
  const sockets: StompjsSocket[] = [];
  const rx = new RxStomp();
  rx.configure({
    webSocketFactory: () => {
      const socket = wrap(stompjsSocket(uri, {}, { onEvent }));
      sockets.push(socket);
      return socket;
    },
    reconnectDelay: 20,
    ...config,
  });
  clients.push(rx);
  rx.activate();
  return { rx, sockets };
}

/** Publishes `body` to `destination` and resolves with the message that comes back through `watch`. */
async function roundTrip(rx: RxStomp, destination: string, body: string): Promise<IMessage> {
  const message = firstValueFrom(rx.watch(destination));
  rx.publish({ destination, body });
  return message;
}

/** Wraps the `onmessage` or `onclose` that stompjs sets, to see each event it is given. */
function tap(socket: StompjsSocket, name: 'onmessage' | 'onclose', seen: unknown[]): StompjsSocket {
  type Listener = ((event: { data?: unknown }) => unknown) | null | undefined;
  let handler: Listener = null;
  Object.defineProperty(socket, name, {
    get: () => handler,
    set: (next: Listener) => {
      handler = next && ((event) => (seen.push(name === 'onmessage' ? event.data : event), next(event)));
    },
  });
  return socket;
}

it("has stompjs's readyState numbers", () => {
  expect(STOMPJS_SOCKET_STATE).toEqual({
    CONNECTING: StompSocketState.CONNECTING,
    OPEN: StompSocketState.OPEN,
    CLOSING: StompSocketState.CLOSING,
    CLOSED: StompSocketState.CLOSED,
  });
});

describe('messages', () => {
  it('RxStomp: publish and watch round trip, then deactivate() closes cleanly leaving nothing open', async () => {
    const baseline = activeResources();
    const mq = await broker();
    const closes: unknown[] = [];
    const { rx, sockets } = rxStomp(mq.uri, {}, undefined, (socket) => tap(socket, 'onclose', closes));
    for (const body of ['hello', 'héllo wörld €𝄞', '']) {
      expect((await roundTrip(rx, '/queue/a', body)).body).toBe(body);
    }
    await rx.deactivate();
    expect(closes).toEqual([{ type: 'close', code: 1000, reason: '', wasClean: true }]);
    expect(sockets.map((socket) => socket.readyState)).toEqual([StompSocketState.CLOSED]);
    expect(mq.frames.map((frame) => frame.command).slice(-2)).toEqual(['UNSUBSCRIBE', 'DISCONNECT']);
    await mq.close();
    expect(await leakedSince(baseline)).toEqual([]);
  });

  it('Client: a SEND with a receipt gets its RECEIPT, and the MESSAGE its headers', async () => {
    const mq = await broker();
    const client = new Client({ webSocketFactory: () => stompjsSocket(mq.uri), reconnectDelay: 0 });
    clients.push(client);
    const connected = new Promise((resolve) => (client.onConnect = resolve));
    client.activate();
    await connected;
    const message = new Promise<IMessage>((resolve) => client.subscribe('/topic/t', resolve));
    const receipt = new Promise((resolve) => client.watchForReceipt('r-1', resolve));
    client.publish({ destination: '/topic/t', body: 'with receipt', headers: { receipt: 'r-1' } });
    await expect(receipt).resolves.toMatchObject({ command: 'RECEIPT', headers: { 'receipt-id': 'r-1' } });
    await expect(message).resolves.toMatchObject({
      body: 'with receipt',
      headers: expect.objectContaining({ destination: '/topic/t', subscription: 'sub-0' }),
    });
  });

  it('reads a frame that arrives one byte per read, multi-byte characters split between reads', async () => {
    const mq = await broker({ chunkSize: 1 });
    const reads: unknown[] = [];
    const rx = new RxStomp();
    rx.configure({ webSocketFactory: () => tap(stompjsSocket(mq.uri), 'onmessage', reads) });
    clients.push(rx);
    rx.activate();
    const body = 'héllo wörld €𝄞 '.repeat(4);
    expect((await roundTrip(rx, '/queue/split', body)).body).toBe(body);
    expect(reads.length).toBeGreaterThan(Buffer.byteLength(body) / 2); // far more reads than one per frame
  });

  it('reads many frames that arrive in one write', async () => {
    const mq = await broker();
    const { rx } = rxStomp(mq.uri);
    const bodies = Array.from({ length: 50 }, (_, i) => `message ${i} ✓`);
    const all = firstValueFrom(rx.watch('/queue/batch').pipe(take(bodies.length), toArray()));
    await firstValueFrom(rx.connected$);
    await until(() => mq.frames.some((frame) => frame.command === 'SUBSCRIBE'), 'the SUBSCRIBE');
    expect(mq.publish('/queue/batch', bodies)).toBe(1);
    expect((await all).map((message) => message.body)).toEqual(bodies);
  });

  it('carries binary bodies, NUL bytes and invalid UTF-8 included', async () => {
    const mq = await broker({ chunkSize: 7 });
    const { rx } = rxStomp(mq.uri);
    const binaryBody = Uint8Array.from({ length: 512 }, (_, i) => (i * 37) % 256);
    const message = firstValueFrom(rx.watch('/queue/bin'));
    rx.publish({
      destination: '/queue/bin',
      binaryBody,
      headers: { 'content-type': 'application/octet-stream' },
    });
    const received = await message;
    expect(received.isBinaryBody).toBe(true);
    expect(Buffer.from(received.binaryBody)).toEqual(Buffer.from(binaryBody));
  });
});

describe('failover and reconnects', () => {
  it('fails over inside one factory call: the refused peer first, then the broker', async () => {
    const mq = await broker();
    const refused = await refusedPort();
    const events: string[] = [];
    const { rx, sockets } = rxStomp(
      `failover:(tcp://127.0.0.1:${refused},${mq.uri})?randomize=false&initialReconnectDelay=0`,
      {},
      (event) => events.push(event.type === 'failed' ? `failed ${event.error.code}` : event.type),
    );
    expect((await roundTrip(rx, '/queue/f', 'after failover')).body).toBe('after failover');
    expect(events).toEqual(['attempt', 'failed ECONNREFUSED', 'attempt', 'connected']);
    expect(sockets).toHaveLength(1);
    expect(sockets[0]?.peer?.port).toBe(mq.port);
    expect(mq.connections()).toBe(1);
  });

  it("reconnects through stompjs's reconnectDelay when the broker drops: each reconnect a new run", async () => {
    const mq = await broker();
    const { rx, sockets } = rxStomp(mq.uri);
    const states: RxStompState[] = [];
    rx.connectionState$.subscribe((state) => states.push(state));
    expect((await roundTrip(rx, '/queue/r', 'before')).body).toBe('before');
    mq.dropAll();
    await until(() => mq.connections() === 2 && rx.connected(), 'the reconnect');
    expect((await roundTrip(rx, '/queue/r', 'after')).body).toBe('after');
    const { CONNECTING, OPEN, CLOSED } = RxStompState;
    expect(states).toEqual([CONNECTING, OPEN, CLOSED, CONNECTING, OPEN]);
    expect(sockets).toHaveLength(2);
    expect(sockets.map((socket) => socket.readyState)).toEqual([
      StompSocketState.CLOSED,
      StompSocketState.OPEN,
    ]);
  });

  it('lands on the next broker of the list when the first one is gone for good', async () => {
    const [first, second] = [await broker(), await broker()];
    const { rx, sockets } = rxStomp(
      `failover:(${first.uri},${second.uri})?randomize=false&initialReconnectDelay=0`,
    );
    expect((await roundTrip(rx, '/queue/m', 'on the first')).body).toBe('on the first');
    await first.close();
    await until(() => second.connections() === 1 && rx.connected(), 'the reconnect to the second broker');
    expect((await roundTrip(rx, '/queue/m', 'on the second')).body).toBe('on the second');
    expect(sockets.map((socket) => socket.peer?.port)).toEqual([first.port, second.port]);
  });

  it('deactivate() during a failover wait cancels the run and leaves nothing open', async () => {
    const baseline = activeResources();
    const refused = await refusedPort();
    const events: string[] = [];
    const { rx, sockets } = rxStomp(
      `failover:(tcp://127.0.0.1:${refused})?initialReconnectDelay=60000`,
      {},
      (event) => events.push(event.type === 'failed' ? `failed ${event.retryIn}` : event.type),
    );
    await until(() => events.length === 2, 'the first failure');
    await rx.deactivate();
    expect(events).toEqual(['attempt', 'failed 60000']);
    expect(sockets.map((socket) => socket.readyState)).toEqual([StompSocketState.CLOSED]);
    expect(rx.connectionState$.value).toBe(RxStompState.CLOSED);
    expect(await leakedSince(baseline)).toEqual([]);
  });
});

describe('heart-beats', () => {
  it('are kept by stompjs both ways over the socket; when the broker stops, stompjs reconnects', async () => {
    const mq = await broker({ heartBeat: [50, 50] });
    let received = 0;
    let lost = 0;
    // Every 50 ms both ways; stompjs declares the broker lost after 10 silent intervals, so a
    // busy machine's late timers are not taken for a loss.
    const { rx, sockets } = rxStomp(mq.uri, {
      heartbeatIncoming: 50,
      heartbeatOutgoing: 50,
      heartbeatToleranceMultiplier: 10,
    });
    rx.stompClient.onHeartbeatReceived = () => received++;
    rx.stompClient.onHeartbeatLost = () => lost++;
    await until(() => mq.heartBeatsReceived() >= 5 && received >= 5, 'five heart-beats each way', 10_000);
    expect(lost).toBe(0);
    expect(sockets).toHaveLength(1);
    mq.stopHeartBeats();
    await until(() => lost > 0 && sockets.length === 2, 'the loss and a reconnect', 10_000);
    expect(sockets[0]?.readyState).toBe(StompSocketState.CLOSED);
    await until(() => rx.connected(), 'the reconnect');
  });
});

describe('credentials', () => {
  it("sends each peer's URI credentials in stompjs's CONNECT, connectHeaders winning; never shows them", async () => {
    const mq = await broker();
    const refused = await refusedPort();
    const uri = `failover:(tcp://a:s3cret-a@127.0.0.1:${refused},tcp://b:s3cret-b@127.0.0.1:${mq.port})?randomize=false&initialReconnectDelay=0`;
    const logs: string[] = [];
    const fromUri = rxStomp(uri, { debug: (line) => logs.push(line) });
    await roundTrip(fromUri.rx, '/queue/c', 'x');
    const fromConfig = rxStomp(uri, { connectHeaders: { login: 'app', passcode: 'given' } });
    await roundTrip(fromConfig.rx, '/queue/c', 'y');
    const connects = mq.frames.filter((frame) => frame.command === 'CONNECT').map((frame) => frame.headers);
    expect(connects).toEqual([
      expect.objectContaining({ login: 'b', passcode: 's3cret-b' }),
      expect.objectContaining({ login: 'app', passcode: 'given' }),
    ]);
    expect(fromUri.sockets[0]?.url).toBe(`failover:(tcp://127.0.0.1:${refused},tcp://127.0.0.1:${mq.port})`);
    expect(logs.join('\n')).not.toContain('s3cret');
  });
});
