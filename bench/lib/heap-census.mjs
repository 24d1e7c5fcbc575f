// A census of a V8 heap snapshot (.heapsnapshot JSON): objects counted and their own
// (shallow) sizes summed by kind, so that two snapshots of one program in two modes can
// be compared kind by kind. A kind is the object's type and name; a closure's also
// says the script that defines it; anonymous kinds (plain objects, arrays, closure
// contexts) say what holds them (`Subscriber._finalizers`, the closure `fail`), since
// their name alone says nothing.
import { readFileSync } from 'node:fs';

const STRING_TYPES = new Set(['string', 'concatenated string', 'sliced string']);
const ANONYMOUS = new Set(['Object', 'Array', '(object elements)', 'system / Context', '']);

/** Reads a heap snapshot; returns Map key → { type, name, script, holder, count, bytes }. */
export function heapCensus(file) {
  const { snapshot, nodes, edges, strings } = JSON.parse(readFileSync(file, 'utf8'));
  const nodeFields = snapshot.meta.node_fields;
  const edgeFields = snapshot.meta.edge_fields;
  const nodeTypes = snapshot.meta.node_types[0];
  const edgeTypes = snapshot.meta.edge_types[0];
  const width = nodeFields.length;
  const edgeWidth = edgeFields.length;
  const count = nodes.length / width;
  const [TYPE, NAME, SIZE, EDGES] = ['type', 'name', 'self_size', 'edge_count'].map((f) =>
    nodeFields.indexOf(f),
  );
  const [E_TYPE, E_NAME, E_TO] = ['type', 'name_or_index', 'to_node'].map((f) => edgeFields.indexOf(f));
  const typeOf = (n) => nodeTypes[nodes[n * width + TYPE]];
  const nameOf = (n) => strings[nodes[n * width + NAME]];
  const edgeName = (e) => {
    const type = edgeTypes[edges[e + E_TYPE]];
    return type === 'element' || type === 'hidden' ? `[${edges[e + E_NAME]}]` : strings[edges[e + E_NAME]];
  };

  // Each node's first strong retainer (and the edge's name), and each closure's script.
  const holder = new Int32Array(count).fill(-1);
  const holderEdge = new Int32Array(count).fill(-1);
  const script = new Array(count).fill('');
  const closureOfContext = new Int32Array(count).fill(-1);
  for (let n = 0, e = 0; n < count; n++) {
    const end = e + nodes[n * width + EDGES] * edgeWidth;
    for (; e < end; e += edgeWidth) {
      if (edgeTypes[edges[e + E_TYPE]] === 'weak') continue;
      const to = edges[e + E_TO] / width;
      if (holder[to] < 0) {
        holder[to] = n;
        holderEdge[to] = e;
      }
      const name = edgeName(e);
      if (typeOf(n) === 'closure' && name === 'context' && closureOfContext[to] < 0) closureOfContext[to] = n;
      if (name === 'script_or_debug_info') script[n] = nameOf(to); // n is a SharedFunctionInfo
    }
  }
  const closureScript = (n) => {
    for (let e = firstEdge(n), end = e + nodes[n * width + EDGES] * edgeWidth; e < end; e += edgeWidth) {
      if (edgeName(e) === 'shared') return script[edges[e + E_TO] / width];
    }
    return '';
  };
  const starts = new Uint32Array(count);
  for (let n = 1; n < count; n++) starts[n] = starts[n - 1] + nodes[(n - 1) * width + EDGES] * edgeWidth;
  function firstEdge(n) {
    return starts[n];
  }
  const shortScript = (url) =>
    url.replace(/^.*\/node_modules\/rxjs\/dist\/cjs\/internal\//, 'rxjs/').replace(/^\/.*\/dist\//, 'dist/');
  const describeHolder = (n) => {
    const h = holder[n];
    if (h < 0) return '';
    const hName = nameOf(h) || typeOf(h);
    if (ANONYMOUS.has(nameOf(h))) {
      const up = holder[h];
      const upName = up < 0 ? '' : nameOf(up) || typeOf(up);
      return `${upName}.${holderEdge[h] < 0 ? '' : edgeName(holderEdge[h])}.${edgeName(holderEdge[n])}`;
    }
    return `${hName}.${edgeName(holderEdge[n])}`;
  };

  const census = new Map();
  for (let n = 0; n < count; n++) {
    const type = typeOf(n);
    const name = STRING_TYPES.has(type) ? '' : nameOf(n);
    let where = type === 'closure' ? shortScript(closureScript(n)) : '';
    let held = '';
    if (name === 'system / Context' && closureOfContext[n] >= 0) {
      const closure = closureOfContext[n];
      where = shortScript(closureScript(closure));
      held = `closure ${nameOf(closure) || '(anonymous)'}`;
    } else if (ANONYMOUS.has(name) && type !== 'closure') {
      held = describeHolder(n);
    }
    const key = `${type}\u0000${name}\u0000${where}\u0000${held}`;
    let entry = census.get(key);
    if (entry === undefined)
      census.set(key, (entry = { type, name, script: where, holder: held, count: 0, bytes: 0 }));
    entry.count++;
    entry.bytes += nodes[n * width + SIZE];
  }
  return census;
}

/** Kind by kind, `after` minus `before` (counts and bytes), largest byte difference first. */
export function censusDiff(before, after) {
  const rows = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(key);
    const b = after.get(key);
    const { type, name, script, holder } = b ?? a;
    rows.push({
      type,
      name,
      script,
      holder,
      count: (b?.count ?? 0) - (a?.count ?? 0),
      bytes: (b?.bytes ?? 0) - (a?.bytes ?? 0),
    });
  }
  return rows.sort((p, q) => q.bytes - p.bytes);
}
