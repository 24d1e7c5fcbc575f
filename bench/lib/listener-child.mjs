// A child process that runs listeners for the bench, on 127.0.0.1, backlog 4096:
//   tcp     accepts and closes when the client does
//   tls     a TLS server (key and cert given as PEM paths) that does the same after the handshake
//   silent  accepts and never writes (a TLS handshake to it stalls)
//   blackhole  backlog 1 and an event loop that is blocked, so the accept queue fills and SYNs are dropped
//   stomp   a small STOMP broker (lib/mini-broker.mjs); { drop: i } kills broker i (connections reset,
//           listener closed) and answers { dropped: i, at } (process.hrtime ns, the same clock in every
//           process), { up: i } brings it back on its port and answers { isUp: i }
// argv[2]: JSON { listeners: [{ kind, key?, cert? }], lifetimeMs }. Answers { ready, ports } over IPC.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { startMiniBroker } from './mini-broker.mjs';

const config = JSON.parse(process.argv[2]);
const lifetimeMs = config.lifetimeMs ?? 300_000;
const noop = () => {};
const accepted = [];

function closeWithClient(socket) {
  socket.on('error', noop);
  socket.resume();
}

function createServer(spec, index) {
  if (spec.kind === 'tls') {
    const server = tls.createServer({ key: readFileSync(spec.key), cert: readFileSync(spec.cert) });
    server.on('secureConnection', (socket) => {
      accepted[index]++;
      closeWithClient(socket);
    });
    server.on('tlsClientError', noop);
    return server;
  }
  return net.createServer((socket) => {
    accepted[index]++;
    closeWithClient(socket);
  });
}

function listen(server, backlog) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0, backlog }, () => resolve(server.address().port));
  });
}

/** Blocks the event loop (no accept() is ever called) for `ms`, then exits. */
function blockThenExit(ms) {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  Atomics.wait(cell, 0, 0, ms);
  process.exit(0);
}

const blackhole = config.listeners.some((spec) => spec.kind === 'blackhole');
const ports = [];
const brokers = new Map();
for (const [index, spec] of config.listeners.entries()) {
  accepted.push(0);
  if (spec.kind === 'stomp') {
    const broker = await startMiniBroker();
    brokers.set(index, broker);
    ports.push(broker.port);
    continue;
  }
  const server = createServer(spec, index);
  ports.push(await listen(server, spec.kind === 'blackhole' ? 1 : 4096));
}

if (blackhole) {
  process.send({ ready: true, ports }, () => blockThenExit(lifetimeMs));
} else {
  process.on('message', async (message) => {
    if (message === 'stats') process.send({ stats: true, accepted });
    else if (message?.drop !== undefined) {
      const at = brokers.get(message.drop).drop();
      process.send({ dropped: message.drop, at: String(at) });
    } else if (message?.up !== undefined) {
      await brokers.get(message.up).up();
      process.send({ isUp: message.up });
    }
  });
  process.on('disconnect', () => process.exit(0));
  setTimeout(() => process.exit(0), lifetimeMs).unref();
  process.send({ ready: true, ports });
}
