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

export const { connect$, parseUri } = api;

/** rxjs as the library loads it (the same instance, so TestScheduler.run virtualizes its timers). */
export const rxjs = require(require.resolve('rxjs', { paths: [distDir] }));
export const rxjsTesting = require(require.resolve('rxjs/testing', { paths: [distDir] }));
