// SPEC §1: arguments are checked before anything starts; a wrong one is the
// stream's error or the promise's rejection, never a throw, and leaves nothing running.
import type { Observable } from 'rxjs';
import { connect$ } from '../src/connect';
import { connect, type ConnectPromiseOptions } from '../src/connect-promise';
import { SockoptError } from '../src/errors/sockopt-error';
import type { ConnectEvent, ConnectOptions, Sockopts } from '../src/types';
import { listen, type Listener } from './helpers/loopback';
import { activeResources, leakedSince } from './helpers/resources';

/** What a run delivered synchronously at subscription: its events and its error, if any. */
function atSubscription(run$: Observable<ConnectEvent>): { events: ConnectEvent[]; error: unknown } {
  const events: ConnectEvent[] = [];
  let error: unknown;
  const subscription = run$.subscribe({
    next: (event) => events.push(event),
    error: (e: unknown) => (error = e),
  });
  subscription.unsubscribe();
  return { events, error };
}

const trapFn = (): never => {
  throw new Error('trap');
};
let abortedReads = 0;

const throwingProxy = (): object =>
  new Proxy(
    {},
    {
      get: () => {
        throw new Error('trap');
      },
      ownKeys: () => {
        throw new Error('trap');
      },
      getPrototypeOf: () => {
        throw new Error('trap');
      },
    },
  );

describe('connect$: sockopts must be a plain object or undefined', () => {
  it.each<[string, unknown, RegExp]>([
    ['null', null, /got null/],
    ['an empty array', [], /got an array/],
    ['an array of pairs', [['Timeout', 5]], /got an array/],
    ['a string', 'x', /got a string/],
    ['a number', 5, /got the number 5/],
    ['a boolean', true, /got a boolean/],
    ['a function', () => ({ Timeout: 5 }), /got a function/],
    ['a Map', new Map([['Timeout', 5]]), /got a Map/],
    ['a Date', new Date(0), /got a Date/],
    ['a Proxy that throws', throwingProxy(), /could not be read/],
  ])('%s → SockoptError as the stream error, before any attempt', (_name, sockopts, message) => {
    const transport = jest.fn();
    const run$ = connect$('tcp://127.0.0.1:1', sockopts as Sockopts, { transport });
    const { events, error } = atSubscription(run$);
    expect(error).toBeInstanceOf(SockoptError);
    expect((error as SockoptError).message).toMatch(/^sockopts must be a plain object/);
    expect((error as SockoptError).message).toMatch(message);
    expect(events).toEqual([]);
    expect(transport).not.toHaveBeenCalled();
  });

  it.each<[string, Sockopts | undefined]>([
    ['undefined', undefined],
    ['an empty object', {}],
    ['an object without prototype', Object.assign(Object.create(null) as Sockopts, { Timeout: 1 })],
    ['a frozen object', Object.freeze({ Timeout: 1 })],
  ])('%s is accepted', (_name, sockopts) => {
    const transport = jest.fn(() => new Promise<never>(() => undefined));
    const { events, error } = atSubscription(connect$('tcp://127.0.0.1:1', sockopts, { transport }));
    expect(error).toBeUndefined();
    expect(events.map((event) => event.type)).toEqual(['attempt']);
  });

  it('a getter is read once: the value checked is the value used', () => {
    let reads = 0;
    const sockopts = {
      get Timeout() {
        reads += 1;
        return reads === 1 ? 2 : 'not a number';
      },
    };
    const transport = jest.fn(() => new Promise<never>(() => undefined));
    const { error } = atSubscription(connect$('tcp://127.0.0.1:1', sockopts, { transport }));
    expect(error).toBeUndefined();
    expect(reads).toBe(1);
    expect(transport.mock.calls[0]).toEqual([expect.anything(), expect.objectContaining({ Timeout: 2 })]);
  });
});

describe('connect$: options must be an object or undefined, with functions where functions go', () => {
  it.each<[string, unknown, RegExp]>([
    ['null', null, /^options must be an object, got null$/],
    ['a string', 'x', /^options must be an object, got a string$/],
    ['an array', [], /^options must be an object, got an array$/],
    ['a number', 0, /^options must be an object, got the number 0$/],
    ['a function', () => undefined, /^options must be an object, got a function$/],
    ['a Proxy that throws', throwingProxy(), /^options could not be read: trap$/],
    ['transport: a string', { transport: 'tcp' }, /^options\.transport must be a function, got a string$/],
    ['transport: an object', { transport: {} }, /^options\.transport must be a function, got an object$/],
    ['transport: null', { transport: null }, /^options\.transport must be a function, got null$/],
    ['verify: true', { verify: true }, /^options\.verify must be a function, got a boolean$/],
    [
      'verify: an Observable',
      { verify: { subscribe: () => undefined } },
      /options\.verify must be a function/,
    ],
    ['random: a number', { random: 0.5 }, /^options\.random must be a function, got the number 0\.5$/],
    ['random: NaN', { random: NaN }, /^options\.random must be a function, got the number NaN$/],
  ])('%s → TypeError as the stream error, before any attempt', (_name, options, message) => {
    const { events, error } = atSubscription(connect$('tcp://127.0.0.1:1', {}, options as ConnectOptions));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toMatch(message);
    expect(events).toEqual([]);
  });

  it('options set to undefined count as not given', () => {
    const transport = jest.fn(() => new Promise<never>(() => undefined));
    const options = { transport, verify: undefined, random: undefined };
    const { events, error } = atSubscription(connect$('tcp://127.0.0.1:1', undefined, options));
    expect(error).toBeUndefined();
    expect(events.map((event) => event.type)).toEqual(['attempt']);
  });

  it('connect$ itself never throws, whatever its arguments', () => {
    for (const sockopts of [null, [], 'x', throwingProxy()]) {
      for (const options of [null, 'x', [], throwingProxy()]) {
        expect(() => connect$('tcp://a:1', sockopts as Sockopts, options as ConnectOptions)).not.toThrow();
      }
    }
  });
});

describe('connect(): wrong arguments reject, never throw, and start nothing', () => {
  let live: Listener;
  let baseline: string[];
  beforeEach(async () => {
    live = await listen();
    baseline = activeResources();
  });
  afterEach(() => live.close());

  const controller = new AbortController();
  it.each<[string, unknown, RegExp]>([
    [
      'signal: an AbortController',
      { signal: controller },
      /^options\.signal is an AbortController; pass controller\.signal$/,
    ],
    ['signal: a string', { signal: 'abort' }, /^options\.signal must be an AbortSignal, got a string$/],
    [
      'signal: an object',
      { signal: { aborted: false } },
      /^options\.signal must be an AbortSignal, got an object$/,
    ],
    ['signal: true', { signal: true }, /^options\.signal must be an AbortSignal, got a boolean$/],
    ['onEvent: a string', { onEvent: 'log' }, /^options\.onEvent must be a function, got a string$/],
    ['onEvent: an object', { onEvent: { next: () => undefined } }, /^options\.onEvent must be a function/],
    ['options: null', null, /^options must be an object, got null$/],
    ['options: a string', 'fast', /^options must be an object, got a string$/],
    ['options: an array', [], /^options must be an object, got an array$/],
    ['options: a Proxy that throws', throwingProxy(), /^options could not be read: trap$/],
    [
      'options: a Proxy whose keys cannot be listed',
      new Proxy({}, { ownKeys: () => trapFn() }),
      /^options could not be read: trap$/,
    ],
    ['transport: a string', { transport: 'tcp' }, /^options\.transport must be a function, got a string$/],
    ['verify: a number', { verify: 1 }, /^options\.verify must be a function, got the number 1$/],
    ['random: a number', { random: 4 }, /^options\.random must be a function, got the number 4$/],
  ])('%s → a rejected TypeError; no attempt, nothing left running', async (_name, options, message) => {
    let run: Promise<unknown> | undefined;
    expect(() => {
      run = connect(`tcp://127.0.0.1:${live.port}`, {}, options as ConnectPromiseOptions);
    }).not.toThrow();
    const error = await run?.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toMatch(message);
    expect(await leakedSince(baseline)).toEqual([]);
    expect(live.accepted).toHaveLength(0);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['an array', []],
    ['a string', 'x'],
  ])('sockopts %s → a rejected SockoptError; no attempt', async (_name, sockopts) => {
    const transport = jest.fn();
    await expect(
      connect(`tcp://127.0.0.1:${live.port}`, sockopts as Sockopts, { transport }),
    ).rejects.toBeInstanceOf(SockoptError);
    expect(transport).not.toHaveBeenCalled();
  });

  it('the controller given by mistake: the run it would have started never runs (no later crash)', async () => {
    const mistaken = new AbortController();
    const transport = jest.fn(() => new Promise<never>(() => undefined));
    const options = { signal: mistaken, transport } as unknown as ConnectPromiseOptions;
    await expect(connect(`tcp://127.0.0.1:${live.port}`, {}, options)).rejects.toBeInstanceOf(TypeError);
    mistaken.abort();
    expect(transport).not.toHaveBeenCalled();
    expect(await leakedSince(baseline)).toEqual([]);
  });

  // Signal-shaped objects (another realm's, a library's) whose members throw: the call
  // rejects, and a run it may have started is stopped again.
  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      'addEventListener throws',
      { aborted: false, addEventListener: trapFn, removeEventListener: () => undefined },
      /^options\.signal\.addEventListener threw: trap$/,
    ],
    [
      'aborted is a getter that throws after the check',
      {
        get aborted(): boolean {
          abortedReads += 1;
          if (abortedReads > 1) throw new Error('trap');
          return false;
        },
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
      },
      /^options\.signal\.aborted threw: trap$/,
    ],
  ])('a signal whose %s: a rejected TypeError, nothing left running', async (_name, signal, message) => {
    abortedReads = 0;
    const transport = jest.fn(() => new Promise<never>(() => undefined));
    const options = { signal, transport } as unknown as ConnectPromiseOptions;
    const error = await connect(`tcp://127.0.0.1:${live.port}`, {}, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toMatch(message);
    expect(await leakedSince(baseline)).toEqual([]);
  });

  it('a signal whose removeEventListener throws: the run still resolves, no crash', async () => {
    const real = new AbortController().signal;
    const signal = {
      get aborted() {
        return real.aborted;
      },
      addEventListener: real.addEventListener.bind(real),
      removeEventListener: trapFn,
    };
    const socket = await connect(`tcp://127.0.0.1:${live.port}`, {}, {
      signal,
    } as unknown as ConnectPromiseOptions);
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 1)); // a crash would surface here
  });

  it('signal: null or undefined means no signal (as fetch reads it)', async () => {
    for (const signal of [null, undefined]) {
      const options = { signal } as unknown as ConnectPromiseOptions;
      const socket = await connect(`tcp://127.0.0.1:${live.port}`, {}, options);
      socket.destroy();
    }
    expect(live.accepted).toHaveLength(2);
    await live.allClosed();
  });

  it('onEvent sees each event of the run, in order', async () => {
    const seen: string[] = [];
    const socket = await connect(
      `tcp://127.0.0.1:${live.port}`,
      {},
      { onEvent: (event) => seen.push(`${event.type} ${event.attempt}`) },
    );
    socket.destroy();
    expect(seen).toEqual(['attempt 1', 'connected 1']);
  });

  it.each<[string, unknown]>([
    ['an Error', new Error('listener broke')],
    ['null', null],
    ['a string', 'nope'],
  ])('onEvent throwing %s rejects with it, and the run (and its socket) is closed', async (_name, thrown) => {
    for (const at of ['attempt', 'connected']) {
      const onEvent = (event: ConnectEvent): void => {
        if (event.type === at) throw thrown;
      };
      const error = await connect(`tcp://127.0.0.1:${live.port}`, {}, { onEvent }).catch((e: unknown) => e);
      expect(error).toBe(thrown);
    }
    await live.allClosed();
    expect(await leakedSince(baseline)).toEqual([]);
  });
});
