// The STOMP clients of B8 and B10: rx-stomp over a socket factory (ours, stompjsSocket,
// or @stomp/tcp-wrapper's TCPWrapper), and stompit's ConnectFailover with its own
// connect (a real STOMP handshake). Heart-beats are off (the bench broker offers none).
import { createRequire } from 'node:module';

import { now } from './clock.mjs';

const require = createRequire(import.meta.url);
const { RxStomp, RxStompState } = require('@stomp/rx-stomp');
const { TCPWrapper } = require('@stomp/tcp-wrapper');

/** A TCPWrapper (stompjs's IStompSocket over net.connect) to 127.0.0.1:`port`. */
export const tcpWrapper = (port) => new TCPWrapper('127.0.0.1', port);

/**
 * An RxStomp over `webSocketFactory`, activated. `onOpen(at)` is called (hrtime ns) each
 * time the STOMP session is open (CONNECTED received). Resolves once it first is.
 */
export async function startRxStomp(webSocketFactory, { reconnectDelay, onOpen = () => {} } = {}) {
  const rx = new RxStomp();
  rx.configure({
    webSocketFactory,
    // Absent, not undefined: an undefined reconnectDelay would turn reconnecting off.
    ...(reconnectDelay === undefined ? {} : { reconnectDelay }),
    heartbeatIncoming: 0,
    heartbeatOutgoing: 0,
    debug: process.env.STOMP_DEBUG ? (m) => console.log('stompjs:', m) : () => {},
  });
  let first;
  const opened = new Promise((resolve) => (first = resolve));
  const states = rx.connectionState$.subscribe((state) => {
    if (state !== RxStompState.OPEN) return;
    const at = process.hrtime.bigint();
    first();
    onOpen(at);
  });
  rx.activate();
  await opened;
  return {
    rx,
    async stop() {
      states.unsubscribe();
      await rx.deactivate({ force: true });
    },
  };
}

/**
 * stompit's ConnectFailover over `ports` (its defaults; reconnecting on a client's error,
 * as its documentation shows). `onConnected(port, at)` is called for each session.
 */
export function startStompit(ports, onConnected) {
  const { ConnectFailover } = require('stompit');
  const failover = new ConnectFailover(
    ports.map((port) => ({ host: '127.0.0.1', port, connectHeaders: { host: '/', 'heart-beat': '0,0' } })),
    { randomize: false },
  );
  const clients = new Set();
  const connecting = failover.connect((error, client, reconnect, server) => {
    if (error) return;
    const at = process.hrtime.bigint();
    clients.add(client);
    client.on('error', () => {
      clients.delete(client);
      reconnect();
    });
    onConnected(server.serverProperties.connectOptions.port, at);
  });
  return {
    stop() {
      connecting.abort();
      for (const client of clients) client.destroy();
    },
  };
}

/**
 * An rx-stomp client over `webSocketFactory` watching its own `destination`:
 * `roundTrip()` resolves once a message published there is back, `burst(n)` with the ms
 * from the first of `n` messages published at once to the arrival of the last (B10 and
 * its profile tool).
 */
export async function echoClient(destination, webSocketFactory, body) {
  const { rx, stop } = await startRxStomp(webSocketFactory);
  let arrived = () => {};
  const watching = rx.watch({ destination }).subscribe(() => arrived());
  const roundTrip = () =>
    new Promise((resolve) => {
      arrived = resolve;
      rx.publish({ destination, body });
    });
  // A SUBSCRIBE is not acknowledged: a first message that comes back says it is in place.
  await roundTrip();
  return {
    roundTrip,
    burst(n) {
      return new Promise((resolve) => {
        let left = n;
        const start = now();
        arrived = () => {
          if (--left === 0) resolve(now() - start);
        };
        for (let i = 0; i < n; i++) rx.publish({ destination, body });
      });
    },
    async stop() {
      watching.unsubscribe();
      await stop();
    },
  };
}
