// B7: a reconnect storm in virtual time (rxjs TestScheduler.run) with connect$'s real
// schedule: CLIENTS clients, 3 brokers down for 30 s then back, through a fake
// transport; jitter none / full / equal. Peak attempts per 10 ms window and the time
// until all are connected.
import { main, log } from './lib/bench-main.mjs';
import { connect$, rxjs, rxjsTesting } from './lib/library.mjs';
import { HeapTestScheduler } from './lib/virtual-time.mjs';
import { prng } from './lib/prng.mjs';
import { round, summary } from './lib/stats.mjs';

const CLIENTS = Number(process.env.B7_CLIENTS ?? 10_000);
const DOWN_MS = 30_000;
const WINDOW_MS = 10;
const ROUNDS = 5;
const CHECK_CLIENTS = 300;
const MODES = ['none', 'full', 'equal'];
const URI = (jitter) =>
  `failover:(tcp://127.0.0.1:61613,tcp://127.0.0.1:61614,tcp://127.0.0.1:61615)?jitter=${jitter}`;

/** One storm: every client starts at t=0 (the brokers just went down). */
function storm(jitter, seed, { clients = CLIENTS, stock = false } = {}) {
  const { defer, of, throwError } = rxjs;
  const scheduler = stock ? new rxjsTesting.TestScheduler(() => {}) : new HeapTestScheduler();
  const random = prng(seed);
  const windows = new Map();
  const recovery = new Map();
  let firstAttempts = 0;
  let attempts = 0;
  let connected = 0;
  let lastConnected = 0;
  const socket = { destroy() {}, on() {}, once() {}, off() {} }; // all the library calls on a socket
  // One cause for every refusal (the library wraps it in its own AttemptError each time).
  const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
  const transport = () => defer(() => (scheduler.now() < DOWN_MS ? throwError(() => refused) : of(socket)));
  const started = performance.now();
  scheduler.run(() => {
    for (let i = 0; i < clients; i++) {
      connect$(URI(jitter), undefined, { transport, random }).subscribe((event) => {
        if (event.type === 'attempt') {
          const t = scheduler.now();
          const w = Math.floor(t / WINDOW_MS);
          attempts++;
          if (event.attempt === 1) firstAttempts++;
          else windows.set(w, (windows.get(w) ?? 0) + 1);
          if (t >= DOWN_MS) recovery.set(w, (recovery.get(w) ?? 0) + 1);
        } else if (event.type === 'connected') {
          connected++;
          lastConnected = scheduler.now();
        }
      });
    }
  });
  if (connected !== clients) throw new Error(`B7 ${jitter}: ${connected} of ${clients} connected`);
  const peak = (map) => Math.max(0, ...map.values());
  return {
    peakRecovery: peak(recovery),
    peakRetries: peak(windows),
    peakAll: Math.max(firstAttempts + (windows.get(0) ?? 0), peak(windows)),
    allConnectedMs: lastConnected,
    attempts,
    wallMs: performance.now() - started,
  };
}

/** A storm's figures without its wall time, as text (to compare timelines). */
function timeline(figures) {
  return JSON.stringify({ ...figures, wallMs: undefined });
}

/** The heap scheduler gives the same timeline as rxjs's own TestScheduler (on a storm small enough for it). */
function checkScheduler() {
  for (const mode of MODES) {
    const fast = timeline(storm(mode, 7, { clients: CHECK_CLIENTS }));
    const stock = timeline(storm(mode, 7, { clients: CHECK_CLIENTS, stock: true }));
    if (fast !== stock)
      throw new Error(`B7: the heap scheduler differs from TestScheduler (${mode}): ${fast} / ${stock}`);
  }
  return `identical to rxjs TestScheduler on ${CHECK_CLIENTS} clients x 3 modes`;
}

main(async () => {
  const schedulerCheck = checkScheduler();
  log(`B7 scheduler check: ${schedulerCheck}`);
  // Without jitter nothing random touches the timeline (the shuffle only picks the broker):
  // one storm gives the figures of every seed (checked on a second seed at the smaller size).
  const none = storm('none', 1000);
  const noneAgain = timeline(storm('none', 2000, { clients: CHECK_CLIENTS }));
  if (noneAgain !== timeline(storm('none', 1000, { clients: CHECK_CLIENTS }))) {
    throw new Error('B7: jitter none depends on the seed');
  }
  const results = { none: [], full: [], equal: [] };
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? ['full', 'equal'] : ['equal', 'full'];
    for (const mode of order) results[mode].push(storm(mode, 1000 + r));
    results.none.push(none);
    log(
      `B7 round ${r}: ` +
        MODES.map((m) => {
          const x = results[m][r];
          return `${m}: peak ${x.peakRecovery}/10ms once back (retries ${x.peakRetries}, all ${x.peakAll}), all connected at ${x.allConnectedMs} ms, ${x.attempts} attempts, ${x.wallMs.toFixed(0)} ms`;
        }).join('; '),
    );
  }
  const pick = (mode, key) => results[mode].map((x) => x[key]);
  const reduction = (key, mode = 'full') => pick('none', key).map((v, i) => v / pick(mode, key)[i]);
  const full = summary(reduction('peakRecovery'));
  const detail = (mode) => ({
    peakPer10msOnceBack: summary(pick(mode, 'peakRecovery'), 0),
    peakPer10msRetries: summary(pick(mode, 'peakRetries'), 0),
    peakPer10msAll: summary(pick(mode, 'peakAll'), 0),
    allConnectedMs: summary(pick(mode, 'allConnectedMs'), 0),
    attempts: summary(pick(mode, 'attempts'), 0),
    wallMs: summary(pick(mode, 'wallMs'), 0),
  });
  return {
    B7: {
      what: `reconnect storm, ${CLIENTS.toLocaleString('en')} clients, 3 brokers down ${DOWN_MS / 1000} s: peak attempts per 10 ms once back, none / full jitter`,
      ...full,
      unit: 'x',
      target: '>= 10',
      met: full.value >= 10,
      clients: CLIENTS,
      none: detail('none'),
      full: detail('full'),
      equal: detail('equal'),
      equalReduction: summary(reduction('peakRecovery', 'equal')),
      retriesPeakReduction: summary(reduction('peakRetries')),
      rounds: ROUNDS,
      schedulerCheck,
      // The storm keeps every client's run (and its attempt errors) alive at once.
      processPeakRssMb: round(process.resourceUsage().maxRSS / 1024, 0),
    },
  };
});
