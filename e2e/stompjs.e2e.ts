// rx-stomp (over stompjsSocket) and stompit (over connect()) against the real brokers:
// RabbitMQ 3.10 and ActiveMQ 5.17 (scripts/brokers.sh).
import { randomUUID } from 'node:crypto';
import { connect as netConnect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { RxStomp, RxStompState, type RxStompConfig } from '@stomp/rx-stomp';
import type { IMessage } from '@stomp/stompjs';
import { Client as StompitClient } from 'stompit';
import { filter, firstValueFrom } from 'rxjs';
import { connect } from '../src/connect-promise';
import { stompjsSocket } from '../src/stompjs';
import type { ConnectEvent, Sockopts } from '../src/types';
import { ACTIVEMQ, brokers, caFile, RABBITMQ, refusedPort } from './brokers';

const rabbit = `tcp://guest:guest@127.0.0.1:${RABBITMQ.stomp}`;
const activemq = `tcp://127.0.0.1:${ACTIVEMQ.stomp}`;
const QUEUE = '/queue/stomp-connection.e2e.stompjs';

beforeAll(async () => {
  await brokers('start', 'all'); // a no-op when they already run
}, 240_000);

const running: RxStomp[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((rx) => rx.deactivate({ force: true })));
});

/** An activated RxStomp whose sockets come from stompjsSocket; `events` logs each run's events. */
function rxStomp(uri: string, sockopts: Sockopts = {}, config: RxStompConfig = {}) {
  const events: string[] = [];
  const onEvent = (event: ConnectEvent): void => {
    events.push(
      event.type === 'failed'
        ? `failed ${event.peer.port} ${event.error.code}`
        : `${event.type} ${event.peer.port}`,
    );
  };
  const rx = new RxStomp();
  rx.configure({
    webSocketFactory: () => stompjsSocket(uri, sockopts, { onEvent }),
    connectHeaders: { host: '/' }, // RabbitMQ's virtual host; ActiveMQ ignores it
    reconnectDelay: 200,
    ...config,
  });
  running.push(rx);
  rx.activate();
  return { rx, events };
}

/**
 * Publishes a text and a binary message to the queue and reads both back (`watch`), matching
 * them by a fresh id: a message left in the queue by an earlier run is skipped.
 */
async function roundTrip(rx: RxStomp): Promise<{ text: IMessage; binary: IMessage }> {
  const id = randomUUID();
  const mine = (kind: string) => (message: IMessage) => message.headers['x-e2e-id'] === `${id}-${kind}`;
  const messages = rx.watch(QUEUE);
  const text = firstValueFrom(messages.pipe(filter(mine('text'))));
  const binary = firstValueFrom(messages.pipe(filter(mine('binary'))));
  rx.publish({ destination: QUEUE, body: `héllo ${id} ✓`, headers: { 'x-e2e-id': `${id}-text` } });
  rx.publish({
    destination: QUEUE,
    binaryBody: Uint8Array.from({ length: 256 }, (_, i) => i),
    headers: { 'x-e2e-id': `${id}-binary`, 'content-type': 'application/octet-stream' },
  });
  const [gotText, gotBinary] = await Promise.all([text, binary]);
  expect(gotText.body).toBe(`héllo ${id} ✓`);
  expect([...gotBinary.binaryBody]).toEqual(Array.from({ length: 256 }, (_, i) => i));
  return { text: gotText, binary: gotBinary };
}

const serverOf = async (rx: RxStomp): Promise<string> =>
  (await firstValueFrom(rx.serverHeaders$)).server ?? '';

describe('rx-stomp over stompjsSocket', () => {
  it.each([
    ['RabbitMQ', rabbit, /^RabbitMQ\/3\.10\./],
    ['ActiveMQ', activemq, /^ActiveMQ\/5\.17\./],
  ])(
    'publishes to a queue on %s and reads it back with watch (text and binary)',
    async (_name, uri, server) => {
      const { rx } = rxStomp(uri);
      await roundTrip(rx);
      expect(await serverOf(rx)).toMatch(server);
    },
  );

  it('fails over from a refused port to RabbitMQ inside one factory call', async () => {
    const refused = await refusedPort();
    const { rx, events } = rxStomp(`failover:(tcp://127.0.0.1:${refused},${rabbit})?randomize=false`);
    await roundTrip(rx);
    expect(events).toEqual([
      `attempt ${refused}`,
      `failed ${refused} ECONNREFUSED`,
      `attempt ${RABBITMQ.stomp}`,
      `connected ${RABBITMQ.stomp}`,
    ]);
  });

  it('speaks to RabbitMQ over TLS, its certificate verified with the generated CA', async () => {
    const { rx, events } = rxStomp(`stomp+ssl://guest:guest@localhost:${RABBITMQ.stompTls}`, {
      SSL_ca_file: await caFile(),
    });
    await roundTrip(rx);
    expect(events).toEqual([`attempt ${RABBITMQ.stompTls}`, `connected ${RABBITMQ.stompTls}`]);
    expect(await serverOf(rx)).toMatch(/^RabbitMQ\//);
  });

  it('when RabbitMQ goes away, goes CLOSED → CONNECTING → OPEN on ActiveMQ and the round trip works again', async () => {
    // RabbitMQ is reached through a proxy that this test shuts: the shared broker keeps running.
    const proxy = await startProxy(RABBITMQ.stomp);
    try {
      const viaProxy = `tcp://guest:guest@127.0.0.1:${proxy.port}`;
      const { rx, events } = rxStomp(`failover:(${viaProxy},${activemq})?randomize=false`);
      const states: RxStompState[] = [];
      rx.connectionState$.subscribe((state) => states.push(state));
      await roundTrip(rx);
      expect(await serverOf(rx)).toMatch(/^RabbitMQ\//);
      await proxy.close();
      await firstValueFrom(
        rx.serverHeaders$.pipe(filter((headers) => /^ActiveMQ\//.test(headers.server ?? ''))),
      );
      await roundTrip(rx);
      const { CONNECTING, OPEN, CLOSED } = RxStompState;
      expect(states).toEqual([CONNECTING, OPEN, CLOSED, CONNECTING, OPEN]);
      expect(events).toEqual([
        `attempt ${proxy.port}`,
        `connected ${proxy.port}`,
        `attempt ${proxy.port}`,
        `failed ${proxy.port} ECONNREFUSED`,
        `attempt ${ACTIVEMQ.stomp}`,
        `connected ${ACTIVEMQ.stomp}`,
      ]);
    } finally {
      await proxy.close();
    }
  });
});

describe("stompit's Client over a socket from connect()", () => {
  it.each([
    ['RabbitMQ', rabbit, { host: '/', login: 'guest', passcode: 'guest' }],
    ['ActiveMQ', activemq, {}],
  ])('sends and subscribes on %s', async (_name, uri, connectHeaders) => {
    const socket = await connect(uri);
    try {
      const client = new StompitClient(socket);
      await new Promise<void>((resolve, reject) =>
        client.connect(connectHeaders, (error) => (error ? reject(error) : resolve())),
      );
      const body = `stompit ${randomUUID()} ✓`;
      const received = new Promise<string>((resolve, reject) => {
        client.once('error', reject);
        client.subscribe({ destination: QUEUE, ack: 'client-individual' }, (error, message) => {
          if (error) return reject(error);
          message.readString('utf-8', (readError, text) => {
            if (readError) return reject(readError);
            client.ack(message);
            if (text === body) resolve(text); // an earlier run's leftover is acknowledged and skipped
          });
        });
      });
      const frame = client.send({ destination: QUEUE, 'content-type': 'text/plain' });
      frame.end(body);
      await expect(received).resolves.toBe(body);
      await new Promise<void>((resolve, reject) =>
        client.disconnect((error) => (error ? reject(error) : resolve())),
      );
    } finally {
      socket.destroy();
    }
  });
});

/** A TCP proxy on loopback to a broker port; `close()` stops it and cuts every connection through it. */
async function startProxy(target: number): Promise<{ port: number; close(): Promise<void> }> {
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = netConnect(target, '127.0.0.1');
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        open.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        if (!server.listening) return resolve();
        server.close(() => resolve());
      }),
  };
}
