// B5: 10,000 concurrent connect$ to one listener against 10,000 concurrent raw
// net.connect: wall time (first connect started to last connected) and peak RSS
// (the process's maxRSS), each measurement in a fresh process, A and B alternating.
// Both kinds of process load the library first. The kernel's ListenOverflows counter
// shows whether a burst overflowed the listener's accept queue (SYNs dropped and
// retried a second later), which would make the wall times meaningless.
import { fileURLToPath } from 'node:url';
import { main, log } from './lib/bench-main.mjs';
import { sleep } from './lib/clock.mjs';
import { startListeners } from './lib/listener.mjs';
import { listenOverflows } from './lib/netstat.mjs';
import { CLIENT_CPU, nextMessage, spawnNode } from './lib/proc.mjs';
import { alternate, ratios, summary } from './lib/stats.mjs';

const WORKER = fileURLToPath(new URL('./lib/b5-worker.mjs', import.meta.url));
const COUNT = 10_000;
const ROUNDS = 5;

async function measure(mode, port) {
  const overflowsBefore = listenOverflows();
  const child = spawnNode(WORKER, { args: [mode, String(port), String(COUNT)], cpu: CLIENT_CPU });
  const result = await nextMessage(child, { ms: 30_000 });
  result.overflows = overflowsBefore === null ? null : listenOverflows() - overflowsBefore;
  await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve()));
  if (result.failed) throw new Error(`B5 ${mode}: a connect failed: ${result.failed}`);
  await sleep(100); // let the listener close the previous burst
  return result;
}

main(async () => {
  const listener = await startListeners([{ kind: 'tcp' }]);
  const [port] = listener.ports;
  const runs = await alternate(
    { raw: () => measure('raw', port), connect$: () => measure('connect$', port) },
    {
      rounds: ROUNDS,
      onRound: (r, f) =>
        log(
          `B5 round ${r}: wall ms raw ${f.raw.wallMs.toFixed(0)}, connect$ ${f.connect$.wallMs.toFixed(0)}; ` +
            `peak RSS MB raw ${(f.raw.maxRssKb / 1024).toFixed(1)}, connect$ ${(f.connect$.maxRssKb / 1024).toFixed(1)}` +
            (f.raw.overflows || f.connect$.overflows
              ? ` (accept queue overflows: raw ${f.raw.overflows}, connect$ ${f.connect$.overflows})`
              : ''),
        ),
    },
  );
  listener.close();
  const pick = (name, key) => runs[name].map((r) => r[key]);
  const wall = summary(ratios(pick('connect$', 'wallMs'), pick('raw', 'wallMs')));
  const rss = summary(ratios(pick('connect$', 'maxRssKb'), pick('raw', 'maxRssKb')));
  const growth = (name) => runs[name].map((r) => r.maxRssKb - r.rssBeforeKb);
  const rssGrowth = summary(ratios(growth('connect$'), growth('raw')));
  const mb = (name) =>
    summary(
      pick(name, 'maxRssKb').map((kb) => kb / 1024),
      1,
    );
  return {
    B5: {
      what: `${COUNT.toLocaleString('en')} concurrent connect$ / raw connects to one listener: wall time ratio`,
      ...wall,
      unit: 'x',
      target: '<= 1.2 wall; <= 1.3 peak RSS',
      met: wall.value <= 1.2 && rss.value <= 1.3,
      rawWallMs: summary(pick('raw', 'wallMs'), 1),
      connectWallMs: summary(pick('connect$', 'wallMs'), 1),
      rawPeakRssMb: mb('raw'),
      connectPeakRssMb: mb('connect$'),
      rssGrowthRatio: rssGrowth,
      listenOverflows: { raw: pick('raw', 'overflows'), connect$: pick('connect$', 'overflows') },
      rounds: ROUNDS,
      also: [
        {
          what: 'peak RSS: connect$ / raw (fresh processes)',
          ...rss,
          unit: 'x',
          target: '<= 1.3',
          met: rss.value <= 1.3,
        },
      ],
    },
  };
});
