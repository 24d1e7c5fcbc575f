// Child processes of the bench: spawned pinned to a CPU (when `taskset` exists
// and there are several), tracked, and always killed when the parent exits.
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

const children = new Set();

/** Whether `taskset` can pin processes here (it exists and there is more than one CPU). */
export const canPin =
  availableParallelism() > 1 && spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0;

/** The CPU the bench process runs on (the client side); listeners get the other one. */
export const CLIENT_CPU = 0;
export const SERVER_CPU = 1;

/**
 * Spawns `node [nodeArgs] script [args]` pinned to `cpu` (when possible), with an
 * IPC channel. The child is killed when this process exits, even on failure.
 */
export function spawnNode(script, { args = [], nodeArgs = [], cpu, stdio = 'inherit', env } = {}) {
  const argv = [...nodeArgs, script, ...args];
  const pin = canPin && cpu !== undefined;
  const child = spawn(
    pin ? 'taskset' : process.execPath,
    pin ? ['-c', String(cpu), process.execPath, ...argv] : argv,
    {
      stdio: [stdio === 'inherit' ? 'ignore' : stdio, stdio, stdio, 'ipc'],
      env: env ?? process.env,
    },
  );
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Kills a child (SIGKILL), if it still runs. */
export function kill(child) {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Kills every child still running. */
export function killAll() {
  for (const child of children) kill(child);
}

process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}

/** The next IPC message of a child that satisfies `accept`, or a rejection if it exits first or `ms` pass. */
export function nextMessage(child, { accept = () => true, ms = 30_000 } = {}) {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message) => {
      if (!accept(message)) return;
      cleanup();
      resolve(message);
    };
    const onExit = (code, signal) => {
      cleanup();
      reject(new Error(`child exited (${signal ?? code}) before answering`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`child did not answer within ${ms} ms`));
    }, ms);
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
