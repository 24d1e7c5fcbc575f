import { connect as netConnect, type Socket } from 'node:net';
import { heartBeats$ } from '../src/heart-beats';
import { StompError } from '../src/errors/stomp-error';
import { until } from './helpers/connect-peer-helpers';
import { listen, type Listener } from './helpers/loopback';
import { activeResources, leakedSince } from './helpers/resources';

/** A client socket connected to `listener`, and the server's side of it. */
async function connected(listener: Listener): Promise<{ client: Socket; server: Socket }> {
  const client = netConnect(listener.port, '127.0.0.1');
  client.on('error', () => undefined);
  await new Promise<void>((resolve) => client.once('connect', () => resolve()));
  await until(() => listener.accepted.length > 0, 'the server to accept');
  return { client, server: listener.accepted[listener.accepted.length - 1] as Socket };
}

describe('heartBeats$ on real sockets on 127.0.0.1', () => {
  let listener: Listener;
  let baseline: string[];
  beforeEach(async () => {
    baseline = activeResources();
    listener = await listen();
  });
  afterEach(() => listener.close());

  it('EOLs reach the peer while nothing else is written; unsubscribing leaves the socket open', async () => {
    const { client, server } = await connected(listener);
    let received = '';
    server.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    const subscription = heartBeats$(client, { outgoing: 40, incoming: 0 }).subscribe();
    await until(() => received.length >= 3, 'three EOLs', 10_000);
    subscription.unsubscribe();
    expect(received).toMatch(/^\n{3,}$/);
    expect(client.destroyed).toBe(false);
    client.write('still mine');
    await until(() => received.endsWith('still mine'), 'the write after unsubscribing');
    client.destroy();
    await listener.close();
    expect(await leakedSince(baseline)).toEqual([]);
  });

  it('a silent peer: the socket is destroyed and the stream errors ERR_STOMP_HEARTBEAT, after 2 × incoming', async () => {
    const { client, server } = await connected(listener);
    const serverClosed = new Promise<void>((resolve) => server.once('close', () => resolve()));
    const started = Date.now();
    const error = await new Promise<unknown>((resolve) =>
      heartBeats$(client, { outgoing: 0, incoming: 50 }).subscribe({ error: resolve }),
    );
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(StompError);
    expect(error).toMatchObject({ code: 'ERR_STOMP_HEARTBEAT' });
    // 2 × 50 ms, less the ms a Node timer may fire early (libuv's clock counts whole ms) at each check.
    expect(elapsed).toBeGreaterThanOrEqual(100 - 4);
    expect(client.destroyed).toBe(true);
    await serverClosed;
    await listener.close();
    expect(await leakedSince(baseline)).toEqual([]);
  });

  it('a peer that writes more often than `incoming` keeps the connection', async () => {
    const { client, server } = await connected(listener);
    const beats = setInterval(() => server.write('\n'), 20);
    let failure: unknown;
    const subscription = heartBeats$(client, { outgoing: 0, incoming: 50 }).subscribe({
      error: (error: unknown) => (failure = error),
    });
    await new Promise((resolve) => setTimeout(resolve, 600));
    clearInterval(beats);
    subscription.unsubscribe();
    expect(failure).toBeUndefined();
    expect(client.destroyed).toBe(false);
    expect(client.bytesRead).toBeGreaterThan(5);
    client.destroy();
  });
});
