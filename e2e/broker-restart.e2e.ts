// Failover while a real broker goes away and comes back: scripts/brokers.sh stops and starts RabbitMQ.
import { lastValueFrom, tap, toArray } from 'rxjs';
import { connect$ } from '../src/connect';
import { stompHandshake, type StompConnected } from '../src/stomp/stomp-handshake';
import { ACTIVEMQ, brokers, inOrder, RABBITMQ, runEvents, summary } from './brokers';

const rabbit = `tcp://guest:guest@127.0.0.1:${RABBITMQ.stomp}`;
const activemq = `tcp://127.0.0.1:${ACTIVEMQ.stomp}`;
const verify = stompHandshake({ host: '/' });
/** How attempts fail while the node boots: port closed, or open but not answering STOMP yet. */
const BOOTING = ['ECONNREFUSED', 'ERR_STOMP_CLOSED', 'ECONNRESET'];

beforeAll(async () => {
  await brokers('start', 'all');
}, 240_000);

afterAll(async () => {
  await brokers('start', 'rabbitmq'); // leave RabbitMQ running whatever happened
}, 240_000);

describe('RabbitMQ stopped, then started again', () => {
  it('lands on ActiveMQ while RabbitMQ is stopped', async () => {
    await brokers('stop', 'rabbitmq');
    const events = await runEvents(inOrder(rabbit, activemq), {}, { verify });
    expect(summary(events)).toEqual([
      `attempt 1 ${RABBITMQ.stomp}`,
      'failed 1 ECONNREFUSED',
      `attempt 2 ${ACTIVEMQ.stomp}`,
      `connected 2 ${ACTIVEMQ.stomp}`,
    ]);
  }, 120_000);

  it('keeps retrying RabbitMQ alone while it boots, and lands on it once it answers CONNECTED', async () => {
    const failedCodes = new Set<string>();
    const retrying = `failover:(${rabbit})?initialReconnectDelay=200&maxReconnectDelay=1000&maxReconnectAttempts=600`;
    const run = lastValueFrom(
      connect$(retrying, {}, { verify }).pipe(
        tap((event) => {
          if (event.type === 'failed') failedCodes.add(event.error.code);
        }),
        toArray(),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 500)); // a few refused attempts first
    const [events] = await Promise.all([run, brokers('start', 'rabbitmq')]);
    const connected = events[events.length - 1];
    if (connected?.type === 'connected') connected.socket.destroy();
    expect(connected).toMatchObject({ type: 'connected', peer: { port: RABBITMQ.stomp } });
    expect((connected as { verified: StompConnected }).verified.server).toMatch(/^RabbitMQ\//);
    const failures = events.filter((event) => event.type === 'failed');
    expect(failures.length).toBeGreaterThanOrEqual(2);
    expect([...failedCodes].filter((code) => !BOOTING.includes(code))).toEqual([]);
  }, 240_000);

  it('lands on RabbitMQ at the first attempt once it runs again', async () => {
    const events = await runEvents(inOrder(rabbit, activemq), {}, { verify });
    expect(summary(events)).toEqual([`attempt 1 ${RABBITMQ.stomp}`, `connected 1 ${RABBITMQ.stomp}`]);
  }, 120_000);
});
