import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { filter, type Subscription } from 'rxjs';
import { connection$ } from '../src/connection';
import { stompHandshake } from '../src/stomp/stomp-handshake';
import { startStompResponder, type StompResponder } from '../src/stomp/stomp-responder';
import type { ConnectionEvent, ConnectionOptions } from '../src/types';
import { until } from './helpers/connect-peer-helpers';
import { portLine } from './helpers/connection-lines';
import { listen } from './helpers/loopback';
import { activeResources, leakedSince } from './helpers/resources';

/** Runs connection$ and records its events; connected sockets are read (as a protocol layer would). */
function follow(
  uri: string,
  options: ConnectionOptions = {},
): { events: ConnectionEvent[]; lines: () => string[]; subscription: Subscription; failure: () => unknown } {
  const events: ConnectionEvent[] = [];
  let failure: unknown;
  const subscription = connection$(uri, {}, options).subscribe({
    next: (event) => {
      events.push(event);
      if (event.type === 'connected') event.socket.resume();
    },
    error: (error: unknown) => (failure = error),
  });
  return { events, lines: () => events.map(portLine), subscription, failure: () => failure };
}

describe('connection$ over real sockets on 127.0.0.1', () => {
  let responders: StompResponder[] = [];
  let baseline: string[];
  const responder = async (
    options: Parameters<typeof startStompResponder>[0] = {},
  ): Promise<StompResponder> => {
    const started = await startStompResponder(options);
    responders.push(started);
    return started;
  };
  beforeEach(() => {
    baseline = activeResources();
  });
  afterEach(async () => {
    await Promise.all(responders.map((started) => started.close()));
    responders = [];
  });

  it('a broker that goes away after CONNECTED: disconnected, then cycle 2 reaches the standby', async () => {
    const primary = await responder();
    const standby = await responder();
    const run = follow(`failover:(${primary.uri},${standby.uri})?randomize=false`, {
      verify: stompHandshake(),
    });
    await until(() => run.events.some((event) => event.type === 'connected'), 'the first connection');
    await primary.close();
    await until(
      () => run.events.filter((event) => event.type === 'connected').length === 2,
      'the second connection',
    );
    run.subscription.unsubscribe();
    expect(run.lines()).toEqual([
      `1 attempt 1 ${primary.port}`,
      `1 connected 1 ${primary.port}`,
      `1 disconnected ${primary.port} closed`,
      // The broker that went away is tried last (ActiveMQ): the standby first.
      `2 attempt 1 ${standby.port}`,
      `2 connected 1 ${standby.port}`,
    ]);
    expect(standby.frames.map((frame) => frame.command)).toEqual(['CONNECT']);
    await standby.close();
    expect(await leakedSince(baseline)).toEqual([]);
  });

  it('the subscriber destroying the socket forces the next cycle (disconnected closed, error null)', async () => {
    const broker = await responder();
    const events: ConnectionEvent[] = [];
    const subscription = connection$(`failover:(${broker.uri})`, {}, { verify: stompHandshake() }).subscribe(
      (event) => {
        events.push(event);
        if (event.type === 'connected' && event.connection === 1) event.socket.destroy();
      },
    );
    await until(
      () => events.some((event) => event.type === 'connected' && event.connection === 2),
      'cycle 2',
    );
    subscription.unsubscribe();
    expect(events.filter((event) => event.type !== 'attempt').map(portLine)).toEqual([
      `1 connected 1 ${broker.port}`,
      `1 disconnected ${broker.port} closed`,
      `2 connected 1 ${broker.port}`,
    ]);
    expect(events[2]).toMatchObject({ error: null });
    expect(broker.connections).toBe(2);
  });

  it('unsubscribing flushes pending writes, then closes: the server gets every byte, then the end', async () => {
    let received = 0;
    let ended = false;
    const server = await listen((socket) => {
      socket.on('data', (chunk: Buffer) => (received += chunk.length));
      socket.on('end', () => (ended = true));
    });
    try {
      const baselineWithServer = activeResources();
      const payload = Buffer.alloc(8 * 1024 * 1024, 0x41);
      const subscription = connection$(`tcp://127.0.0.1:${server.port}`).subscribe((event) => {
        if (event.type === 'connected') event.socket.write(payload);
      });
      await until(() => server.accepted.length === 1, 'the connection');
      subscription.unsubscribe();
      await until(() => ended || server.accepted.every((socket) => socket.closed), 'the close', 10_000);
      expect({ received, ended }).toEqual({ received: payload.length, ended: true });
      expect(await leakedSince(baselineWithServer)).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('heart-beats negotiated at 200/200 ms with a broker that keeps them: no drop, both sides beat', async () => {
    const broker = await responder({ heartBeat: [200, 200], keepHeartBeats: true });
    const events: ConnectionEvent[] = [];
    const subscription = connection$(
      broker.uri,
      {},
      { verify: stompHandshake({ heartBeat: [200, 200] }) },
    ).subscribe(
      (event) => events.push(event), // the socket is not read: heart-beats only look at its counters
    );
    await until(() => broker.heartBeatsReceived >= 5, 'five heart-beats from the client', 10_000);
    const connected = events.find((event) => event.type === 'connected');
    subscription.unsubscribe();
    expect(events.map((event) => event.type)).toEqual(['attempt', 'connected']);
    expect(connected).toMatchObject({ verified: { heartbeatOutgoing: 200, heartbeatIncoming: 200 } });
    expect(connected?.type === 'connected' && connected.socket.bytesRead).toBeGreaterThan(5);
  });

  it("a broker that stops answering (200/200 ms negotiated): disconnected 'heart-beat', then the next cycle", async () => {
    const silent = await responder({ heartBeat: [200, 200] }); // agrees to heart-beats, never sends one
    const run = follow(`failover:(${silent.uri})`, { verify: stompHandshake({ heartBeat: [200, 200] }) });
    const started = Date.now();
    await until(
      () => run.events.some((event) => event.type === 'disconnected'),
      'the heart-beat timeout',
      10_000,
    );
    const elapsed = Date.now() - started;
    await until(
      () => run.events.some((event) => event.type === 'connected' && event.connection === 2),
      'cycle 2',
    );
    run.subscription.unsubscribe();
    const disconnected = run.events.find((event) => event.type === 'disconnected');
    expect(disconnected).toMatchObject({
      reason: 'heart-beat',
      error: { code: 'ERR_STOMP_HEARTBEAT' },
    });
    // At least 2 × 200 ms after CONNECTED (less a ms per check a Node timer may fire early).
    expect((disconnected as { connectedFor: number }).connectedFor).toBeGreaterThanOrEqual(400 - 4);
    expect(elapsed).toBeGreaterThanOrEqual(400 - 4);
  });

  it('1,000 cycles of connect and drop: handles and heap back to baseline', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const broker = await responder();
    const cycles = async (count: number): Promise<void> => {
      let connected = 0;
      await new Promise<void>((resolve, reject) => {
        const subscription = connection$(
          `failover:(${broker.uri})?initialReconnectDelay=0`,
          {},
          { verify: stompHandshake() },
        )
          .pipe(filter((event) => event.type === 'connected'))
          .subscribe({
            next: (event) => {
              if (++connected === count) {
                subscription.unsubscribe();
                resolve();
              } else broker.drop(); // the broker drops it: the client sees its close
              event.socket.resume();
            },
            error: reject,
          });
      });
    };
    const withBroker = activeResources();
    await cycles(300); // warm-up: code paths compiled, pools filled (a fixed cost of about 0.5 MB)
    expect(await leakedSince(withBroker)).toEqual([]);
    broker.frames.length = 0; // the responder keeps every CONNECT it received
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    await cycles(1000);
    expect(await leakedSince(withBroker)).toEqual([]);
    broker.frames.length = 0;
    gc();
    const grown = process.memoryUsage().heapUsed - heapBefore;
    // A socket, its listeners or a timer kept per cycle would be several MB here
    // (measured: about 0.3 MB after 1,000 cycles and 0.6 MB after 4,000 or 10,000: no growth per cycle).
    expect(grown).toBeLessThan(1024 * 1024);
    expect(broker.connections).toBe(1300);
  }, 60_000);
});
