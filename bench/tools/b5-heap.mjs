// What one pending connect$ run holds (B5): 10,000 runs left pending against a
// blackholed listener (SYNs dropped, so every connect stays in flight), a heap snapshot
// (after a full GC), the same with 10,000 raw net.connect, and the difference per run,
// object kind by object kind, with the script each closure comes from. Not part of
// `npm run bench` (two snapshots take ~20 s); run it with
//   node bench/tools/b5-heap.mjs [count]
// The snapshots go to a temporary directory, removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeHeapSnapshot } from 'node:v8';
import { sleep } from '../lib/clock.mjs';
import { censusDiff, heapCensus } from '../lib/heap-census.mjs';
import { startBlackhole } from '../lib/listener.mjs';
import { CLIENT_CPU, killAll, nextMessage, spawnNode } from '../lib/proc.mjs';

const SELF = fileURLToPath(import.meta.url);
const MODES = ['raw', 'bare', 'chain', 'connect$'];

/** In a child: `count` pending runs of `mode`, then a snapshot written to `file`. */
async function child(mode, port, count, file) {
  const { connect$ } = await import('../lib/library.mjs');
  const { bare$, chain$ } = await import('../lib/rx-floor.mjs');
  const open = {
    raw: () => {
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {});
      socket.once('error', () => {});
      return socket;
    },
    bare: () => bare$(port).subscribe({ next: () => {}, error: () => {} }),
    chain: () => chain$(port).subscribe({ next: () => {}, error: () => {} }),
    connect$: () => connect$(`tcp://127.0.0.1:${port}`).subscribe({ next: () => {}, error: () => {} }),
  }[mode];
  const held = [];
  for (let i = 0; i < count; i++) held.push(open());
  await sleep(300); // every connect issued and in flight
  globalThis.gc();
  writeHeapSnapshot(file);
  process.send({ done: true }, () => process.exit(0));
}

/** Who owns an object kind: RxJS, this library, Node (or V8), told by its name or its closure's script. */
export function owner({ type, name, script, holder }) {
  if (/^file:.*\/bench\//.test(script)) return 'bench';
  if (/^rxjs\//.test(script)) return 'rxjs';
  if (/^dist\//.test(script)) return 'ours';
  if (/^node:|^internal\//.test(script)) return 'node';
  if (/^(Attempt|AttemptOutcome|TransportObserver|attemptSchedule|schedule)$/.test(name)) return 'ours';
  if (/^(Attempt|AttemptOutcome|attemptSchedule|schedule)\./.test(holder)) return 'ours';
  if (/Subscriber|Subscription|Observable|Observer/.test(holder)) return 'rxjs';
  if (type === 'object' && /Subscriber|Subscription|Observable|Observer|Action|Scheduler/.test(name))
    return 'rxjs';
  if (type === 'object' && /^(Peer|AttemptError|ConnectError|RetryAfter)$/.test(name)) return 'ours';
  if (type === 'object' && /Socket|TCP|TCPConnectWrap|Readable|Writable|BufferList|EventEmitter/.test(name))
    return 'node';
  return '?';
}

async function parent(count) {
  const blackhole = await startBlackhole({ lifetimeMs: 120_000 });
  const dir = mkdtempSync(path.join(tmpdir(), 'stomp-bench-heap-'));
  try {
    const census = {};
    for (const mode of MODES) {
      const file = path.join(dir, `${mode}.heapsnapshot`);
      const worker = spawnNode(SELF, {
        args: ['--child', mode, String(blackhole.port), String(count), file],
        nodeArgs: ['--expose-gc'],
        cpu: CLIENT_CPU,
      });
      await nextMessage(worker, { accept: (m) => m?.done === true, ms: 60_000 });
      census[mode] = heapCensus(file);
    }
    const bytes = (mode) => [...census[mode].values()].reduce((sum, entry) => sum + entry.bytes, 0);
    console.log('heap per pending run above raw net.connect (bytes):');
    for (const mode of MODES.slice(1))
      console.log(`  ${mode}: ${((bytes(mode) - bytes('raw')) / count).toFixed(0)}`);
    console.log();
    const rows = censusDiff(census.raw, census['connect$']).filter((row) => Math.abs(row.count) >= count / 2);
    const total = { ours: 0, rxjs: 0, node: 0, bench: 0, '?': 0 };
    console.log(`per pending connect$ run, above a raw net.connect (${count.toLocaleString('en')} of each):`);
    console.log('| owner | kind | name | script | held by | objects | bytes |');
    console.log('|---|---|---|---|---|---|---|');
    for (const row of rows) {
      const who = owner(row);
      total[who] += row.bytes / count;
      console.log(
        `| ${who} | ${row.type} | ${row.name || '—'} | ${row.script || '—'} | ${row.holder || '—'} | ` +
          `${(row.count / count).toFixed(2)} | ${(row.bytes / count).toFixed(0)} |`,
      );
    }
    const sum = Object.values(total).reduce((a, b) => a + b, 0);
    console.log(
      `\ntotal ${sum.toFixed(0)} B per run: ours ${total.ours.toFixed(0)}, rxjs ${total.rxjs.toFixed(0)}, ` +
        `node ${total.node.toFixed(0)}, the bench's own ${total.bench.toFixed(0)}, unattributed ${total['?'].toFixed(0)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    blackhole.close();
    killAll();
  }
}

const args = process.argv.slice(2);
if (args[0] === '--child') await child(args[1], Number(args[2]), Number(args[3]), args[4]);
else await parent(Number(args[0] ?? 10_000));
