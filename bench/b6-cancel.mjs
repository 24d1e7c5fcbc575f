// B6: 50,000 runs cancelled at random phases (DNS lookup, TCP connect, TLS handshake,
// wait between attempts), in 5 rounds of 10,000 after a warm-up: heap after GC against
// the process before (the figure: the growth over all 50,000 runs; min and max: the
// growth measured after each round, so a leak shows as a rising series), and active
// handles back to the baseline after every round. Needs --expose-gc (the runner passes it).
import { main, log } from './lib/bench-main.mjs';
import { immediate, sleep, waitFor } from './lib/clock.mjs';
import { connect$ } from './lib/library.mjs';
import { refusedPorts, startBlackhole, startListeners } from './lib/listener.mjs';
import { prng } from './lib/prng.mjs';
import { round, summary } from './lib/stats.mjs';

const RUNS = 10_000;
const WARMUP = 5000;
const ROUNDS = 5;
const CONCURRENCY = 200;
const MB = 1024 * 1024;

/** The phases and how a run reaches each one. */
function phases({ live, silent, blackhole, refused }) {
  return {
    // 'localhost' goes through dns.lookup; cancelled at subscription, after a microtask or an immediate.
    dns: {
      target: `tcp://localhost:${live}`,
      cancel: (random) => ['sync', 'microtask', 'immediate'][Math.floor(random() * 3)],
    },
    // SYNs to the blackhole are dropped: the connect is pending until cancelled.
    connect: { target: `tcp://127.0.0.1:${blackhole}`, cancel: (random) => 1 + Math.floor(random() * 3) },
    // The silent listener accepts and never answers the ClientHello.
    tls: {
      target: `ssl://127.0.0.1:${silent}`,
      sockopts: { SSL_verify_mode: 0 },
      cancel: (random) => 3 + Math.floor(random() * 4),
    },
    // A refused peer, then a long wait: cancelled on the failed event, at once or after an immediate.
    wait: {
      target: `failover:(tcp://127.0.0.1:${refused})?initialReconnectDelay=60000`,
      onFailed: true,
      cancel: (random) => (random() < 0.5 ? 'sync' : 'immediate'),
    },
  };
}

/** One run of `phase`, cancelled as the phase says; resolves once cancelled (or ended). Counts what it saw. */
function cancelledRun(phase, random, seen) {
  return new Promise((resolve) => {
    const how = phase.cancel(random);
    let subscription;
    let ended = false;
    const cancel = () => {
      subscription?.unsubscribe();
      resolve();
    };
    const later = (fn) => {
      if (how === 'sync') fn();
      else if (how === 'microtask') Promise.resolve().then(fn);
      else if (how === 'immediate') immediate().then(fn);
      else sleep(how).then(fn);
    };
    subscription = connect$(phase.target, phase.sockopts).subscribe({
      next: (event) => {
        seen[event.type]++;
        if (event.type === 'connected') event.socket.destroy();
        if (event.type === 'failed' && phase.onFailed) later(cancel);
      },
      error: () => {
        seen.errors++;
        ended = true;
        resolve();
      },
      complete: () => {
        ended = true;
        resolve();
      },
    });
    if (!phase.onFailed && !ended) later(cancel);
  });
}

/** `count` runs at random phases, `CONCURRENCY` at a time. */
async function runMany(count, all, random) {
  const names = Object.keys(all);
  const seen = { attempt: 0, failed: 0, connected: 0, errors: 0 };
  const perPhase = Object.fromEntries(names.map((name) => [name, 0]));
  let started = 0;
  async function lane() {
    while (started < count) {
      started++;
      const name = names[Math.floor(random() * names.length)];
      perPhase[name]++;
      await cancelledRun(all[name], random, seen);
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  return { seen, perPhase };
}

function handles() {
  const counts = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

const sameHandles = (a, b) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

async function settledHeap() {
  await sleep(50);
  for (let i = 0; i < 4; i++) {
    gc();
    await immediate();
  }
  return process.memoryUsage().heapUsed;
}

main(async () => {
  if (typeof gc !== 'function') throw new Error('B6 needs node --expose-gc');
  const listener = await startListeners([{ kind: 'tcp' }, { kind: 'silent' }]);
  const blackhole = await startBlackhole({ lifetimeMs: 120_000 });
  const [refused] = await refusedPorts(1);
  const all = phases({
    live: listener.ports[0],
    silent: listener.ports[1],
    blackhole: blackhole.port,
    refused,
  });
  const random = prng(6);
  await runMany(WARMUP, all, random);
  await sleep(100);
  const baselineHandles = handles();
  const startHeap = await settledHeap();
  const growth = [];
  const cumulative = [];
  const tlsReached = [];
  const handleChecks = [];
  let before = startHeap;
  for (let r = 0; r < ROUNDS; r++) {
    const started = performance.now();
    const acceptedBefore = (await listener.stats())[1];
    const { seen, perPhase } = await runMany(RUNS, all, random);
    // The silent listener accepted this many of the TLS-phase runs: their TCP connect was done,
    // so they were cancelled during the handshake.
    tlsReached.push(((await listener.stats())[1] - acceptedBefore) / perPhase.tls);
    const back = await waitFor(() => sameHandles(handles(), baselineHandles), { maxMs: 3000, everyMs: 20 });
    const after = await settledHeap();
    growth.push((after - before) / MB);
    cumulative.push((after - startHeap) / MB);
    handleChecks.push(back ? 'baseline' : handles());
    log(
      `B6 round ${r}: ${RUNS} runs in ${(performance.now() - started).toFixed(0)} ms, heap ${((after - before) / MB).toFixed(2)} MB, ` +
        `handles ${back ? 'back to baseline' : JSON.stringify(handles())}; phases ${JSON.stringify(perPhase)}; events ${JSON.stringify(seen)}`,
    );
    before = after;
  }
  blackhole.close();
  listener.close();
  const perRound = summary(growth, 2);
  const checkpoints = summary(cumulative, 2);
  const total = round((before - startHeap) / MB, 2);
  const handlesBack = handleChecks.every((check) => check === 'baseline');
  return {
    B6: {
      what: `${(RUNS * ROUNDS).toLocaleString('en')} runs cancelled at random phases: heap growth after GC (MB)`,
      value: total,
      min: checkpoints.min,
      max: checkpoints.max,
      unit: 'MB',
      target: '< 5; handles back to baseline',
      met: total < 5 && handlesBack,
      valueIs: `growth over all ${RUNS * ROUNDS} runs; min/max: the growth after ${RUNS}, ${2 * RUNS}, … runs`,
      cumulativeMb: cumulative.map((mb) => round(mb, 2)),
      perRoundMb: perRound,
      handlesBack,
      tlsRunsCancelledInHandshake: summary(tlsReached, 3),
      baselineHandles,
      handlesAfterRounds: handleChecks,
      rounds: ROUNDS,
      concurrency: CONCURRENCY,
    },
  };
});
