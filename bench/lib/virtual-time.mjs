// A TestScheduler for storms of thousands of clients. rxjs's TestScheduler.run
// virtualizes setTimeout / setInterval / setImmediate through delegates that keep
// every pending timer in a Map scanned in full on each firing, and it keeps its
// actions in an array re-sorted on each insertion: both O(n) per timer, so 10,000
// clients with a timer each are quadratic. This subclass runs the same delegates
// from a binary heap ordered exactly as the stock ones fire (due time, then
// immediates before intervals before timeouts, then creation order): the same
// virtual timeline, in O(log n) per timer. b7-storm.mjs checks it against the stock
// scheduler on a smaller storm.
import { rxjsTesting } from './library.mjs';

const { TestScheduler } = rxjsTesting;
const RANK = { immediate: 0, interval: 1, timeout: 2, action: 3 };

class MinHeap {
  items = [];
  static before(a, b) {
    return a.due !== b.due ? a.due < b.due : a.rank !== b.rank ? a.rank < b.rank : a.seq < b.seq;
  }
  get size() {
    return this.items.length;
  }
  push(item) {
    const { items } = this;
    let i = items.push(item) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!MinHeap.before(item, items[parent])) break;
      items[i] = items[parent];
      i = parent;
    }
    items[i] = item;
  }
  peek() {
    return this.items[0];
  }
  pop() {
    const { items } = this;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= items.length) break;
        const right = left + 1;
        const child = right < items.length && MinHeap.before(items[right], items[left]) ? right : left;
        if (!MinHeap.before(items[child], last)) break;
        items[i] = items[child];
        i = child;
      }
      items[i] = last;
    }
    return top;
  }
}

export class HeapTestScheduler extends TestScheduler {
  heap = new MinHeap();
  lastHandle = 0;

  constructor() {
    super(() => {});
  }

  /** Work scheduled on this scheduler itself (not through the delegates) goes to the heap too. */
  schedule(work, delay = 0, state) {
    const action = {
      closed: false,
      entry: null,
      schedule: (nextState, nextDelay = 0) => {
        if (!action.closed) enqueue(nextState, nextDelay);
        return action;
      },
      unsubscribe: () => {
        action.closed = true;
        if (action.entry) action.entry.cancelled = true;
      },
    };
    const enqueue = (workState, workDelay) => {
      const entry = { due: this.frame + workDelay, rank: RANK.action, seq: ++this.index, cancelled: false };
      entry.run = () => {
        action.entry = null;
        work.call(action, workState);
      };
      action.entry = entry;
      this.heap.push(entry);
    };
    enqueue(state, delay);
    return action;
  }

  flush() {
    while (this.hotObservables.length > 0) this.hotObservables.shift().setup();
    const { heap } = this;
    while (heap.size > 0 && heap.peek().due <= this.maxFrames) {
      const entry = heap.pop();
      if (entry.cancelled) continue;
      this.frame = entry.due;
      entry.run();
    }
    this.flushTests = this.flushTests.filter((test) => {
      if (!test.ready) return true;
      this.assertDeepEqual(test.actual, test.expected);
      return false;
    });
  }

  createDelegates() {
    const handles = new Map();
    const add = (type, handler, duration, periodic) => {
      const handle = ++this.lastHandle;
      const entry = { due: this.frame + duration, rank: RANK[type], seq: handle, cancelled: false };
      entry.run = () => {
        if (periodic) {
          const next = { ...entry, due: this.frame + duration };
          handles.set(handle, next);
          this.heap.push(next);
        } else handles.delete(handle);
        handler();
      };
      handles.set(handle, entry);
      this.heap.push(entry);
      return handle;
    };
    const clear = (handle) => {
      const entry = handles.get(handle);
      if (entry) entry.cancelled = true;
      handles.delete(handle);
    };
    return {
      immediate: { setImmediate: (handler) => add('immediate', handler, 0, false), clearImmediate: clear },
      interval: {
        setInterval: (handler, duration = 0) => add('interval', handler, duration, true),
        clearInterval: clear,
      },
      timeout: {
        setTimeout: (handler, duration = 0) => add('timeout', handler, duration, false),
        clearTimeout: clear,
      },
    };
  }
}
