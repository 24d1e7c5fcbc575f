import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';

/** A loopback port whose listener never accepts: once its queue is full, SYNs are dropped. */
export interface Blackhole {
  readonly port: number;
  close(): Promise<void>;
}

// A child process listens with backlog 1, prints its port, then blocks its
// event loop for good, so nothing ever calls accept() and the kernel's accept
// queue fills up.
const LISTENER = `
const net = require('node:net'), fs = require('node:fs');
const server = net.createServer().listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
  fs.writeSync(1, server.address().port + '\\n');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
});`;

function connects(port: number, ms: number): Promise<Socket | undefined> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(undefined);
    }, ms);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
  });
}

/**
 * Makes a blackholed loopback port: fills the never-accepting listener's
 * queue until a connect hangs. Resolves `undefined` (the caller says the test
 * was not run) if that cannot be made to happen.
 */
export async function makeBlackhole(): Promise<Blackhole | undefined> {
  const child = spawn(process.execPath, ['-e', LISTENER], { stdio: ['ignore', 'pipe', 'ignore'] });
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  const port = Number(String(line).trim());
  const fillers: Socket[] = [];
  const close = async (): Promise<void> => {
    for (const socket of fillers) socket.destroy();
    child.stdout.destroy();
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }
  };
  for (let i = 0; i < 8; i++) {
    const filler = await connects(port, 150);
    if (filler === undefined) return { port, close };
    fillers.push(filler);
  }
  await close();
  return undefined;
}
