// Writes dist/index.mjs: an ES module that re-exports the CommonJS build by name.
// One implementation serves both `import` and `require`, so an error class is the
// same class whichever way a user loaded the package (no dual-package hazard).
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const api = require('../dist/index.js');
const names = Object.keys(api).filter((name) => name !== 'default' && name !== '__esModule');
const lines = [
  "import api from './index.js';",
  ...names.map((name) => `export const ${name} = api.${name};`),
  'export default api;',
  '',
];
writeFileSync(new URL('../dist/index.mjs', import.meta.url), lines.join('\n'));
