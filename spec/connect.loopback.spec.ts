import { first, firstValueFrom, lastValueFrom, map, NEVER, toArray } from 'rxjs';
import { connect$ } from '../src/connect';
import { connect } from '../src/connect-promise';
import { ConnectError } from '../src/errors/connect-error';
import { toSocket } from '../src/to-socket';
import type { ConnectEvent } from '../src/types';
import { listen, refusedPort, type Listener } from './helpers/loopback';
import { activeResources, leakedSince } from './helpers/resources';

describe('connect$ over real TCP on 127.0.0.1', () => {
  let live: Listener;
  let refused: number;
  beforeEach(async () => {
    live = await listen();
    refused = await refusedPort();
  });
  afterEach(() => live.close());

  it('fails over from a refused port to a live one', async () => {
    const uri = `failover:(tcp://127.0.0.1:${refused},tcp://127.0.0.1:${live.port})?randomize=false`;
    const events = await lastValueFrom(connect$(uri).pipe(toArray()));
    expect(events.map((e) => `${e.type} ${e.attempt} ${e.peer.port}`)).toEqual([
      `attempt 1 ${refused}`,
      `failed 1 ${refused}`,
      `attempt 2 ${live.port}`,
      `connected 2 ${live.port}`,
    ]);
    const failed = events[1] as Extract<ConnectEvent, { type: 'failed' }>;
    expect(failed.error.code).toBe('ECONNREFUSED');
    expect(failed.error.message).toMatch(
      new RegExp(`^cannot connect to 127\\.0\\.0\\.1:${refused}: .*ECONNREFUSED`),
    );
    expect(failed.retryIn).toBe(10);
    const connected = events[3] as Extract<ConnectEvent, { type: 'connected' }>;
    expect(connected.socket.destroyed).toBe(false);
    expect(connected.socket.remotePort).toBe(live.port);
    connected.socket.destroy();
  });

  it('every port refused: ConnectError with each attempt', async () => {
    const other = await refusedPort();
    const uri = `failover:(tcp://127.0.0.1:${refused},tcp://127.0.0.1:${other})?randomize=false&maxReconnectAttempts=3&initialReconnectDelay=1`;
    const error = await lastValueFrom(connect$(uri)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectError);
    const { attempts, errors, message } = error as ConnectError;
    expect(attempts).toBe(4);
    expect(errors.map((e) => [e.attempt, e.peer.port, e.code])).toEqual([
      [1, refused, 'ECONNREFUSED'],
      [2, other, 'ECONNREFUSED'],
      [3, refused, 'ECONNREFUSED'],
      [4, other, 'ECONNREFUSED'],
    ]);
    expect(message).toMatch(
      new RegExp(`^cannot connect to 127\\.0\\.0\\.1:${other}: .*ECONNREFUSED.* \\(4 attempts\\)$`),
    );
  });

  it('unsubscribing while the connect is in flight leaves no handle open, and the server sees the close', async () => {
    const baseline = activeResources();
    const events: string[] = [];
    const subscription = connect$(`tcp://127.0.0.1:${live.port}`).subscribe((e) => events.push(e.type));
    subscription.unsubscribe();
    expect(events).toEqual(['attempt']);
    expect(await leakedSince(baseline)).toEqual([]);
    await live.allClosed(); // whatever the server had accepted is closed again
  });

  it('unsubscribing during a wait clears the timer', async () => {
    const baseline = activeResources();
    const uri = `failover:(tcp://127.0.0.1:${refused})?initialReconnectDelay=60000`;
    const failed = await firstValueFrom(
      connect$(uri).pipe(
        first((event) => event.type === 'failed'),
        map((event) => (event.type === 'failed' ? event.retryIn : undefined)),
      ),
    );
    expect(failed).toBe(60000);
    expect(await leakedSince(baseline)).toEqual([]);
  });

  it('the connected socket stays open after first() unsubscribes', async () => {
    const socket = await firstValueFrom(connect$(`tcp://127.0.0.1:${live.port}`).pipe(toSocket()));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(socket.destroyed).toBe(false);
    expect(socket.readyState).toBe('open');
    socket.destroy();
  });
});

describe('connect() — the Promise API', () => {
  it('resolves with the connected socket', async () => {
    const live = await listen();
    try {
      const socket = await connect({ host: '127.0.0.1', port: live.port });
      expect(socket.remotePort).toBe(live.port);
      socket.destroy();
    } finally {
      await live.close();
    }
  });

  it('rejects with the run error', async () => {
    const port = await refusedPort();
    await expect(connect(`tcp://127.0.0.1:${port}`)).rejects.toMatchObject({
      name: 'ConnectError',
      code: 'ERR_STOMP_CONNECT',
      attempts: 1,
    });
  });

  it('an AbortSignal aborted mid-run rejects with AbortError and leaves nothing open', async () => {
    const port = await refusedPort();
    const baseline = activeResources();
    const controller = new AbortController();
    const run = connect(
      `failover:(tcp://127.0.0.1:${port})?initialReconnectDelay=50&useExponentialBackOff=false`,
      {},
      {
        signal: controller.signal,
      },
    );
    setTimeout(() => controller.abort(), 120);
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(await leakedSince(baseline)).toEqual([]);
  });

  it('an abort fired during the subscription itself (here by the transport) is seen', async () => {
    const controller = new AbortController();
    const transport = jest.fn(() => {
      controller.abort();
      return NEVER;
    });
    await expect(
      connect('tcp://127.0.0.1:1', {}, { signal: controller.signal, transport }),
    ).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(transport).toHaveBeenCalledTimes(1);
  });

  it('an already aborted signal rejects at once, without any attempt', async () => {
    const transport = jest.fn();
    await expect(
      connect('tcp://127.0.0.1:1', {}, { signal: AbortSignal.abort(), transport }),
    ).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(transport).not.toHaveBeenCalled();
  });
});
