import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The package's version, read from its `package.json` (two levels up from
 * this file, both in `src/cli` and in `dist/cli`).
 *
 * @example
 * ```ts
 * packageVersion(); // '0.1.0'
 * ```
 */
export function packageVersion(): string {
  const text = readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8');
  const { version } = JSON.parse(text) as { version?: unknown };
  return typeof version === 'string' ? version : 'unknown';
}
