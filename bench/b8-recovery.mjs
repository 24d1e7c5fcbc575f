// B8: recovery after a drop. Two STOMP brokers (lib/mini-broker.mjs) in the listener
// child; a client connected to one of them when that broker dies (its connections reset,
// its listener closed), the other one live: the time from the reset until the client has
// a new STOMP session (CONNECTED received) on the other broker. Both processes read the
// same clock (process.hrtime: CLOCK_MONOTONIC). Each sample is a fresh client; the dead
// broker comes back between samples, and the variants alternate sample by sample:
//   connection$        default options, verify: stompHandshake()
//   rx-stomp           over stompjsSocket(failover URI): rx-stomp's default reconnectDelay, and 10 ms
//   tcp-wrapper        rx-stomp over @stomp/tcp-wrapper pointed at the live broker (reconnectDelay 10:
//                      the floor of a reconnect through rx-stomp; it has no failover of its own)
//   stompit            ConnectFailover over both brokers, reconnecting on the client's error
// Needs connection$ (SPEC §8) and stompjsSocket (SPEC §10); without them the rows say so.
import { main, log } from './lib/bench-main.mjs';
import { connection$, stompHandshake, stompjsSocket } from './lib/library.mjs';
import { startListeners } from './lib/listener.mjs';
import { startRxStomp, startStompit, tcpWrapper } from './lib/stomp-clients.mjs';
import { median, noValue, round, summary } from './lib/stats.mjs';

const SAMPLES = 31; // per variant
const DEFAULT_DELAY_SAMPLES = 3; // rx-stomp's default reconnectDelay is 5 s a sample
const RX_STOMP_DEFAULT_DELAY = 5000; // RxStompConfig's reconnectDelay when none is given
const TARGET_MS = 20;

const ms = (from, to) => Number(to - from) / 1e6;

/**
 * One sample: `start(onSession)` starts a client (onSession(port, at) on each STOMP session,
 * `port` may be undefined when the client cannot tell) and resolves to { stop }. Once the
 * first session is up, its broker is dropped; resolves to ms from the reset to the next session.
 */
async function sample(listener, ports, start) {
  let sessions = 0;
  let firstPort;
  let reconnected;
  let atFirst;
  const first = new Promise((resolve) => (atFirst = resolve));
  const second = new Promise((resolve) => (reconnected = resolve));
  const client = await start((port, at) => {
    sessions++;
    if (sessions === 1) {
      firstPort = port;
      atFirst();
    } else if (sessions === 2) reconnected({ port, at });
  });
  await first;
  const dead = ports.indexOf(firstPort ?? ports[0]);
  const droppedAt = await listener.drop(dead);
  const timeout = new Promise((_, reject) =>
    setTimeout(() => reject(new Error('no new session within 15 s')), 15_000).unref(),
  );
  const next = await Promise.race([second, timeout]);
  await client.stop();
  await listener.up(dead);
  if (next.port !== undefined && next.port === ports[dead]) throw new Error('reconnected to the dead broker');
  return ms(droppedAt, next.at);
}

/** The variants, each a `start(onSession)`; `live` says which broker a pointed client should go to. */
function variants(ports, live) {
  const failover = `failover:(${ports.map((port) => `tcp://127.0.0.1:${port}`).join(',')})`;
  const viaStompjsSocket = (reconnectDelay) => async (onSession) => {
    let port;
    const client = await startRxStomp(
      () => stompjsSocket(failover, {}, { onEvent: (e) => e.type === 'connected' && (port = e.peer.port) }),
      { reconnectDelay, onOpen: (at) => onSession(port, at) },
    );
    return client;
  };
  return {
    connection$: async (onSession) => {
      const subscription = connection$(failover, {}, { verify: stompHandshake() }).subscribe({
        next: (event) => {
          if (event.type !== 'connected') return;
          const at = process.hrtime.bigint();
          // Which broker the new cycle tried first: attempt 1 is the standby, 2 the dead one first.
          if (event.connection >= 2) live.cycleAttempts.push(event.attempt);
          onSession(event.peer.port, at);
        },
        error: () => {},
      });
      return { stop: () => subscription.unsubscribe() };
    },
    'rx-stomp 10': viaStompjsSocket(10),
    'tcp-wrapper 10': async (onSession) => {
      live.port = ports[0];
      const client = await startRxStomp(() => tcpWrapper(live.port), {
        reconnectDelay: 10,
        onOpen: (at) => onSession(live.port, at),
      });
      // The broker it is on is about to die: its next connection goes to the other one.
      live.port = ports[1];
      return { stop: () => client.stop() };
    },
    stompit: async (onSession) => startStompit(ports, onSession),
    'rx-stomp default': viaStompjsSocket(undefined),
  };
}

main(
  async () => {
    if (connection$ === undefined || stompjsSocket === undefined) {
      const missing = [connection$ ? '' : 'connection$', stompjsSocket ? '' : 'stompjsSocket'].filter(
        Boolean,
      );
      return {
        B8: noValue({
          what: 'recovery after a drop: connection$ median ms from the reset to a STOMP session on the standby',
          unit: 'ms',
          target: `<= ${TARGET_MS} ms; <= 1.1x the tcp-wrapper floor`,
          met: null,
          unavailable: `not available: this build has no ${missing.join(' and ')}`,
        }),
      };
    }
    const listener = await startListeners([{ kind: 'stomp' }, { kind: 'stomp' }]);
    const { ports } = listener;
    const live = { cycleAttempts: [] };
    const all = variants(ports, live);
    const times = Object.fromEntries(Object.keys(all).map((name) => [name, []]));
    for (let i = 0; i < SAMPLES; i++) {
      const order = i % 2 === 0 ? Object.keys(all) : Object.keys(all).reverse();
      for (const name of order) {
        if (name === 'rx-stomp default' && i >= DEFAULT_DELAY_SAMPLES) continue;
        try {
          times[name].push(await sample(listener, ports, all[name]));
        } catch (error) {
          throw new Error(`B8 ${name}: ${error.message}`, { cause: error });
        }
      }
      const latest = Object.entries(times).filter(([, t]) => t.length === i + 1);
      log(`B8 sample ${i}: ms ${latest.map(([n, t]) => `${n} ${t.at(-1).toFixed(1)}`).join(', ')}`);
    }
    listener.close();
    const mine = summary(times['connection$'], 2);
    const floor = median(times['tcp-wrapper 10']);
    // The samples are independent draws (the shuffle decides which broker a cycle tries
    // first), so pairing them means nothing: the ratio of the medians.
    const toFloor = { value: round(mine.value / floor), min: null, max: null, spread: null };
    const row = (name, what, target) => ({ what, ...summary(times[name], 1), unit: 'ms', target });
    // connection$'s samples by the broker its new cycle tried first (the shuffle decides).
    const byFirstTry = (attempt) => times['connection$'].filter((_, i) => live.cycleAttempts[i] === attempt);
    const mode = (attempt, what) => {
      const samples = byFirstTry(attempt);
      return samples.length === 0
        ? noValue({ what, unit: 'ms', target: '(reference)', samples: 0 })
        : { what, ...summary(samples, 1), unit: 'ms', target: '(reference)', samples: samples.length };
    };
    return {
      B8: {
        what: 'recovery after a drop: connection$ (default options) ms from the reset to a STOMP session on the standby',
        ...mine,
        unit: 'ms',
        target: `<= ${TARGET_MS} ms; <= 1.1x the tcp-wrapper floor`,
        met: mine.value <= TARGET_MS && mine.value <= 1.1 * floor,
        samples: SAMPLES,
        samplesMs: Object.fromEntries(
          Object.entries(times).map(([n, t]) => [n, t.map((x) => Math.round(x * 100) / 100)]),
        ),
        also: [
          {
            what: 'connection$ median / tcp-wrapper floor median',
            ...toFloor,
            unit: 'x',
            target: '<= 1.1',
            met: toFloor.value <= 1.1,
          },
          mode(1, 'connection$ samples whose new cycle tried the standby first'),
          mode(2, 'connection$ samples whose new cycle tried the dead broker first (refused, then a wait)'),
          row('rx-stomp 10', 'rx-stomp over stompjsSocket(failover URI), reconnectDelay 10', '(reference)'),
          row(
            'rx-stomp default',
            `rx-stomp over stompjsSocket(failover URI), default reconnectDelay (${RX_STOMP_DEFAULT_DELAY} ms)`,
            '(reference)',
          ),
          row(
            'tcp-wrapper 10',
            'rx-stomp over @stomp/tcp-wrapper pointed at the standby, reconnectDelay 10 (floor)',
            '(reference)',
          ),
          row('stompit', 'stompit ConnectFailover, reconnect on error', '(reference)'),
        ],
      },
    };
  },
  { maxMs: 150_000 },
);
