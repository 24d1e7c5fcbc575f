// Small timing helpers that avoid the (lint-undeclared) global timer functions.
import { setImmediate as immediate, setTimeout as sleep } from 'node:timers/promises';

export { immediate, sleep };

/** Milliseconds since an arbitrary origin, sub-microsecond resolution. */
export function now() {
  return performance.now();
}

/** Waits until `predicate()` is true, checking every `everyMs`, for at most `maxMs`; returns whether it became true. */
export async function waitFor(predicate, { maxMs = 2000, everyMs = 10 } = {}) {
  const deadline = now() + maxMs;
  while (!predicate()) {
    if (now() > deadline) return false;
    await sleep(everyMs);
  }
  return true;
}
