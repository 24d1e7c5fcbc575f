// B1: sequential TCP connect + destroy; connect$ against raw net.connect, and stompit's
// ConnectFailover (raw connect function). The three are interleaved connection by
// connection (lib/interleave.mjs); a round's ratio is the ratio of the medians of its
// per-connection times. Every variant destroys with resetAndDestroy (RST): no TIME_WAIT
// piles up on the listener's port, which would slow later connects (the kernel's port
// search) and make the ratio drift over the run.
import { main, log } from './lib/bench-main.mjs';
import { rawTcp, stompitFailover, viaConnect$ } from './lib/connectors.mjs';
import { interleave } from './lib/interleave.mjs';
import { startListeners } from './lib/listener.mjs';
import { ratios, summary } from './lib/stats.mjs';

const ROUNDS = 20;
const STEPS = 400; // connections per variant and round
const WARMUP_STEPS = 4000;

main(async () => {
  const listener = await startListeners([{ kind: 'tcp' }]);
  const [port] = listener.ports;
  const uri = `tcp://127.0.0.1:${port}`;
  // The same peer as a failover list of one: a run through defer + retry (a simple URI's
  // run of one attempt has no retry around it).
  const failoverUri = `failover:(${uri})`;
  const runs = await interleave(
    {
      raw: () => rawTcp(port),
      connect$: () => viaConnect$(uri),
      stompit: stompitFailover([port]),
      failover: () => viaConnect$(failoverUri),
    },
    {
      rounds: ROUNDS,
      steps: STEPS,
      warmupSteps: WARMUP_STEPS,
      onRound: (r, f) =>
        log(
          `B1 round ${r}: p50 µs raw ${(f.raw * 1000).toFixed(1)}, connect$ ${(f.connect$ * 1000).toFixed(1)}, ` +
            `stompit ${(f.stompit * 1000).toFixed(1)}, failover ${(f.failover * 1000).toFixed(1)}; ` +
            `connect$/raw ${(f.connect$ / f.raw).toFixed(3)}`,
        ),
    },
  );
  listener.close();
  const us = (name) => runs[name].map((ms) => ms * 1000);
  const mine = summary(ratios(runs.connect$, runs.raw));
  const theirs = summary(ratios(runs.stompit, runs.raw));
  const belowStompit = summary(ratios(runs.connect$, runs.stompit));
  const failoverOfOne = summary(ratios(runs.failover, runs.raw));
  return {
    B1: {
      what: `sequential TCP connect + destroy (tcp:// URI), interleaved: connect$ p50 / raw net.connect p50`,
      ...mine,
      unit: 'x',
      target: '<= 1.10; below stompit',
      met: mine.value <= 1.1 && belowStompit.value < 1,
      rawP50us: summary(us('raw'), 1),
      connectP50us: summary(us('connect$'), 1),
      stompitP50us: summary(us('stompit'), 1),
      failoverP50us: summary(us('failover'), 1),
      rounds: ROUNDS,
      connectionsPerRound: STEPS,
      also: [
        { what: 'stompit ConnectFailover p50 / raw p50', ...theirs, unit: 'x', target: '(reference)' },
        {
          what: `connect$ of failover:(the same peer) p50 / raw p50 (a run through defer + retry)`,
          ...failoverOfOne,
          unit: 'x',
          target: '(reference)',
        },
        {
          what: 'connect$ p50 / stompit p50',
          ...belowStompit,
          unit: 'x',
          target: '< 1',
          met: belowStompit.value < 1,
        },
      ],
    },
  };
});
