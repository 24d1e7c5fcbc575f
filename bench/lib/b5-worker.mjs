// One B5 measurement in a fresh process: N concurrent connects to one listener, by
// raw net.connect, connect$ (of a tcp:// URI, or of failover:(it)), or the RxJS references of lib/rx-floor.mjs (bare$, chain$).
// Every mode loads the library first, so that they start from the same baseline.
// Answers { wallMs, maxRssKb, rssBeforeKb, failed } over IPC.
import net from 'node:net';
import { connect$ } from './library.mjs';
import { bare$, chain$ } from './rx-floor.mjs';

const [mode, portText, countText] = process.argv.slice(2);
const port = Number(portText);
const count = Number(countText);
const uri = `tcp://127.0.0.1:${port}`;
const failoverUri = `failover:(${uri})`;
const sockets = [];
const rssBeforeKb = Math.round(process.memoryUsage.rss() / 1024);
let done = 0;
let failed = null;

function connected(socket) {
  sockets.push(socket);
  if (++done === count) finish();
}
function fail(error) {
  failed ??= String(error?.message ?? error);
  if (++done === count) finish();
}
const observer = { next: connected, error: fail };
const open = {
  raw: () => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => connected(socket));
    socket.once('error', fail);
  },
  bare: () => bare$(port).subscribe(observer),
  chain: () => chain$(port).subscribe(observer),
  connect$: () => viaConnect$(uri),
  failover: () => viaConnect$(failoverUri),
}[mode];

function viaConnect$(target) {
  connect$(target).subscribe({
    next: (event) => {
      if (event.type === 'connected') connected(event.socket);
    },
    error: fail,
  });
}

const start = performance.now();
for (let i = 0; i < count; i++) open();

function finish() {
  const wallMs = performance.now() - start;
  const maxRssKb = process.resourceUsage().maxRSS;
  for (const socket of sockets) socket.resetAndDestroy();
  process.send({ wallMs, maxRssKb, rssBeforeKb, failed }, () => process.exit(0));
}
