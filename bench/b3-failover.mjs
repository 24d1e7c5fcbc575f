// B3: 3 refused peers then a live one (initialReconnectDelay=0, randomize=false):
// connect$ against a raw loop over the same 4 ports, and stompit's ConnectFailover.
import { main, log } from './lib/bench-main.mjs';
import { rawLoop, stompitFailover, viaConnect$ } from './lib/connectors.mjs';
import { refusedPorts, startListeners } from './lib/listener.mjs';
import { sequentialTimes } from './lib/sequential.mjs';
import { alternate, percentile, ratios, summary } from './lib/stats.mjs';

/** p50 (µs) of `count` sequential runs through the failover (connect, then destroy). */
const sequential = async (open, count) => percentile(await sequentialTimes(open, count), 50) * 1000;

const RUNS = 400;
const ROUNDS = 7;

main(async () => {
  const listener = await startListeners([{ kind: 'tcp' }]);
  const ports = [...(await refusedPorts(3)), listener.ports[0]];
  const uri = `failover:(${ports.map((port) => `tcp://127.0.0.1:${port}`).join(',')})?initialReconnectDelay=0&randomize=false`;
  const stompit = stompitFailover(ports, { initialReconnectDelay: 0, randomize: false });
  const runs = await alternate(
    {
      raw: (warm) => sequential(() => rawLoop(ports), warm ? 100 : RUNS),
      connect$: (warm) => sequential(() => viaConnect$(uri), warm ? 100 : RUNS),
      stompit: (warm) => sequential(stompit, warm ? 100 : RUNS),
    },
    {
      rounds: ROUNDS,
      onRound: (r, f) =>
        log(
          `B3 round ${r}: p50 µs raw loop ${f.raw.toFixed(1)}, connect$ ${f.connect$.toFixed(1)}, stompit ${f.stompit.toFixed(1)}`,
        ),
    },
  );
  listener.close();
  const mine = summary(ratios(runs.connect$, runs.raw));
  const stompitVsRaw = summary(ratios(runs.stompit, runs.raw));
  const speedup = summary(ratios(runs.stompit, runs.connect$));
  return {
    B3: {
      what: '3 refused peers then a live one: connect$ p50 / raw loop p50',
      ...mine,
      unit: 'x',
      target: '<= 1.20; >= 5x faster than stompit',
      met: mine.value <= 1.2 && speedup.value >= 5,
      rawLoopP50us: summary(runs.raw, 1),
      connectP50us: summary(runs.connect$, 1),
      stompitP50us: summary(runs.stompit, 1),
      rounds: ROUNDS,
      also: [
        {
          what: 'stompit ConnectFailover p50 / raw loop p50',
          ...stompitVsRaw,
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
