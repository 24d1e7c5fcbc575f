// connection$ and `stomp-connect --stay` against the real brokers: heart-beats kept, and failover while
// scripts/brokers.sh stops and starts them. Every broker stopped here is started again, whatever happens.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Subscription } from 'rxjs';
import { connection$ } from '../src/connection';
import { stompHandshake, type StompConnected } from '../src/stomp/stomp-handshake';
import type { ConnectionEvent } from '../src/types';
import { ACTIVEMQ, brokers, RABBITMQ } from './brokers';
import { glance } from './glance';

const CLI = resolve(__dirname, '..', 'dist', 'cli', 'main.js');
const rabbit = `tcp://guest:guest@127.0.0.1:${RABBITMQ.stomp}`;
const activemq = `tcp://127.0.0.1:${ACTIVEMQ.stomp}`;
const bothInOrder = `failover:(${rabbit},${activemq})?randomize=false&initialReconnectDelay=100&maxReconnectDelay=1000`;

async function until(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

beforeAll(async () => {
  await brokers('start', 'all');
}, 240_000);

afterAll(async () => {
  await brokers('start', 'all'); // leave both brokers running, whatever happened
}, 240_000);

describe('connection$ keeps heart-beats with the real brokers', () => {
  it.each([
    ['RabbitMQ', rabbit],
    ['ActiveMQ', activemq],
  ])(
    '%s: 1000/1000 ms negotiated and kept for 3 s without a drop',
    async (_name, uri) => {
      const events: ConnectionEvent[] = [];
      const subscription = connection$(
        uri,
        {},
        { verify: stompHandshake({ host: '/', heartBeat: [1000, 1000] }) },
      ).subscribe(
        (event) => events.push(event), // the socket is not even read: heart-beats watch its counters
      );
      try {
        await until(() => events.some((event) => event.type === 'connected'), 'the connection');
        const connected = events.find((event) => event.type === 'connected');
        const verified = (connected as { verified: StompConnected }).verified;
        expect(verified).toMatchObject({ heartbeatOutgoing: 1000, heartbeatIncoming: expect.any(Number) });
        expect(verified.heartbeatIncoming).toBeGreaterThanOrEqual(1000);
        const socket = (connected as { socket: { bytesRead: number; bytesWritten: number } }).socket;
        const [read, written] = [socket.bytesRead, socket.bytesWritten];
        await new Promise((done) => setTimeout(done, 3000));
        expect(events.map((event) => event.type)).toEqual(['attempt', 'connected']);
        expect(socket.bytesWritten - written).toBeGreaterThanOrEqual(2); // our EOLs
        expect(socket.bytesRead - read).toBeGreaterThanOrEqual(1); // the broker's
      } finally {
        subscription.unsubscribe();
      }
    },
    60_000,
  );
});

describe('connection$ and stomp-connect --stay while the brokers stop and start', () => {
  const events: ConnectionEvent[] = [];
  let subscription: Subscription;
  let child: ChildProcessWithoutNullStreams;
  let cliOut = '';
  const cliLines = (): string[] =>
    cliOut
      .split('\n')
      .filter((line) => / connection \d+: (connected|disconnected) /.test(line))
      .map((line) => line.replace(/^\+\d+ms /, '').replace(/ — .*/, ''));

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build (npm run test:e2e does)`);
    subscription = connection$(bothInOrder, {}, { verify: stompHandshake({ host: '/' }) }).subscribe(
      (event) => {
        events.push(event);
        if (event.type === 'connected') event.socket.resume(); // a protocol layer would read it
      },
    );
    child = spawn(process.execPath, [CLI, '--stay', '--vhost', '/', bothInOrder], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    child.stdout.on('data', (chunk: Buffer) => (cliOut += chunk.toString()));
    await until(() => glance(events).length === 1 && cliLines().length === 1, 'both connected');
  }, 120_000);

  afterAll(() => {
    subscription.unsubscribe();
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('both start on RabbitMQ', () => {
    expect(glance(events)).toEqual([`1 connected 1 ${RABBITMQ.stomp}`]);
    expect(cliLines()).toEqual([`connection 1: connected 1 tcp://127.0.0.1:${RABBITMQ.stomp}`]);
  });

  it('RabbitMQ stopped: disconnected, then cycle 2 lands on ActiveMQ, tried first', async () => {
    await brokers('stop', 'rabbitmq');
    await until(() => glance(events).length === 3 && cliLines().length === 3, 'the failover to ActiveMQ');
    expect(glance(events)).toEqual([
      `1 connected 1 ${RABBITMQ.stomp}`,
      `1 disconnected ${RABBITMQ.stomp} closed`,
      `2 connected 1 ${ACTIVEMQ.stomp}`,
    ]);
    expect(cliLines()).toEqual([
      `connection 1: connected 1 tcp://127.0.0.1:${RABBITMQ.stomp}`,
      `connection 1: disconnected tcp://127.0.0.1:${RABBITMQ.stomp}`,
      `connection 2: connected 1 tcp://127.0.0.1:${ACTIVEMQ.stomp}`,
    ]);
    // The broker that went away is tried last (ActiveMQ), not first.
    expect(cliOut).toMatch(new RegExp(`connection 2: attempt 1 tcp://127\\.0\\.0\\.1:${ACTIVEMQ.stomp}\n`));
  }, 240_000);

  it('RabbitMQ started again, ActiveMQ stopped: back on RabbitMQ in cycle 3', async () => {
    await brokers('start', 'rabbitmq');
    expect(glance(events)).toHaveLength(3); // no priority peers: it stays on ActiveMQ meanwhile
    await brokers('stop', 'activemq');
    await until(() => glance(events).length === 5 && cliLines().length === 5, 'the way back to RabbitMQ');
    expect(glance(events).slice(3)).toEqual([
      `2 disconnected ${ACTIVEMQ.stomp} closed`,
      `3 connected 1 ${RABBITMQ.stomp}`,
    ]);
    expect(cliLines().slice(3)).toEqual([
      `connection 2: disconnected tcp://127.0.0.1:${ACTIVEMQ.stomp}`,
      `connection 3: connected 1 tcp://127.0.0.1:${RABBITMQ.stomp}`,
    ]);
  }, 240_000);

  it('Ctrl-C: the CLI closes its live connection and exits 130', async () => {
    const exit = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    child.kill('SIGINT');
    expect(await exit).toBe(130);
    await brokers('start', 'activemq');
  }, 240_000);
});
