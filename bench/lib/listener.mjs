// Listeners for the bench, in a child process pinned to the other CPU.
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { sleep } from './clock.mjs';
import { kill, nextMessage, SERVER_CPU, spawnNode } from './proc.mjs';

const CHILD = fileURLToPath(new URL('./listener-child.mjs', import.meta.url));

/**
 * Starts listeners ({ kind: 'tcp' | 'tls' | 'silent' | 'blackhole' | 'stomp', key?, cert? }) in
 * one child process; resolves to { ports, child, stats(), drop(i), up(i), close() }. A blackhole listener must
 * be alone in its process (that process blocks its event loop).
 */
export async function startListeners(listeners, { lifetimeMs = 300_000 } = {}) {
  const child = spawnNode(CHILD, { args: [JSON.stringify({ listeners, lifetimeMs })], cpu: SERVER_CPU });
  const { ports } = await nextMessage(child, { accept: (m) => m?.ready === true, ms: 10_000 });
  return {
    ports,
    child,
    async stats() {
      child.send('stats');
      return (await nextMessage(child, { accept: (m) => m?.stats === true, ms: 5000 })).accepted;
    },
    /** Kills STOMP broker `index` (connections reset, listener closed); resolves to when (hrtime ns). */
    async drop(index) {
      child.send({ drop: index });
      return BigInt((await nextMessage(child, { accept: (m) => m?.dropped === index, ms: 5000 })).at);
    },
    /** Brings STOMP broker `index` back on its port. */
    async up(index) {
      child.send({ up: index });
      await nextMessage(child, { accept: (m) => m?.isUp === index, ms: 5000 });
    },
    close() {
      kill(child);
    },
  };
}

/** Connects once; resolves 'connect', 'refused' (or another error code), or 'hang' after `ms`. */
export function probe(port, ms = 300) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const timer = setTimeout(() => finish('hang'), ms);
    socket.once('connect', () => finish('connect'));
    socket.once('error', (error) => finish(error.code === 'ECONNREFUSED' ? 'refused' : error.code));
    function finish(outcome) {
      clearTimeout(timer);
      socket.removeAllListeners('connect');
      socket.on('error', () => {});
      if (outcome === 'connect') socket.resume();
      socket.destroy();
      resolve({ outcome, socket });
    }
  });
}

/**
 * A blackholed peer on loopback: a listener with backlog 1 whose process never
 * accepts, its accept queue filled with held connections, so that further SYNs are
 * dropped and a connect hangs. Verified: resolves only once a probe hangs.
 */
export async function startBlackhole({ lifetimeMs = 120_000 } = {}) {
  const listener = await startListeners([{ kind: 'blackhole' }], { lifetimeMs });
  const port = listener.ports[0];
  const fillers = [];
  for (let i = 0; i < 8; i++) {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.on('error', () => {});
    fillers.push(socket);
    const connected = await new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), 250);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!connected) break;
  }
  await sleep(20);
  const { outcome } = await probe(port, 400);
  if (outcome !== 'hang') {
    listener.close();
    for (const socket of fillers) socket.destroy();
    throw new Error(`the blackhole on port ${port} does not hang a connect (${outcome})`);
  }
  return {
    port,
    fillers: fillers.length,
    close() {
      for (const socket of fillers) socket.destroy();
      listener.close();
    },
  };
}

/** `n` ports on 127.0.0.1 that refuse connections (below the ephemeral range, verified by a probe). */
export async function refusedPorts(n) {
  const ports = [];
  for (let port = 20_011 + Math.floor(Math.random() * 5000); ports.length < n && port < 32_000; port += 7) {
    if ((await probe(port, 300)).outcome === 'refused') ports.push(port);
  }
  if (ports.length < n) throw new Error('could not find refused ports');
  return ports;
}
