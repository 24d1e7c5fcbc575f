// B10: messages through rx-stomp once connected: publish → watch round trips through the
// bench broker (lib/mini-broker.mjs, in the listener child), rx-stomp over stompjsSocket
// against rx-stomp over @stomp/tcp-wrapper, each on a destination of its own.
//   latency     one message at a time, publish to arrival, the two clients interleaved
//               message by message; a round's ratio is the ratio of its medians
//   throughput  a burst published at once, time until its last message arrived, the
//               two clients alternating burst by burst (order reversed every round)
// Our socket must cost nothing once connected: latency ratio <= 1.05, throughput >= 0.95.
import { main, log } from './lib/bench-main.mjs';
import { now } from './lib/clock.mjs';
import { stompjsSocket } from './lib/library.mjs';
import { startListeners } from './lib/listener.mjs';
import { startRxStomp, tcpWrapper } from './lib/stomp-clients.mjs';
import { median, ratios, summary } from './lib/stats.mjs';

const LATENCY_ROUNDS = 20;
const LATENCY_STEPS = 500; // messages per client and round: 10,000 in all
const BURST_ROUNDS = 20;
const BURST = 1000; // messages per burst: 20,000 per client in all
const WARMUP = 1000;
const BODY = 'x'.repeat(100);

/** A client on its own destination: `roundTrip()` (ms for one message), `burst(n)` (ms for n). */
async function client(name, factory) {
  const destination = `/queue/b10-${name}`;
  const { rx, stop } = await startRxStomp(factory);
  let arrived = () => {};
  const watching = rx.watch({ destination }).subscribe(() => arrived());
  // A SUBSCRIBE is not acknowledged: a first message that comes back says it is in place.
  await new Promise((resolve) => {
    arrived = resolve;
    rx.publish({ destination, body: BODY });
  });
  return {
    roundTrip() {
      return new Promise((resolve) => {
        const start = now();
        arrived = () => resolve(now() - start);
        rx.publish({ destination, body: BODY });
      });
    },
    burst(n) {
      return new Promise((resolve) => {
        let left = n;
        const start = now();
        arrived = () => {
          if (--left === 0) resolve(now() - start);
        };
        for (let i = 0; i < n; i++) rx.publish({ destination, body: BODY });
      });
    },
    async stop() {
      watching.unsubscribe();
      await stop();
    },
  };
}

main(
  async () => {
    if (stompjsSocket === undefined) {
      return {
        B10: {
          what: 'rx-stomp messages: stompjsSocket / @stomp/tcp-wrapper',
          value: null,
          min: null,
          max: null,
          spread: null,
          unit: 'x',
          target: 'latency p50 <= 1.05; throughput >= 0.95',
          met: null,
          unavailable: 'not available: this build has no stomp-connection/stompjs entry (stompjsSocket)',
        },
      };
    }
    const listener = await startListeners([{ kind: 'stomp' }]);
    const [port] = listener.ports;
    const clients = {
      ours: await client('ours', () => stompjsSocket(`tcp://127.0.0.1:${port}`)),
      theirs: await client('theirs', () => tcpWrapper(port)),
    };
    const names = Object.keys(clients);
    for (let i = 0; i < WARMUP; i++) for (const name of names) await clients[name].roundTrip();
    await clients.ours.burst(BURST);
    await clients.theirs.burst(BURST);

    const latency = { ours: [], theirs: [] };
    const times = { ours: new Float64Array(LATENCY_STEPS), theirs: new Float64Array(LATENCY_STEPS) };
    for (let round = 0; round < LATENCY_ROUNDS; round++) {
      for (let i = 0; i < LATENCY_STEPS; i++) {
        const order = i % 2 === 0 ? names : [...names].reverse();
        for (const name of order) times[name][i] = await clients[name].roundTrip();
      }
      for (const name of names) latency[name].push(median(times[name]));
      log(
        `B10 latency round ${round}: p50 µs ours ${(latency.ours.at(-1) * 1000).toFixed(1)}, ` +
          `tcp-wrapper ${(latency.theirs.at(-1) * 1000).toFixed(1)}`,
      );
    }
    const throughput = { ours: [], theirs: [] };
    for (let round = 0; round < BURST_ROUNDS; round++) {
      const order = round % 2 === 0 ? names : [...names].reverse();
      for (const name of order) throughput[name].push(BURST / ((await clients[name].burst(BURST)) / 1000));
      log(
        `B10 burst round ${round}: messages/s ours ${throughput.ours.at(-1).toFixed(0)}, ` +
          `tcp-wrapper ${throughput.theirs.at(-1).toFixed(0)}`,
      );
    }
    for (const name of names) await clients[name].stop();
    listener.close();

    const latencyRatio = summary(ratios(latency.ours, latency.theirs));
    const throughputRatio = summary(ratios(throughput.ours, throughput.theirs));
    const us = (values) =>
      summary(
        values.map((ms) => ms * 1000),
        1,
      );
    return {
      B10: {
        what: 'rx-stomp publish → watch round trip, p50: over stompjsSocket / over @stomp/tcp-wrapper',
        ...latencyRatio,
        unit: 'x',
        target: 'latency p50 <= 1.05; throughput >= 0.95',
        met: latencyRatio.value <= 1.05 && throughputRatio.value >= 0.95,
        latencyP50us: { stompjsSocket: us(latency.ours), tcpWrapper: us(latency.theirs) },
        messagesPerSecond: {
          stompjsSocket: summary(throughput.ours, 0),
          tcpWrapper: summary(throughput.theirs, 0),
        },
        messages: {
          latency: LATENCY_ROUNDS * LATENCY_STEPS,
          throughput: BURST_ROUNDS * BURST,
          bodyBytes: BODY.length,
        },
        also: [
          {
            what: `throughput, bursts of ${BURST.toLocaleString('en')}: stompjsSocket / tcp-wrapper (messages/s)`,
            ...throughputRatio,
            unit: 'x',
            target: '>= 0.95',
            met: throughputRatio.value >= 0.95,
          },
        ],
      },
    };
  },
  { maxMs: 120_000 },
);
