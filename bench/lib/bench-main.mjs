// The frame of one bench process: runs it, hands its figures to the runner over IPC
// (or prints them as JSON when run on its own), and always stops its children.
import { killAll } from './proc.mjs';

/** Runs `bench()` (resolving to { B<n>: figure, … }), reports, and exits; never runs past `maxMs`. */
export function main(bench, { maxMs = 120_000 } = {}) {
  const guard = setTimeout(() => finish({ error: `timed out after ${maxMs} ms` }, 1), maxMs);
  bench().then(
    (figures) => finish({ figures }, 0),
    (error) => finish({ error: error?.stack ?? String(error) }, 1),
  );
  function finish(message, code) {
    clearTimeout(guard);
    killAll();
    if (process.send) process.send(message, () => process.exit(code));
    else {
      console.log(JSON.stringify(message, null, 2));
      process.exit(code);
    }
  }
}

/** Progress on stderr (the runner shows it as it comes). */
export function log(...parts) {
  console.error('   ', ...parts);
}
