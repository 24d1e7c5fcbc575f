// Sequential connections timed one by one: the per-connection times of B1–B3.
import { now } from './clock.mjs';

/**
 * Times `count` sequential runs of `open()` (which resolves to a connected socket)
 * followed by `close(socket)`; returns the per-run times in ms.
 */
export async function sequentialTimes(open, count, close = (socket) => socket.resetAndDestroy()) {
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const start = now();
    close(await open());
    times[i] = now() - start;
  }
  return times;
}
