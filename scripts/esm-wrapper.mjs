// Writes an ES module beside each entry point's CommonJS build (dist/index.mjs,
// dist/stompjs/index.mjs, dist/testing/index.mjs) that re-exports it by name.
// One implementation serves both `import` and `require`, so an error class is
// the same class whichever way a user loaded the package, and whichever entry
// point it came through (no dual-package hazard).
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
for (const entry of ['index', 'stompjs/index', 'testing/index']) {
  const api = require(`../dist/${entry}.js`);
  const names = Object.keys(api).filter((name) => name !== 'default' && name !== '__esModule');
  const lines = [
    "import api from './index.js';",
    ...names.map((name) => `export const ${name} = api.${name};`),
    'export default api;',
    '',
  ];
  writeFileSync(new URL(`../dist/${entry}.mjs`, import.meta.url), lines.join('\n'));
}
