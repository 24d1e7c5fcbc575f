// Where connect$'s own CPU per run goes, for the shapes of B1 (one TCP peer) and B3
// (failover over 3 refused ports and a live one, initialReconnectDelay=0, randomize=false).
// Each shape runs in a child pinned to the client CPU: connect$ and its raw baseline
// interleaved run by run (as the bench does, so that both see the same machine state),
// warmed up, then sampled by V8's CPU profiler (the one `node --cpu-prof` uses, started
// through the inspector after the warm-up). Every sample is given to the run whose time
// window holds it, so each variant gets its own profile. Prints, per variant, the process
// CPU per run, the self time per run by class (ours, RxJS, Node, native calls, GC) and the
// costliest functions, then connect$ minus raw, self and inclusive (ours and RxJS).
// Not part of `npm run bench`; run it with
//   node bench/tools/profile-connect.mjs [steps] [--shape B1|B3] [--keep DIR]
// (BENCH_DIST picks another build; --keep writes each shape's .cpuprofile into DIR, for
// Chrome DevTools).
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rawLoop, rawTcp, viaConnect$ } from '../lib/connectors.mjs';
import { refusedPorts, startListeners } from '../lib/listener.mjs';
import { CLIENT_CPU, killAll, nextMessage, spawnNode } from '../lib/proc.mjs';
import { median } from '../lib/stats.mjs';

const SELF = fileURLToPath(import.meta.url);
const SAMPLING_US = 50;
const LIBRARY = new URL('../../', import.meta.url).pathname;

/** Per shape: the variants (name → how one run opens its socket), the raw one first. */
function shapes(port, ports) {
  const tcp = `tcp://127.0.0.1:${port}`;
  const failover = `failover:(${ports.map((p) => `tcp://127.0.0.1:${p}`).join(',')})?initialReconnectDelay=0&randomize=false`;
  return {
    B1: { raw: () => rawTcp(port), connect$: () => viaConnect$(tcp) },
    B3: { raw: () => rawLoop(ports), connect$: () => viaConnect$(failover) },
  };
}

const microseconds = () => Number(process.hrtime.bigint() / 1000n); // V8's profile clock

/**
 * In a child: the shape's variants interleaved (the order alternating), `warmup` steps,
 * then `steps` under the profiler; sends the profile, each variant's run windows, CPU and times.
 */
async function child(shape, port, ports, steps, warmup) {
  const variants = Object.entries(shapes(port, ports)[shape]);
  const runs = Object.fromEntries(variants.map(([name]) => [name, { windows: [], times: [], cpuUs: 0 }]));
  const step = async (i, record) => {
    for (let k = 0; k < variants.length; k++) {
      const [name, open] = variants[(k + i) % variants.length];
      const cpu = process.cpuUsage();
      const start = microseconds();
      const socket = await open();
      const opened = microseconds();
      socket.resetAndDestroy();
      const end = microseconds();
      if (!record) continue;
      const used = process.cpuUsage(cpu);
      runs[name].windows.push(start, end);
      runs[name].times.push(opened - start);
      runs[name].cpuUs += used.user + used.system;
    }
  };
  for (let i = 0; i < warmup; i++) await step(i, false);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: SAMPLING_US });
  await session.post('Profiler.start');
  for (let i = 0; i < steps; i++) await step(i, true);
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  process.send({ profile, runs }, () => process.exit(0));
}

/** What a profile node's code is: ours (the library's build), rxjs, node, the bench, native, gc, idle. */
function classOf({ functionName, url }) {
  if (/^\((garbage collector|idle|program|root)\)$/.test(functionName)) return functionName.slice(1, -1);
  if (/\/node_modules\/rxjs\//.test(url)) return 'rxjs';
  if (/^node:/.test(url)) return 'node';
  if (/\/bench\//.test(url)) return 'bench';
  if (url.includes(LIBRARY) || /\/dist\//.test(url)) return 'ours';
  return 'native';
}

/** A frame's label: class, function, file (after dist/ or node_modules/) and line. */
function labelOf(frame) {
  const { functionName, url, lineNumber } = frame;
  const file = url.replace(/^.*\/(dist|node_modules)\//, '').replace(/^file:\/\/.*\/bench\//, 'bench/');
  return `${classOf(frame).padEnd(7)} ${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
}

/**
 * Splits a profile's samples among the variants by their run windows; per variant, µs
 * per run: self by class and by function, inclusive by function (ours and RxJS frames,
 * counted once per sample), and the busy total.
 */
function analyse(profile, runs) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const id of node.children ?? []) parent.set(id, node.id);
  const stackLabels = new Map();
  const labelsOf = (id) => {
    if (!stackLabels.has(id)) {
      const labels = new Set();
      for (let at = id; at !== undefined; at = parent.get(at)) {
        const frame = nodes.get(at).callFrame;
        const kind = classOf(frame);
        if (kind === 'ours' || kind === 'rxjs') labels.add(labelOf(frame));
      }
      stackLabels.set(id, labels);
    }
    return stackLabels.get(id);
  };
  // Every recorded window, in time order, with its variant.
  const windows = [];
  for (const [name, { windows: w }] of Object.entries(runs)) {
    for (let i = 0; i < w.length; i += 2) windows.push([w[i], w[i + 1], name]);
  }
  windows.sort((a, b) => a[0] - b[0]);
  const result = Object.fromEntries(
    Object.entries(runs).map(([name, r]) => [
      name,
      {
        runs: r.times.length,
        p50Us: median(r.times),
        cpuUs: r.cpuUs / r.times.length,
        busy: 0,
        library: 0,
        byClass: {},
        self: new Map(),
        inclusive: new Map(),
      },
    ]),
  );
  let t = profile.startTime;
  let w = 0;
  let unassigned = 0;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i];
    const us = profile.timeDeltas[i + 1] ?? 0;
    while (w < windows.length && windows[w][1] < t) w++;
    if (w >= windows.length || windows[w][0] > t) {
      unassigned += us;
      return;
    }
    const into = result[windows[w][2]];
    const frame = nodes.get(id).callFrame;
    const kind = classOf(frame);
    into.byClass[kind] = (into.byClass[kind] ?? 0) + us;
    if (kind === 'idle') return;
    into.busy += us;
    const label = labelOf(frame);
    into.self.set(label, (into.self.get(label) ?? 0) + us);
    const labels = labelsOf(id);
    if (labels.size > 0) into.library += us;
    for (const l of labels) into.inclusive.set(l, (into.inclusive.get(l) ?? 0) + us);
  });
  for (const r of Object.values(result)) {
    const perRun = (us) => us / r.runs;
    r.busy = perRun(r.busy);
    r.library = perRun(r.library);
    r.byClass = Object.fromEntries(Object.entries(r.byClass).map(([k, us]) => [k, perRun(us)]));
    for (const map of [r.self, r.inclusive]) for (const [k, us] of map) map.set(k, perRun(us));
  }
  const total = profile.timeDeltas.reduce((a, b) => a + b, 0);
  return { variants: result, unassignedShare: unassigned / total };
}

const fmt = (us) => us.toFixed(2).padStart(7);
const top = (map, n) => [...map].sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).slice(0, n);
const minus = (a, b) =>
  new Map([...new Set([...a.keys(), ...b.keys()])].map((k) => [k, (a.get(k) ?? 0) - (b.get(k) ?? 0)]));

function report(shape, name, r) {
  console.log(`\n## ${shape} ${name}: ${r.runs} runs`);
  console.log(
    `wall p50 ${r.p50Us.toFixed(1)} µs; process CPU ${r.cpuUs.toFixed(1)} µs/run; profile busy ` +
      `${r.busy.toFixed(1)} µs/run, of which under ours or RxJS ${r.library.toFixed(1)}`,
  );
  const classes = Object.entries(r.byClass).sort((a, b) => b[1] - a[1]);
  console.log('self µs/run by class: ' + classes.map(([k, us]) => `${k} ${us.toFixed(2)}`).join(', '));
  for (const [label, us] of top(r.self, 20)) console.log(`${fmt(us)}  ${label}`);
}

function difference(shape, { raw, connect$ }) {
  console.log(`\n## ${shape}: connect$ minus raw, µs per run`);
  console.log(
    `process CPU ${(connect$.cpuUs - raw.cpuUs).toFixed(1)}, profile busy ${(connect$.busy - raw.busy).toFixed(1)}, ` +
      `wall p50 ${(connect$.p50Us - raw.p50Us).toFixed(1)} (${(connect$.p50Us / raw.p50Us).toFixed(3)}×)`,
  );
  const classes = new Set([...Object.keys(connect$.byClass), ...Object.keys(raw.byClass)]);
  console.log(
    'self by class: ' +
      [...classes]
        .filter((k) => k !== 'idle')
        .map((k) => `${k} ${((connect$.byClass[k] ?? 0) - (raw.byClass[k] ?? 0)).toFixed(2)}`)
        .join(', '),
  );
  console.log('self, by function:');
  for (const [label, us] of top(minus(connect$.self, raw.self), 30)) console.log(`${fmt(us)}  ${label}`);
  const library = new Map([...connect$.self].filter(([label]) => /^(ours|rxjs) /.test(label)));
  console.log('self, ours and RxJS only:');
  for (const [label, us] of top(library, 40)) console.log(`${fmt(us)}  ${label}`);
  console.log('inclusive (ours and RxJS frames):');
  for (const [label, us] of top(connect$.inclusive, 30)) console.log(`${fmt(us)}  ${label}`);
}

async function parent(steps, only, keep) {
  const listener = await startListeners([{ kind: 'tcp' }]);
  const [port] = listener.ports;
  const ports = [...(await refusedPorts(3)), port];
  try {
    for (const shape of Object.keys(shapes(port, ports))) {
      if (only !== undefined && shape !== only) continue;
      const shapeSteps = shape === 'B3' ? Math.round(steps / 4) : steps;
      const worker = spawnNode(SELF, {
        args: [
          '--child',
          shape,
          String(port),
          ports.join(','),
          String(shapeSteps),
          String(Math.round(shapeSteps / 4)),
        ],
        cpu: CLIENT_CPU,
      });
      const { profile, runs } = await nextMessage(worker, {
        accept: (m) => m?.profile !== undefined,
        ms: 600_000,
      });
      if (keep) {
        mkdirSync(keep, { recursive: true });
        writeFileSync(path.join(keep, `${shape}.cpuprofile`), JSON.stringify(profile));
      }
      const { variants, unassignedShare } = analyse(profile, runs);
      console.log(`\n# ${shape} (${(unassignedShare * 100).toFixed(1)}% of the profile outside any run)`);
      for (const [name, r] of Object.entries(variants)) report(shape, name, r);
      difference(shape, variants);
    }
  } finally {
    listener.close();
    killAll();
  }
}

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
if (args[0] === '--child') {
  await child(args[1], Number(args[2]), args[3].split(',').map(Number), Number(args[4]), Number(args[5]));
} else {
  const positional = args.filter((arg, i) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--'));
  await parent(Number(positional[0] ?? 20_000), option('--shape'), option('--keep'));
}
