import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

/**
 * The CLI built from the current sources, for tests that run it as a child
 * process: every file of src/ compiled to CommonJS JavaScript (transpiled
 * only; `npm run typecheck` checks the types) under .tmp/, next to the
 * project's node_modules. Returns the path of its `cli/main.js` and a
 * function that removes the build.
 */
export function buildCli(): { main: string; remove: () => void } {
  const out = join(ROOT, '.tmp', `cli-build-${process.pid}-${Date.now()}`);
  const src = join(ROOT, 'src');
  for (const file of sources(src)) {
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
    });
    const target = join(out, relative(src, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  return { main: join(out, 'cli', 'main.js'), remove: () => rmSync(out, { recursive: true, force: true }) };
}
