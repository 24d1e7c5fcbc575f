// The stomp-connect CLI built from src/ for tests that run it as a process of its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

const ROOT = resolve(__dirname, '..', '..');

/** A build of the package in a temporary directory. */
export interface BuiltCli {
  /** `dist/cli/main.js` of the build: the `stomp-connect` executable. */
  readonly main: string;
  /**
   * A module to preload (`node -r`) that writes `drained` to fd 3 when the
   * process is about to exit because nothing is left open (Node's
   * `beforeExit`), followed by the resources still listed. A process that
   * exits through `process.exit` (the CLI's last-resort timer, with something
   * still open) or a signal writes nothing.
   */
  readonly observer: string;
  remove(): void;
}

/**
 * Builds src/ as `npm run build` does (tsconfig.build.json: the same module
 * format and target), file by file without type-checking (typecheck and the
 * unit tests check the types), into a fresh temporary directory, with the
 * package.json beside it (the CLI reads its version there).
 */
export function buildCli(): BuiltCli {
  const dir = mkdtempSync(join(tmpdir(), 'stomp-connect-cli-'));
  const parsed = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.build.json'), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (parsed === undefined) throw new Error('tsconfig.build.json could not be read');
  const options: ts.CompilerOptions = { ...parsed.options, sourceMap: false, declaration: false };
  const src = join(ROOT, 'src');
  for (const file of parsed.fileNames) {
    const out = join(dir, 'dist', relative(src, file)).replace(/\.ts$/, '.js');
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: options,
      fileName: file,
    });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, outputText);
  }
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  const observer = join(dir, 'observe-exit.js');
  writeFileSync(
    observer,
    `process.once('beforeExit', () => {
  require('node:fs').writeSync(3, 'drained ' + JSON.stringify(process.getActiveResourcesInfo()) + '\\n');
});\n`,
  );
  return {
    main: join(dir, 'dist', 'cli', 'main.js'),
    observer,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The environment of a child that runs the build: the repository's node_modules (rxjs), no colours. */
export function childEnv(): NodeJS.ProcessEnv {
  return { ...process.env, NODE_PATH: join(ROOT, 'node_modules'), NO_COLOR: '1' };
}

/** How a child process ended, and what it wrote. */
export interface Ended {
  /** The exit code, `null` when a signal killed it. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** What it wrote to fd 3 (the observer's line). */
  readonly fd3: string;
}

/** A running child's output so far, and its end. */
export interface Watched {
  readonly output: { readonly stdout: string; readonly stderr: string; readonly fd3: string };
  readonly ended: Promise<Ended>;
}

/** Collects a child's output (stdout and stderr if piped, fd 3) until it exits. */
export function watch(child: ChildProcess): Watched {
  const output = { stdout: '', stderr: '', fd3: '' };
  const collect = (name: keyof typeof output, stream: NodeJS.ReadableStream | null | undefined): void => {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => (output[name] += chunk));
    stream?.on('error', () => undefined);
  };
  collect('stdout', child.stdout);
  collect('stderr', child.stderr);
  collect('fd3', child.stdio[3] as NodeJS.ReadableStream | null | undefined);
  return {
    output,
    ended: new Promise((done) => {
      child.once('close', (code, signal) => done({ code, signal, ...output }));
    }),
  };
}

/** Resolves once `test` holds (checked every few ms; a test that waits forever fails by jest's timeout). */
export async function until(test: () => boolean): Promise<void> {
  while (!test()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** Spawns `node -r observer main args`: stdin ignored, stdout, stderr and fd 3 pipes. */
export function spawnCli(built: BuiltCli, args: readonly string[]): ChildProcess {
  return spawn(process.execPath, ['-r', built.observer, built.main, ...args], {
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    env: childEnv(),
  });
}

/**
 * Runs `node -r observer main args | head -1` in bash, as a user would; bash
 * writes `status N` to fd 3 after it, N being the CLI's own exit status.
 */
export function spawnPipedToHead(built: BuiltCli, args: readonly string[]): ChildProcess {
  const script = 'node -r "$0" "$1" "${@:2}" | head -1; echo "status ${PIPESTATUS[0]}" >&3';
  return spawn('bash', ['-c', script, built.observer, built.main, ...args], {
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    env: { ...childEnv(), PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` },
  });
}
