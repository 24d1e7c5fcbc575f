// B3's shape (three refused peers, then a live one) over two builds of the library in one
// process, interleaved run by run with the raw loop and the design's chain: what a change
// is worth, below the noise of whole-suite runs. Each round prints the p50 ratios; the
// last line gives the medians over the rounds, `next/base` among them (an unchanged
// build reads 0.99–1.00). How docs/performance.md took B3 apart.
// Not part of `npm run bench`; build the base elsewhere (e.g. a worktree of the commit
// before), then run
//   node bench/tools/compare-builds.mjs BASE_DIST [rounds]
// against this checkout's dist/ (npm run build first; BENCH_DIST picks another).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { rawLoop, viaConnect$ } from '../lib/connectors.mjs';
import { interleave } from '../lib/interleave.mjs';
import { refusedPorts, startListeners } from '../lib/listener.mjs';
import { chainLoop } from '../lib/rx-floor.mjs';
import { ratios, summary } from '../lib/stats.mjs';

const STEPS = 600; // runs per variant and round, as B3
const WARMUP_STEPS = 800;

const [baseDir, roundsArg = '8'] = process.argv.slice(2);
const rounds = Number(roundsArg);
if (baseDir === undefined || !existsSync(path.join(baseDir, 'index.js')) || !(rounds >= 1)) {
  console.error('usage: node bench/tools/compare-builds.mjs BASE_DIST [rounds >= 1]');
  process.exit(2);
}
// The base build resolves its own rxjs (from where it lies), as its users would.
const base = createRequire(path.resolve(baseDir, 'index.js'))(path.resolve(baseDir, 'index.js'));

/** Subscribes to a run of `connect$`, resolves the socket of `connected`. */
function viaBase(uri) {
  return new Promise((resolve, reject) => {
    base.connect$(uri).subscribe({
      next: (event) => {
        if (event.type === 'connected') resolve(event.socket);
      },
      error: reject,
    });
  });
}

const listener = await startListeners([{ kind: 'tcp' }]);
try {
  const ports = [...(await refusedPorts(3)), listener.ports[0]];
  const uri = `failover:(${ports.map((port) => `tcp://127.0.0.1:${port}`).join(',')})?initialReconnectDelay=0&randomize=false`;
  const p50 = await interleave(
    {
      raw: () => rawLoop(ports),
      chain: () => chainLoop(ports),
      base: () => viaBase(uri),
      next: () => viaConnect$(uri),
    },
    {
      rounds,
      steps: STEPS,
      warmupSteps: WARMUP_STEPS,
      onRound: (round, f) =>
        console.log(
          `round ${round}: raw p50 ${(f.raw * 1000).toFixed(1)} µs; / raw: chain ${(f.chain / f.raw).toFixed(3)}, ` +
            `base ${(f.base / f.raw).toFixed(3)}, next ${(f.next / f.raw).toFixed(3)}; next/base ${(f.next / f.base).toFixed(3)}`,
        ),
    },
  );
  const ratio = (a, b) => summary(ratios(p50[a], p50[b])).value.toFixed(3);
  console.log(
    `median of ${rounds} rounds: chain/raw ${ratio('chain', 'raw')}, base/raw ${ratio('base', 'raw')}, ` +
      `next/raw ${ratio('next', 'raw')}, next/base ${ratio('next', 'base')}`,
  );
} finally {
  listener.close();
}
