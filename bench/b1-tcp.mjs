// B1: 3,000 sequential TCP connect + destroy; connect$ against raw net.connect
// (p50 of the per-connection time), and stompit's ConnectFailover (raw connect function).
// Every variant destroys with resetAndDestroy (RST): no TIME_WAIT piles up on the
// listener's port, which would slow later connects (the kernel's port search) and make
// the ratio depend on the order of the rounds.
import { main, log } from './lib/bench-main.mjs';
import { rawTcp, stompitFailover, viaConnect$ } from './lib/connectors.mjs';
import { startListeners } from './lib/listener.mjs';
import { sequentialTimes } from './lib/sequential.mjs';
import { alternate, percentile, ratios, round, summary } from './lib/stats.mjs';

/** p50 and mean (µs) of `count` sequential connect + destroy through `open()`. */
async function sequential(open, count) {
  const times = await sequentialTimes(open, count);
  return { p50: percentile(times, 50) * 1000, mean: (times.reduce((a, b) => a + b, 0) / count) * 1000 };
}

const CONNECTS = 3000;
const ROUNDS = 7;

main(async () => {
  const listener = await startListeners([{ kind: 'tcp' }]);
  const [port] = listener.ports;
  const uri = `tcp://127.0.0.1:${port}`;
  const stompit = stompitFailover([port]);
  const runs = await alternate(
    {
      raw: (warm) => sequential(() => rawTcp(port), warm ? 1000 : CONNECTS),
      connect$: (warm) => sequential(() => viaConnect$(uri), warm ? 1000 : CONNECTS),
      stompit: (warm) => sequential(stompit, warm ? 1000 : CONNECTS),
    },
    {
      rounds: ROUNDS,
      onRound: (r, f) =>
        log(
          `B1 round ${r}: p50 µs raw ${f.raw.p50.toFixed(1)}, connect$ ${f.connect$.p50.toFixed(1)}, stompit ${f.stompit.p50.toFixed(1)}`,
        ),
    },
  );
  listener.close();
  const p50 = (name) => runs[name].map((r) => r.p50);
  const mine = summary(ratios(p50('connect$'), p50('raw')));
  const theirs = summary(ratios(p50('stompit'), p50('raw')));
  const belowStompit = summary(ratios(p50('connect$'), p50('stompit')));
  return {
    B1: {
      what: `${CONNECTS} sequential TCP connect + destroy: connect$ p50 / raw net.connect p50`,
      ...mine,
      unit: 'x',
      target: '<= 1.10; below stompit',
      met: mine.value <= 1.1 && belowStompit.value < 1,
      rawP50us: summary(p50('raw'), 1),
      connectP50us: summary(p50('connect$'), 1),
      stompitP50us: summary(p50('stompit'), 1),
      meanRatio: round(
        summary(
          ratios(
            runs['connect$'].map((r) => r.mean),
            runs.raw.map((r) => r.mean),
          ),
        ).value,
      ),
      rounds: ROUNDS,
      also: [
        { what: 'stompit ConnectFailover p50 / raw p50', ...theirs, unit: 'x', target: '(reference)' },
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
