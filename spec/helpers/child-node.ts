import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const SRC = join(ROOT, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * The library's sources as CommonJS in a temporary directory (readable by
 * everyone, so that a child run as another user can load it), for tests that
 * need a child process: a descriptor limit or another user applies to a
 * whole process. Types are not checked here (the typecheck does that).
 * Call `remove()` in `afterAll`.
 */
export function transpiledLibrary(): { readonly dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'stomp-connection-lib-'));
  chmodSync(dir, 0o755);
  for (const file of sources(SRC)) {
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
      fileName: file,
    });
    const out = join(dir, relative(SRC, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(out), { recursive: true, mode: 0o755 });
    writeFileSync(out, outputText, { mode: 0o644 });
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** What a child process printed, and how it ended. */
export interface ChildResult {
  readonly status: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node -e script` through `sh -c` (so `prefix` can be `ulimit -n 64`),
 * optionally as another user through `wrapper` (e.g. setpriv), with the
 * repository's node_modules on NODE_PATH. Never rejects: the caller asserts
 * on the status and the output (a child still running after 15 s is killed:
 * `signal` says so).
 */
export function runNode(
  script: string,
  options: { prefix?: string; wrapper?: readonly string[]; env?: Record<string, string> } = {},
): Promise<ChildResult> {
  const command = `${options.prefix ?? ''}\nexec "$NODE" -e "$SCRIPT"`;
  const argv = [...(options.wrapper ?? []), '/bin/sh', '-c', command];
  const [file, ...args] = argv as [string, ...string[]];
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      {
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          NODE: process.execPath,
          SCRIPT: script,
          NODE_PATH: join(ROOT, 'node_modules'),
          ...options.env,
        },
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
        // A child that hangs is ended (and reported by its signal) before the test times out.
        timeout: 15_000,
      },
      (error, stdout, stderr) => {
        const failed = error as (Error & { code?: unknown; signal?: string | null }) | null;
        resolve({
          status: failed === null ? 0 : typeof failed.code === 'number' ? failed.code : null,
          signal: failed?.signal ?? null,
          stdout,
          stderr,
        });
      },
    );
  });
}
