// B9 (issue 12, SPEC §9): a blackholed first peer (SYNs dropped), a live second one, no
// connectionTimeout, connectionAttemptDelay=250: ms to connected, and the blackholed
// attempt's socket gone afterwards (TCP handles back to the baseline). Beside it, the
// same run without staggering, cut off at 10 s: it would wait for the OS connect timeout
// (about 2 minutes on Linux). Reports "not available" until the build parses
// connectionAttemptDelay: never a figure it did not measure.
import { main, log } from './lib/bench-main.mjs';
import { now, sleep, waitFor } from './lib/clock.mjs';
import { connect$, supportsOption } from './lib/library.mjs';
import { startBlackhole, startListeners } from './lib/listener.mjs';
import { noValue, summary } from './lib/stats.mjs';

const DELAY = 250;
const RUNS = 7;
const CUT_OFF_MS = 10_000;
const TARGET_MS = 270;

const tcpHandles = () => process.getActiveResourcesInfo().filter((name) => name === 'TCPWrap').length;

/** ms from subscription to connected, or null when `cutOffMs` passed first (the run is then cancelled). */
function timeToConnected(uri, cutOffMs) {
  return new Promise((resolve, reject) => {
    const start = now();
    let timer;
    const subscription = connect$(uri).subscribe({
      next: (event) => {
        if (event.type !== 'connected') return;
        clearTimeout(timer);
        event.socket.resetAndDestroy();
        resolve(now() - start);
      },
      error: (error) => {
        clearTimeout(timer);
        reject(error);
      },
    });
    timer = setTimeout(() => {
      subscription.unsubscribe();
      resolve(null);
    }, cutOffMs);
  });
}

main(
  async () => {
    const what = `blackholed first peer, live second, no connectionTimeout, connectionAttemptDelay=${DELAY}: ms to connected`;
    if (!supportsOption('connectionAttemptDelay', DELAY)) {
      return {
        B9: noValue({
          what,
          unit: 'ms',
          target: `<= ${TARGET_MS}`,
          met: null,
          unavailable: 'not available: this build does not parse connectionAttemptDelay (issue 12)',
        }),
      };
    }
    const blackhole = await startBlackhole({ lifetimeMs: 60_000 });
    const listener = await startListeners([{ kind: 'tcp' }]);
    const peers = `tcp://127.0.0.1:${blackhole.port},tcp://127.0.0.1:${listener.ports[0]}`;
    const staggered = `failover:(${peers})?randomize=false&connectionAttemptDelay=${DELAY}`;
    const sequential = `failover:(${peers})?randomize=false`;
    const baseline = tcpHandles();
    const times = [];
    let leftOpen = 0;
    for (let i = 0; i < RUNS; i++) {
      const ms = await timeToConnected(staggered, CUT_OFF_MS);
      if (ms === null) throw new Error(`B9: a staggered run did not connect within ${CUT_OFF_MS} ms`);
      times.push(ms);
      // The blackholed attempt is cancelled when the live one wins: its socket must be gone.
      if (!(await waitFor(() => tcpHandles() <= baseline, { maxMs: 1000 }))) leftOpen++;
      log(`B9 run ${i}: ${ms.toFixed(1)} ms to connected`);
    }
    const unstaggered = await timeToConnected(sequential, CUT_OFF_MS);
    log(
      `B9 without staggering: ${unstaggered === null ? `not connected after ${CUT_OFF_MS} ms` : `${unstaggered} ms`}`,
    );
    await sleep(50);
    blackhole.close();
    listener.close();
    const mine = summary(times, 1);
    return {
      B9: {
        what,
        ...mine,
        unit: 'ms',
        target: `<= ${TARGET_MS}; the blackholed socket destroyed`,
        met: mine.value <= TARGET_MS && leftOpen === 0,
        runsWithASocketLeftOpen: leftOpen,
        runs: RUNS,
        also: [
          {
            what: `the same run without staggering (cut off at ${CUT_OFF_MS / 1000} s)`,
            value: unstaggered ?? CUT_OFF_MS,
            min: null,
            max: null,
            spread: null,
            unit: 'ms',
            target: '(reference)',
            note: unstaggered === null ? `not connected after ${CUT_OFF_MS} ms (cut off)` : 'connected',
          },
        ],
      },
    };
  },
  { maxMs: 60_000 },
);
