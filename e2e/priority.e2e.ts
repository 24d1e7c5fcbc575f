// Priority peers against the real brokers: connection$ on failover:(RabbitMQ,ActiveMQ) with
// priorityBackup=true goes to ActiveMQ while RabbitMQ is stopped, and a background probe brings it
// back to RabbitMQ once RabbitMQ runs again, ActiveMQ still running. Every broker stopped here is
// started again, whatever happens.
import type { Subscription } from 'rxjs';
import { connection$ } from '../src/connection';
import { stompHandshake } from '../src/stomp/stomp-handshake';
import type { ConnectionEvent } from '../src/types';
import { ACTIVEMQ, brokers, RABBITMQ } from './brokers';
import { glance } from './glance';

const rabbit = `tcp://guest:guest@127.0.0.1:${RABBITMQ.stomp}`;
const activemq = `tcp://127.0.0.1:${ACTIVEMQ.stomp}`;
const priorityFirst =
  `failover:(${rabbit},${activemq})?randomize=false&priorityBackup=true` +
  '&initialReconnectDelay=100&maxReconnectDelay=1000';

async function until(condition: () => boolean, what: string, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

describe('connection$ with priorityBackup=true while RabbitMQ stops and starts', () => {
  const events: ConnectionEvent[] = [];
  let subscription: Subscription;

  beforeAll(async () => {
    await brokers('start', 'all');
    subscription = connection$(priorityFirst, {}, { verify: stompHandshake({ host: '/' }) }).subscribe(
      (event) => {
        events.push(event);
        if (event.type === 'connected') event.socket.resume(); // a protocol layer would read it
      },
    );
    await until(() => glance(events).length === 1, 'the first connection');
  }, 240_000);

  afterAll(async () => {
    subscription.unsubscribe();
    await brokers('start', 'all'); // leave both brokers running, whatever happened
  }, 240_000);

  it('starts on RabbitMQ, the priority peer: nothing to probe', async () => {
    expect(glance(events)).toEqual([`1 connected 1 ${RABBITMQ.stomp}`]);
    await new Promise((done) => setTimeout(done, 500));
    expect(events.filter((event) => event.type !== 'disconnected' && event.probe === true)).toEqual([]);
  });

  it('RabbitMQ stopped: cycle 2 tries it first, then lands on ActiveMQ, and probes RabbitMQ meanwhile', async () => {
    await brokers('stop', 'rabbitmq');
    await until(() => glance(events).length === 3, 'the failover to ActiveMQ');
    expect(glance(events)).toEqual([
      `1 connected 1 ${RABBITMQ.stomp}`,
      `1 disconnected ${RABBITMQ.stomp} closed`,
      expect.stringMatching(new RegExp(`^2 connected \\d+ ${ACTIVEMQ.stomp}$`)),
    ]);
    const cycle2 = events.filter((event) => event.connection === 2 && event.type === 'attempt');
    expect(cycle2[0]?.peer.port).toBe(RABBITMQ.stomp); // the priority peer first
    await until(
      () => events.some((event) => event.type === 'failed' && event.probe === true),
      'a failed probe of RabbitMQ',
    );
    const probes = events.filter((event) => event.type !== 'disconnected' && event.probe === true);
    expect(new Set(probes.map((event) => `${event.connection} ${event.peer.port}`))).toEqual(
      new Set([`3 ${RABBITMQ.stomp}`]),
    );
  }, 240_000);

  it('RabbitMQ started again: a probe connects, connection 3 is on RabbitMQ, ActiveMQ replaced (not stopped)', async () => {
    await brokers('start', 'rabbitmq');
    await until(() => glance(events).length === 5, 'the switch back to RabbitMQ');
    expect(glance(events).slice(3)).toEqual([
      expect.stringMatching(new RegExp(`^P 3 connected \\d+ ${RABBITMQ.stomp}$`)),
      `2 disconnected ${ACTIVEMQ.stomp} priority`,
    ]);
    const replaced = events.find((event) => event.type === 'disconnected' && event.connection === 2);
    expect(replaced).toMatchObject({ error: null, reason: 'priority' });
  }, 240_000);
});
