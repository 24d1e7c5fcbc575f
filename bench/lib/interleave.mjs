// Interleaved sampling for the per-connection ratios (B1–B3). Blocks of thousands of
// connections per variant, compared round by round, swing more than the effect they
// measure: the machine's state (CPU frequency, the other process's load, GC, the
// kernel's port search) drifts between blocks. Here every step runs each variant once,
// connection by connection, so A and B see the same moment; a round is many steps, and
// its ratio is the ratio of the two variants' medians over the same steps.
import { now } from './clock.mjs';
import { median } from './stats.mjs';

/**
 * Runs `variants` (name → async () => socket) interleaved: each step runs every
 * variant once (the order rotates from step to step, so each variant follows
 * each other one as often), timing `open()` alone and then calling
 * `close(socket)` untimed. `warmupSteps` steps come first and are dropped; then
 * `rounds` rounds of `steps` steps. Returns name → the per-round medians (ms).
 */
export async function interleave(
  variants,
  { rounds, steps, warmupSteps = steps, close = (socket) => socket.resetAndDestroy(), onRound },
) {
  const names = Object.keys(variants);
  const opens = names.map((name) => variants[name]);
  const times = names.map(() => new Float64Array(steps));
  const medians = Object.fromEntries(names.map((name) => [name, []]));
  let rotation = 0;
  async function step(index) {
    for (let k = 0; k < opens.length; k++) {
      const v = (k + rotation) % opens.length;
      const start = now();
      const socket = await opens[v]();
      const elapsed = now() - start;
      close(socket);
      if (index >= 0) times[v][index] = elapsed;
    }
    rotation = (rotation + 1) % opens.length;
  }
  for (let i = 0; i < warmupSteps; i++) await step(-1);
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < steps; i++) await step(i);
    const ofRound = {};
    names.forEach((name, v) => {
      ofRound[name] = median(times[v]);
      medians[name].push(ofRound[name]);
    });
    onRound?.(round, ofRound);
  }
  return medians;
}
