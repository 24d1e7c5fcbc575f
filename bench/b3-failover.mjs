// B3: 3 refused peers then a live one (initialReconnectDelay=0, randomize=false):
// connect$ against a raw loop over the same 4 ports, and the design card's chain alone,
// interleaved run by run (lib/interleave.mjs); a round's ratio is the ratio of the
// medians of its per-run times. stompit's ConnectFailover, 10-20x slower and leaving
// garbage that the next variant's timed window collected (the raw loop itself read ~45%
// slower with it interleaved), runs in a pass of its own beside connect$.
import { main, log } from './lib/bench-main.mjs';
import { rawLoop, stompitFailover, viaConnect$ } from './lib/connectors.mjs';
import { interleave } from './lib/interleave.mjs';
import { refusedPorts, startListeners } from './lib/listener.mjs';
import { chainLoop } from './lib/rx-floor.mjs';
import { ratios, summary } from './lib/stats.mjs';

const ROUNDS = 20;
const STEPS = 600; // runs per variant and round
const WARMUP_STEPS = 800;
const STOMPIT_ROUNDS = 10;
const STOMPIT_STEPS = 30;

main(async () => {
  const listener = await startListeners([{ kind: 'tcp' }]);
  const ports = [...(await refusedPorts(3)), listener.ports[0]];
  const uri = `failover:(${ports.map((port) => `tcp://127.0.0.1:${port}`).join(',')})?initialReconnectDelay=0&randomize=false`;
  const runs = await interleave(
    {
      raw: () => rawLoop(ports),
      connect$: () => viaConnect$(uri),
      chain: () => chainLoop(ports),
    },
    {
      rounds: ROUNDS,
      steps: STEPS,
      warmupSteps: WARMUP_STEPS,
      onRound: (r, f) =>
        log(
          `B3 round ${r}: p50 µs raw loop ${(f.raw * 1000).toFixed(1)}, connect$ ${(f.connect$ * 1000).toFixed(1)}, ` +
            `chain ${(f.chain * 1000).toFixed(1)}; ` +
            `connect$/raw ${(f.connect$ / f.raw).toFixed(3)}, chain/raw ${(f.chain / f.raw).toFixed(3)}`,
        ),
    },
  );
  const withStompit = await interleave(
    {
      raw: () => rawLoop(ports),
      connect$: () => viaConnect$(uri),
      stompit: stompitFailover(ports, { initialReconnectDelay: 0, randomize: false }),
    },
    {
      rounds: STOMPIT_ROUNDS,
      steps: STOMPIT_STEPS,
      warmupSteps: STOMPIT_STEPS,
      onRound: (r, f) =>
        log(
          `B3 stompit round ${r}: p50 µs raw loop ${(f.raw * 1000).toFixed(1)}, ` +
            `connect$ ${(f.connect$ * 1000).toFixed(1)}, stompit ${(f.stompit * 1000).toFixed(1)}`,
        ),
    },
  );
  listener.close();
  const us = (name) => runs[name].map((ms) => ms * 1000);
  const mine = summary(ratios(runs.connect$, runs.raw));
  const stompitVsRaw = summary(ratios(withStompit.stompit, withStompit.raw));
  const speedup = summary(ratios(withStompit.stompit, withStompit.connect$));
  const interleavedWithStompit = summary(ratios(withStompit.connect$, withStompit.raw));
  const chainVsRaw = summary(ratios(runs.chain, runs.raw));
  const aboveChain = summary(ratios(runs.connect$, runs.chain));
  return {
    B3: {
      what: '3 refused peers then a live one, interleaved: connect$ p50 / raw loop p50',
      ...mine,
      unit: 'x',
      target: '<= 1.20; >= 5x faster than stompit',
      met: mine.value <= 1.2 && speedup.value >= 5,
      rawLoopP50us: summary(us('raw'), 1),
      connectP50us: summary(us('connect$'), 1),
      stompitP50us: summary(
        withStompit.stompit.map((ms) => ms * 1000),
        1,
      ),
      chainP50us: summary(us('chain'), 1),
      rounds: ROUNDS,
      runsPerRound: STEPS,
      also: [
        {
          what: 'connect$ / raw loop, interleaved with stompit as well (its own pass)',
          ...interleavedWithStompit,
          unit: 'x',
          target: '(reference)',
        },
        {
          what: 'stompit ConnectFailover p50 / raw loop p50',
          ...stompitVsRaw,
          unit: 'x',
          target: '(reference)',
        },
        {
          what: "the design card's chain alone (defer + retry + timer(0, asap) around raw connects) / raw loop",
          ...chainVsRaw,
          unit: 'x',
          target: '(reference)',
        },
        {
          what: 'connect$ p50 / that chain p50 (what the library adds to the chain)',
          ...aboveChain,
          unit: 'x',
          target: '(reference)',
        },
        {
          what: 'stompit p50 / connect$ p50 (speed-up)',
          ...speedup,
          unit: 'x',
          target: '>= 5',
          met: speedup.value >= 5,
        },
      ],
    },
  };
});
