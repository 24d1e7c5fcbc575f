// connect$ + stompHandshake against the real brokers: RabbitMQ 3.10 and ActiveMQ 5.17 (scripts/brokers.sh).
import { TLSSocket } from 'node:tls';
import { inspect } from 'node:util';
import type { AttemptError } from '../src/errors/attempt-error';
import { encodeFrame } from '../src/stomp/frame';
import { StompFrameParser } from '../src/stomp/frame-parser';
import { stompHandshake, type StompConnected } from '../src/stomp/stomp-handshake';
import type { ConnectEvent } from '../src/types';
import { ACTIVEMQ, brokers, caFile, inOrder, RABBITMQ, refusedPort, runEvents, summary } from './brokers';

type Connected = Extract<ConnectEvent, { type: 'connected' }>;
const rabbit = `tcp://guest:guest@127.0.0.1:${RABBITMQ.stomp}`;
const activemq = `tcp://127.0.0.1:${ACTIVEMQ.stomp}`;

const last = (events: ConnectEvent[]): Connected => events[events.length - 1] as Connected;
const failure = (events: ConnectEvent[], index: number): AttemptError =>
  (events[index] as Extract<ConnectEvent, { type: 'failed' }>).error;

beforeAll(async () => {
  await brokers('start', 'all'); // a no-op when they already run
}, 240_000);

describe('failover with the STOMP handshake, real brokers', () => {
  it('goes from a refused port to RabbitMQ, logged in as guest on vhost /', async () => {
    const refused = await refusedPort();
    const events = await runEvents(
      inOrder(`tcp://127.0.0.1:${refused}`, rabbit),
      {},
      {
        verify: stompHandshake({ host: '/' }),
      },
    );
    expect(summary(events)).toEqual([
      `attempt 1 ${refused}`,
      'failed 1 ECONNREFUSED',
      `attempt 2 ${RABBITMQ.stomp}`,
      `connected 2 ${RABBITMQ.stomp}`,
    ]);
    expect(last(events).verified).toEqual<StompConnected>({
      version: '1.2',
      server: expect.stringMatching(/^RabbitMQ\/3\.10\./),
      session: expect.any(String),
      heartBeat: [0, 0],
      heartbeatOutgoing: 0,
      heartbeatIncoming: 0,
      headers: expect.objectContaining({ version: '1.2' }),
    });
  });

  it('lands on ActiveMQ when RabbitMQ refuses a wrong passcode with its ERROR frame', async () => {
    const wrong = `tcp://guest:Wr0ngPass@127.0.0.1:${RABBITMQ.stomp}`;
    const events = await runEvents(inOrder(wrong, activemq), {}, { verify: stompHandshake({ host: '/' }) });
    expect(summary(events)).toEqual([
      `attempt 1 ${RABBITMQ.stomp}`,
      'failed 1 ERR_STOMP_ERROR_FRAME',
      `attempt 2 ${ACTIVEMQ.stomp}`,
      `connected 2 ${ACTIVEMQ.stomp}`,
    ]);
    expect(failure(events, 1).message).toBe(
      `cannot connect to 127.0.0.1:${RABBITMQ.stomp}: STOMP ERROR frame: Bad CONNECT: Access refused for user '***'`,
    );
    expect(inspect(failure(events, 1), { depth: 8 })).not.toContain('Wr0ngPass');
    expect((last(events).verified as StompConnected).server).toMatch(/^ActiveMQ\/5\.17\./);
  });

  it("is refused by RabbitMQ with the default host header (the peer's host is no vhost)", async () => {
    const events = await runEvents(inOrder(rabbit, activemq), {}, { verify: stompHandshake() });
    expect(failure(events, 1).message).toBe(
      `cannot connect to 127.0.0.1:${RABBITMQ.stomp}: STOMP ERROR frame: Bad CONNECT: Virtual host '127.0.0.1' access denied`,
    );
    expect(summary(events).slice(-1)).toEqual([`connected 2 ${ACTIVEMQ.stomp}`]);
  });

  it('speaks STOMP over TLS to RabbitMQ, the certificate verified with the generated CA', async () => {
    const tls = `stomp+ssl://guest:guest@127.0.0.1:${RABBITMQ.stompTls}`;
    const events = await runEvents(
      tls,
      { SSL_ca_file: await caFile() },
      { verify: stompHandshake({ host: '/' }) },
      true,
    );
    const connected = last(events);
    expect(summary(events)).toEqual([`attempt 1 ${RABBITMQ.stompTls}`, `connected 1 ${RABBITMQ.stompTls}`]);
    expect(connected.socket).toBeInstanceOf(TLSSocket);
    expect((connected.socket as TLSSocket).authorized).toBe(true);
    expect((connected.verified as StompConnected).server).toMatch(/^RabbitMQ\//);
    connected.socket.destroy();
  });

  it("refuses RabbitMQ's certificate without the CA, then fails over to ActiveMQ", async () => {
    const tls = `stomp+ssl://guest:guest@127.0.0.1:${RABBITMQ.stompTls}`;
    const events = await runEvents(inOrder(tls, activemq), {}, { verify: stompHandshake({ host: '/' }) });
    expect(summary(events)).toEqual([
      `attempt 1 ${RABBITMQ.stompTls}`,
      'failed 1 SELF_SIGNED_CERT_IN_CHAIN', // RabbitMQ sends the chain, the script's CA included
      `attempt 2 ${ACTIVEMQ.stomp}`,
      `connected 2 ${ACTIVEMQ.stomp}`,
    ]);
    expect(failure(events, 1).message).toMatch(/^cannot SSL connect to 127\.0\.0\.1:61614: /);
  });

  it('sends CONNECT headers as written: ActiveMQ keeps a colon and an undefined escape (client-id comes back as the session)', async () => {
    const clientId = 'e2e:a\\b';
    const events = await runEvents(
      activemq,
      {},
      { verify: stompHandshake({ headers: { 'client-id': clientId } }) },
    );
    expect((last(events).verified as StompConnected).session).toBe(clientId);
  });

  it.each([
    ['RabbitMQ', rabbit],
    ['ActiveMQ', activemq],
  ])('hands over a %s session ready for the next frame (DISCONNECT gets its RECEIPT)', async (_name, uri) => {
    const events = await runEvents(uri, {}, { verify: stompHandshake({ host: '/' }) }, true);
    const { socket } = last(events);
    const parser = new StompFrameParser();
    const receipt = new Promise((done, fail) => {
      socket.on('error', fail);
      socket.on('data', (chunk: Buffer) => {
        parser.push(chunk);
        const frame = parser.next();
        if (frame !== undefined) done(frame);
      });
    });
    socket.write(encodeFrame({ command: 'DISCONNECT', headers: { receipt: 'e2e-77' } }));
    await expect(receipt).resolves.toMatchObject({ command: 'RECEIPT', headers: { 'receipt-id': 'e2e-77' } });
    socket.destroy();
  });
});
