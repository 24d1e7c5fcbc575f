// The built library (CommonJS, ../../dist/index.js), as the package's users get it. BENCH_DIST
// points elsewhere (a scratch build, e.g. to compare a patch) when set.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const distDir = process.env.BENCH_DIST
  ? path.resolve(process.env.BENCH_DIST)
  : fileURLToPath(new URL('../../dist/', import.meta.url));

const index = path.join(distDir, 'index.js');
if (!existsSync(index)) throw new Error(`no build at ${distDir}: run npm run build (npm run bench does)`);
const api = require(index);

for (const name of ['connect$', 'parseUri']) {
  if (typeof api[name] !== 'function') throw new Error(`the build at ${distDir} does not export ${name}`);
}

export const { connect$, parseUri, stompHandshake } = api;

/** `connection$` (SPEC §8), or undefined in a build that has none yet. */
export const connection$ = typeof api.connection$ === 'function' ? api.connection$ : undefined;

/** `stompjsSocket` from the `stomp-connection/stompjs` entry (SPEC §10), or undefined in a build without it. */
export const stompjsSocket = (() => {
  const entry = path.join(distDir, 'stompjs', 'index.js');
  if (!existsSync(entry)) return undefined;
  const socket = require(entry).stompjsSocket;
  return typeof socket === 'function' ? socket : undefined;
})();

/**
 * Whether the build parses a failover option: a feature still being built shows
 * as "not available" rather than as a figure (UriError for an unknown option).
 */
export function supportsOption(option, value) {
  try {
    parseUri(`failover:(tcp://127.0.0.1:1)?${option}=${value}`);
    return true;
  } catch (error) {
    if (error?.code === 'ERR_STOMP_URI') return false;
    throw error;
  }
}

/** rxjs as the library loads it (the same instance, so TestScheduler.run virtualizes its timers). */
export const rxjs = require(require.resolve('rxjs', { paths: [distDir] }));
export const rxjsTesting = require(require.resolve('rxjs/testing', { paths: [distDir] }));
