// Where B10's client time goes, per message: rx-stomp bursts (publish → watch, through the
// bench broker in the listener child; with --one-by-one, as many single round trips) over stompjsSocket and over @stomp/tcp-wrapper, each
// in a child process of its own pinned to the client CPU, the sides alternating. Each child
// warms up, then profiles only its measured bursts (the V8 sampling profiler, the same one
// as `node --cpu-prof`, started and stopped around them) and reports:
//   cpu µs/msg     process.cpuUsage() (user + system) over the measured bursts, per message
//   wall µs/msg    first publish → last arrival, per message
//   by owner       each sample charged to its innermost frame that is not Node's own code
//                  (node:… or native): a Buffer.from or socket.write counts for whoever
//                  called it; samples with no such frame are "node (I/O)"
//   functions      the costliest functions of the socket's own code, charged the same way
// Not part of `npm run bench`; run it with
//   node bench/tools/b10-profile.mjs [bursts per child] [children per variant]
//        [--one-by-one] [--variants=stompjsSocket,tcp-wrapper,…] [--cpu-prof-dir=DIR]
// --variants picks among VARIANTS below (Nagle's algorithm on or off on either side);
// --cpu-prof-dir also writes the raw profiles there (.cpuprofile, for DevTools).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { now } from '../lib/clock.mjs';
import { startListeners } from '../lib/listener.mjs';
import { CLIENT_CPU, killAll, nextMessage, spawnNode } from '../lib/proc.mjs';

const SELF = fileURLToPath(import.meta.url);
const BURST = 1000;
const WARMUP_BURSTS = 5;
const BODY = 'x'.repeat(100); // as B10
const SAMPLING_US = 50;
/** The clients to compare, by name: a webSocketFactory for rx-stomp, given the broker's port. */
const VARIANTS = {
  stompjsSocket:
    ({ stompjsSocket }, port) =>
    () =>
      stompjsSocket(`tcp://127.0.0.1:${port}`),
  'tcp-wrapper':
    ({ tcpWrapper }, port) =>
    () =>
      tcpWrapper(port),
  // What Nagle's algorithm does to each side (stompjsSocket turns it off, as a WebSocket does).
  'stompjsSocket+nagle':
    ({ stompjsSocket }, port) =>
    () =>
      stompjsSocket(`tcp://127.0.0.1:${port}`, { noDelay: false }),
  'tcp-wrapper+nodelay':
    ({ tcpWrapper }, port) =>
    () => {
      const wrapper = tcpWrapper(port);
      wrapper.socket.setNoDelay(true);
      return wrapper;
    },
};

/** Who a profile frame belongs to, by its script (null: Node's own code, charged to its caller). */
function ownerOf({ url, functionName }) {
  if (url.includes('@stomp/tcp-wrapper')) return 'tcp-wrapper';
  if (url.includes('@stomp/stompjs')) return 'stompjs';
  if (url.includes('@stomp/rx-stomp')) return 'rx-stomp';
  if (url.includes('/rxjs/')) return 'rxjs';
  if (url.includes('/node_modules/')) return 'other packages';
  if (url.includes('/dist/stompjs/')) return 'stompjsSocket';
  if (url.includes('/dist/')) return 'stomp-connection (rest)';
  if (url.includes('/bench/')) return 'bench driver';
  if (url === '' && functionName.startsWith('(')) return functionName; // (garbage collector), (program), (idle)
  return null;
}

/** Self time (µs) charged to owners and to socket functions, from a V8 cpuprofile. */
function charge(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const owners = new Map();
  const functions = new Map();
  const cache = new Map(); // node id → [owner, function key or null]
  function chargedTo(id) {
    if (cache.has(id)) return cache.get(id);
    let result = ['node (I/O)', null];
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at).callFrame;
      const owner = ownerOf(frame);
      if (owner === null) continue;
      const socketCode = owner === 'stompjsSocket' || owner === 'tcp-wrapper';
      const where = `${path.basename(frame.url)}:${frame.lineNumber + 1}`;
      result = [owner, socketCode ? `${frame.functionName || '(anonymous)'} ${where}` : null];
      break;
    }
    cache.set(id, result);
    return result;
  }
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i + 1] ?? 0; // a sample's time is the delta to the next one
    const [owner, fn] = chargedTo(id);
    owners.set(owner, (owners.get(owner) ?? 0) + us);
    if (fn !== null) functions.set(`${owner}: ${fn}`, (functions.get(`${owner}: ${fn}`) ?? 0) + us);
  });
  return { owners: Object.fromEntries(owners), functions: Object.fromEntries(functions) };
}

/**
 * In a child: one client, warmed up, then `bursts` profiled bursts (of BURST messages sent at
 * once, or one by one, each after the previous one arrived); answers its figures over IPC.
 */
async function child(side, port, bursts, profileDir, oneByOne) {
  const { stompjsSocket } = await import('../lib/library.mjs');
  const { echoClient, tcpWrapper } = await import('../lib/stomp-clients.mjs');
  const factory = VARIANTS[side]({ stompjsSocket, tcpWrapper }, port);
  const client = await echoClient(`/queue/b10-profile-${process.pid}`, factory, BODY);
  const oneByOneBurst = async () => {
    const start = now();
    for (let i = 0; i < BURST; i++) await client.roundTrip();
    return now() - start;
  };
  const atOnce = () => client.burst(BURST);
  const burst = oneByOne ? oneByOneBurst : atOnce;
  for (let i = 0; i < WARMUP_BURSTS; i++) await burst();

  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: SAMPLING_US });
  await session.post('Profiler.start');
  const cpu = process.cpuUsage();
  let wallMs = 0;
  for (let i = 0; i < bursts; i++) wallMs += await burst();
  const used = process.cpuUsage(cpu);
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  if (profileDir)
    writeFileSync(path.join(profileDir, `b10-${side}-${process.pid}.cpuprofile`), JSON.stringify(profile));
  await client.stop();
  process.send({
    side,
    messages: bursts * BURST,
    cpuUs: used.user + used.system,
    wallMs,
    ...charge(profile),
  });
}

async function parent(sides, bursts, perSide, profileDir, oneByOne) {
  const listener = await startListeners([{ kind: 'stomp' }]);
  const [port] = listener.ports;
  const totals = Object.fromEntries(
    sides.map((side) => [side, { messages: 0, cpuUs: 0, wallMs: 0, owners: {}, functions: {} }]),
  );
  try {
    for (let run = 0; run < perSide; run++) {
      for (const side of run % 2 === 0 ? sides : [...sides].reverse()) {
        const proc = spawnNode(SELF, {
          args: ['child', side, String(port), String(bursts), profileDir ?? '', oneByOne ? 'one-by-one' : ''],
          cpu: CLIENT_CPU,
        });
        const result = await nextMessage(proc, { accept: (m) => m?.side === side, ms: 120_000 });
        const total = totals[side];
        total.messages += result.messages;
        total.cpuUs += result.cpuUs;
        total.wallMs += result.wallMs;
        for (const key of ['owners', 'functions']) {
          for (const [name, us] of Object.entries(result[key]))
            total[key][name] = (total[key][name] ?? 0) + us;
        }
        console.error(`  ${side}: ${(result.cpuUs / result.messages).toFixed(2)} cpu µs/msg`);
      }
    }
  } finally {
    listener.close();
    killAll();
  }
  const perMessage = (us, side) => +(us / totals[side].messages).toFixed(3);
  const report = {};
  for (const side of sides) {
    const total = totals[side];
    const sorted = (map, limit) =>
      Object.fromEntries(
        Object.entries(map)
          .sort((a, b) => b[1] - a[1])
          .slice(0, limit)
          .map(([name, us]) => [name, perMessage(us, side)]),
      );
    report[side] = {
      messages: total.messages,
      'cpu µs/msg': perMessage(total.cpuUs, side),
      'wall µs/msg': perMessage(total.wallMs * 1000, side),
      'by owner, µs/msg': sorted(total.owners),
      'socket functions, µs/msg': sorted(total.functions, 12),
    };
  }
  console.log(JSON.stringify(report, null, 2));
}

const [mode, ...rest] = process.argv.slice(2);
const flag = (name) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
if (mode === 'child') {
  const [side, port, bursts, profileDir, how] = rest;
  await child(side, Number(port), Number(bursts), profileDir || undefined, how === 'one-by-one');
  process.exit(0);
} else {
  const numbers = process.argv
    .slice(2)
    .filter((arg) => /^\d+$/.test(arg))
    .map(Number);
  const sides = (flag('variants') ?? 'stompjsSocket,tcp-wrapper').split(',');
  const unknown = sides.filter((side) => !(side in VARIANTS));
  if (unknown.length > 0) throw new Error(`unknown variants ${unknown}; known: ${Object.keys(VARIANTS)}`);
  const oneByOne = process.argv.includes('--one-by-one');
  await parent(sides, numbers[0] ?? 20, numbers[1] ?? 2, flag('cpu-prof-dir'), oneByOne);
}
