import { once } from 'node:events';
import type { Socket } from 'node:net';
import { connect } from '../src/connect-promise';
import type { ConnectEvent } from '../src/types';
import { makeBlackhole, type Blackhole } from './helpers/blackhole';
import { listen, type Listener } from './helpers/loopback';
import { activeResources, leakedSince } from './helpers/resources';

/**
 * A blackholed first peer (a loopback listener whose accept queue is full:
 * SYNs dropped), then a live one, no connectionTimeout anywhere: without
 * staggering the run would hang for the OS connect timeout.
 */
describe('connect() with connectionAttemptDelay: a blackholed first peer costs the stagger, not the OS timeout', () => {
  let hole: Blackhole | undefined;
  let live: Listener;
  beforeAll(async () => {
    hole = await makeBlackhole();
    if (hole === undefined)
      console.warn('staggered blackhole test NOT RUN: could not fill a loopback accept queue');
    live = await listen();
    // The blackhole's last filler was destroyed as it hung: let its handle close before any baseline.
    await new Promise((resolve) => setTimeout(resolve, 20));
  });
  afterAll(async () => {
    await live.close();
    await hole?.close();
  });

  it('connects to the live peer and destroys the blackholed attempt', async () => {
    if (hole === undefined) return;
    const baseline = activeResources();
    const events: string[] = [];
    const uri = `failover:(tcp://127.0.0.1:${hole.port},tcp://127.0.0.1:${live.port})?randomize=false&connectionAttemptDelay=100`;
    const accepted = once(live.server, 'connection') as Promise<[Socket]>;
    const started = process.hrtime.bigint();
    const socket = await connect(
      uri,
      {},
      {
        onEvent: (event: ConnectEvent) => events.push(`${event.type} ${event.attempt} ${event.peer.port}`),
      },
    );
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (process.env['STAGGER_FIGURE'] !== undefined)
      console.info(`staggered: connected in ${ms.toFixed(1)} ms`);
    expect(events).toEqual([`attempt 1 ${hole.port}`, `attempt 2 ${live.port}`, `connected 2 ${live.port}`]);
    expect(socket.remotePort).toBe(live.port);
    const [serverSide] = await accepted;
    // Open now: the winner and its accepted end, nothing else — the blackholed socket is gone.
    const open = (await leakedSince(baseline, 300)).filter((name) => name === 'TCPSocketWrap');
    expect(open).toEqual(['TCPSocketWrap', 'TCPSocketWrap']);
    socket.destroy();
    serverSide.destroy();
    expect(await leakedSince(baseline)).toEqual([]);
  });
});
