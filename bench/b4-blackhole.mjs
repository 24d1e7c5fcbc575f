// B4: a blackholed peer (a listener with a full accept queue: SYNs dropped), then a
// live one; connectionTimeout=200. Time to connected, against 200 ms and against a
// raw net.connect loop that gives up on the blackhole after 200 ms.
import net from 'node:net';
import { main, log } from './lib/bench-main.mjs';
import { now } from './lib/clock.mjs';
import { connect$ } from './lib/library.mjs';
import { startBlackhole, startListeners } from './lib/listener.mjs';
import { alternate, ratios, round, summary } from './lib/stats.mjs';

const TIMEOUT = 200;
const ROUNDS = 7;
const RUNS = 3;

/** A raw baseline: connect to the blackhole, destroy after 200 ms, then connect to the live port. */
function rawTimeoutThenLive(blackhole, live) {
  return new Promise((resolve, reject) => {
    const stuck = net.connect({ host: '127.0.0.1', port: blackhole });
    stuck.on('error', () => {});
    stuck.once('connect', () => reject(new Error('the blackhole accepted a connection')));
    setTimeout(() => {
      stuck.destroy();
      const socket = net.connect({ host: '127.0.0.1', port: live });
      socket.once('connect', () => resolve(socket));
      socket.once('error', reject);
    }, TIMEOUT);
  });
}

/** connect$ through the failover; records whether the blackhole attempt timed out (ETIMEDOUT) before the live peer took it. */
function viaFailover(uri, live, checks) {
  return new Promise((resolve, reject) => {
    let firstFailure;
    connect$(uri).subscribe({
      next: (event) => {
        if (event.type === 'failed') firstFailure ??= event.error.code;
        if (event.type !== 'connected') return;
        checks.push(firstFailure === 'ETIMEDOUT' && event.attempt === 2 && event.socket.remotePort === live);
        resolve(event.socket);
      },
      error: reject,
    });
  });
}

/** The mean (ms) of `RUNS` sequential runs of `open()`, each to connected. */
async function timed(open) {
  let total = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = now();
    const socket = await open();
    total += now() - start;
    socket.resetAndDestroy();
  }
  return total / RUNS;
}

main(async () => {
  const blackhole = await startBlackhole({ lifetimeMs: 60_000 });
  const listener = await startListeners([{ kind: 'tcp' }]);
  const live = listener.ports[0];
  log(
    `B4 blackhole on port ${blackhole.port} (accept queue filled with ${blackhole.fillers - 1}, SYNs dropped: verified)`,
  );
  const uri =
    `failover:(tcp://127.0.0.1:${blackhole.port},tcp://127.0.0.1:${live})` +
    `?randomize=false&connectionTimeout=${TIMEOUT}&initialReconnectDelay=0`;
  const checks = [];
  const runs = await alternate(
    {
      raw: () => timed(() => rawTimeoutThenLive(blackhole.port, live)),
      connect$: () => timed(() => viaFailover(uri, live, checks)),
    },
    {
      rounds: ROUNDS,
      onRound: (r, f) => log(`B4 round ${r}: ms raw ${f.raw.toFixed(2)}, connect$ ${f.connect$.toFixed(2)}`),
    },
  );
  blackhole.close();
  listener.close();
  if (!checks.every(Boolean))
    throw new Error('B4: a run did not time out on the blackhole, then connect to the live peer');
  const mine = summary(runs.connect$, 2);
  return {
    B4: {
      what: `blackholed peer (connectionTimeout=${TIMEOUT}) then a live one: ms to connected`,
      ...mine,
      unit: 'ms',
      target: '<= 220',
      met: mine.value <= 220,
      rawMs: summary(runs.raw, 2),
      ratioToRaw: summary(ratios(runs.connect$, runs.raw)),
      overheadMs: round(mine.value - TIMEOUT, 2),
      rounds: ROUNDS,
      runsPerRound: RUNS,
    },
  };
});
