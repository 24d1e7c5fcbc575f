// SPEC §5: a function of the user's (transport, verify, random) that throws or
// rejects with anything at all fails that attempt, or the run, with a typed
// error: never an uncaught exception, a crash or a run that stops emitting.
//
// A crash shows in two ways here: RxJS reports an error thrown inside a
// subscriber's callback through `config.onUnhandledError` (collected below),
// and jest fails the running test on any uncaught exception or unhandled
// rejection; every case waits a macrotask after its run ended, so that
// either would land inside it.
import { connect as netConnect, type Socket as NetSocket } from 'node:net';
import { config, map, Observable, of, throwError, timer, type ObservableInput } from 'rxjs';
import { connect$ } from '../src/connect';
import { AttemptError } from '../src/errors/attempt-error';
import { ConnectError } from '../src/errors/connect-error';
import type { ConnectEvent, ConnectOptions, Socket } from '../src/types';
import { listen, refusedPort, type Listener } from './helpers/loopback';
import { activeResources, leakedSince } from './helpers/resources';

interface Outcome {
  readonly events: ConnectEvent[];
  readonly error: unknown;
  readonly completed: boolean;
  /** Errors RxJS could not deliver (thrown inside a callback): each one would crash the process. */
  readonly unhandled: unknown[];
}

/** Runs to its end, or until RxJS reports an error it could not deliver (the run then stopped). */
async function settle(run$: Observable<ConnectEvent>): Promise<Outcome> {
  const events: ConnectEvent[] = [];
  const unhandled: unknown[] = [];
  let error: unknown;
  let completed = false;
  const previous = config.onUnhandledError;
  let subscription: { unsubscribe(): void } | undefined;
  try {
    await new Promise<void>((resolve) => {
      config.onUnhandledError = (e: unknown) => {
        unhandled.push(e);
        resolve();
      };
      subscription = run$.subscribe({
        next: (event) => events.push(event),
        error: (e: unknown) => {
          error = e;
          resolve();
        },
        complete: () => {
          completed = true;
          resolve();
        },
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 1));
  } finally {
    config.onUnhandledError = previous;
    subscription?.unsubscribe();
  }
  return { events, error, completed, unhandled };
}

const trap = (): never => {
  throw new Error('trap');
};

/** Thrown or rejected values, and the reason an AttemptError gives for each. */
const HOSTILE: [string, () => unknown, string | RegExp][] = [
  ['an Error', () => new Error('boom'), 'boom'],
  ['an Error with an empty message', () => new Error(''), 'Error'],
  ['a string', () => 'boom', 'boom'],
  ['an empty string', () => '', 'failed with a string'],
  ['null', () => null, 'failed with null'],
  ['undefined', () => undefined, 'failed with undefined'],
  ['a number', () => 42, 'failed with the number 42'],
  ['NaN', () => NaN, 'failed with the number NaN'],
  ['a bigint', () => 10n, 'failed with a bigint'],
  ['a symbol', () => Symbol('s'), 'failed with a symbol'],
  ['a function', () => () => undefined, 'failed with a function'],
  ['an object without prototype', () => Object.create(null), 'failed with an object without prototype'],
  [
    'an object whose toString throws',
    () => ({ toString: trap, valueOf: trap, [Symbol.toPrimitive]: trap }),
    'failed with an object',
  ],
  [
    'an Error whose message getter throws',
    () => Object.defineProperty(new Error(), 'message', { get: trap }),
    'Error',
  ],
  [
    'an object whose code and message are not strings',
    () => ({ code: 42, message: { text: 'no' } }),
    'failed with an object',
  ],
  [
    'a Proxy that throws on every access',
    () =>
      new Proxy(
        {},
        { get: trap, has: trap, getPrototypeOf: trap, ownKeys: trap, getOwnPropertyDescriptor: trap },
      ),
    'failed with an unreadable object',
  ],
  [
    'a revoked Proxy',
    () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    },
    'failed with an unreadable object',
  ],
];

function expectOneFailedAttempt(
  outcome: Outcome,
  port: number,
  value: unknown,
  reason: string | RegExp,
): void {
  expect(outcome.unhandled).toEqual([]);
  expect(outcome.events.map((event) => `${event.type} ${event.attempt}`)).toEqual(['attempt 1', 'failed 1']);
  const failed = outcome.events[1] as Extract<ConnectEvent, { type: 'failed' }>;
  expect(failed.error).toBeInstanceOf(AttemptError);
  expect(failed.error.code).toBe('ERR_STOMP_ATTEMPT');
  expect(Object.is(failed.error.cause, value)).toBe(true);
  const prefix = `cannot connect to 127.0.0.1:${port}: `;
  expect(failed.error.message.startsWith(prefix)).toBe(true);
  const text = failed.error.message.slice(prefix.length);
  if (typeof reason === 'string') expect(text).toBe(reason);
  else expect(text).toMatch(reason);
  expect(outcome.error).toBeInstanceOf(ConnectError);
  expect((outcome.error as ConnectError).message).toBe(`${failed.error.message} (1 attempt)`);
  expect((outcome.error as ConnectError).errors).toEqual([failed.error]);
}

describe('a transport that fails with any value fails the attempt with an AttemptError', () => {
  let port: number;
  let baseline: string[];
  beforeAll(async () => {
    port = await refusedPort();
  });
  beforeEach(() => {
    baseline = activeResources();
  });

  const modes: [string, (value: unknown) => ObservableInput<Socket>][] = [
    [
      'throws',
      (value) => {
        throw value;
      },
    ],
    ['errors (Observable)', (value) => throwError(() => value)],
    [
      'errors later (Observable)',
      (value) => new Observable<Socket>((s) => void setTimeout(() => s.error(value))),
    ],
    ['rejects (Promise)', (value) => Promise.reject(value as Error)],
  ];
  describe.each(modes)('transport %s', (_mode, fail) => {
    it.each(HOSTILE)('with %s', async (_name, make, reason) => {
      const value = make();
      const outcome = await settle(connect$(`tcp://127.0.0.1:${port}`, {}, { transport: () => fail(value) }));
      expectOneFailedAttempt(outcome, port, value, reason);
      expect(await leakedSince(baseline)).toEqual([]);
    });
  });

  it('a cause whose code getter throws, or whose code is no string, gets ERR_STOMP_ATTEMPT', async () => {
    for (const value of [
      Object.defineProperty(new Error('x'), 'code', { get: trap }),
      Object.assign(new Error('x'), { code: 7 }),
      Object.assign(new Error('x'), { code: '' }),
    ]) {
      const outcome = await settle(
        connect$(`tcp://127.0.0.1:${port}`, {}, { transport: () => throwError(() => value) }),
      );
      expectOneFailedAttempt(outcome, port, value, 'x');
    }
  });

  it('failover goes on after such a failure: the run is not stopped', async () => {
    const causes = [null, Object.create(null) as object, undefined];
    let calls = 0;
    const transport = (): ObservableInput<Socket> => throwError(() => causes[calls++ % causes.length]);
    const uri = `failover:(tcp://127.0.0.1:${port})?maxReconnectAttempts=5&initialReconnectDelay=0`;
    const outcome = await settle(connect$(uri, {}, { transport }));
    expect(outcome.unhandled).toEqual([]);
    expect(outcome.events.filter((event) => event.type === 'failed')).toHaveLength(6);
    expect(outcome.error).toBeInstanceOf(ConnectError);
    expect((outcome.error as ConnectError).attempts).toBe(6);
  });
});

describe('a transport that misbehaves otherwise fails the attempt, never the process', () => {
  let live: Listener;
  let baseline: string[];
  beforeEach(async () => {
    live = await listen();
    baseline = activeResources();
  });
  afterEach(() => live.close());

  const socketTo = (port: number): Observable<NetSocket> =>
    new Observable<NetSocket>((subscriber) => {
      const socket = netConnect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.once('connect', () => subscriber.next(socket));
    });

  const unreadable = new Proxy({}, { get: trap, has: trap, getPrototypeOf: trap });
  it.each<[string, () => ObservableInput<Socket>, RegExp]>([
    ['returns null', () => null as unknown as ObservableInput<Socket>, /stream/],
    ['returns a number', () => 42 as unknown as ObservableInput<Socket>, /stream/],
    ['returns a Proxy that throws', () => unreadable as ObservableInput<Socket>, /./],
    [
      'returns a thenable whose then throws',
      () => ({ then: trap }) as unknown as ObservableInput<Socket>,
      /: trap$/,
    ],
    [
      'emits a Proxy that throws (not a socket)',
      () => new Observable<Socket>((subscriber) => subscriber.next(unreadable as Socket)),
      /: the transport emitted an unreadable object, not a socket$/,
    ],
    [
      'emits it later',
      () => timer(1).pipe(map(() => unreadable as Socket)),
      /: the transport emitted an unreadable object, not a socket$/,
    ],
  ])('a transport that %s', async (_name, transport, reason) => {
    const outcome = await settle(connect$(`tcp://127.0.0.1:${live.port}`, {}, { transport }));
    expect(outcome.unhandled).toEqual([]);
    expect(outcome.events.map((event) => event.type)).toEqual(['attempt', 'failed']);
    const failed = outcome.events[1] as Extract<ConnectEvent, { type: 'failed' }>;
    expect(failed.error).toBeInstanceOf(AttemptError);
    expect(failed.error.message).toMatch(reason);
    expect(outcome.error).toBeInstanceOf(ConnectError);
    expect(await leakedSince(baseline)).toEqual([]);
  });

  it.each(HOSTILE.filter(([name]) => ['an Error', 'null', 'an object without prototype'].includes(name)))(
    'a transport whose teardown throws %s after its socket: the attempt fails, the socket is closed',
    async (_name, make) => {
      const value = make();
      const transport = (): Observable<NetSocket> =>
        new Observable<NetSocket>((subscriber) => {
          const inner = socketTo(live.port).subscribe(subscriber);
          return () => {
            inner.unsubscribe();
            throw value;
          };
        });
      const outcome = await settle(connect$(`tcp://127.0.0.1:${live.port}`, {}, { transport }));
      expect(outcome.unhandled).toEqual([]);
      expect(outcome.events.map((event) => event.type)).toEqual(['attempt', 'failed']);
      const failed = outcome.events[1] as Extract<ConnectEvent, { type: 'failed' }>;
      expect(failed.error.code).toBe('ERR_STOMP_ATTEMPT');
      expect(failed.error.message).toMatch(new RegExp(`^cannot connect to 127\\.0\\.0\\.1:${live.port}: .`));
      await live.allClosed();
      expect(live.accepted).toHaveLength(1);
      expect(await leakedSince(baseline)).toEqual([]);
    },
  );

  it('a Promise transport whose late value (after the attempt timed out) is a Proxy that throws', async () => {
    // Not a thenable (a Promise would read `then` and reject), but any other access throws.
    const lateValue = new Proxy({}, { get: (_target, key) => (key === 'then' ? undefined : trap()) });
    let bring: (value: unknown) => void = () => undefined;
    const transport = (): Promise<Socket> => new Promise((resolve) => (bring = resolve as typeof bring));
    const outcome = await settle(
      connect$(`tcp://127.0.0.1:${live.port}?connectionTimeout=1`, {}, { transport }),
    );
    expect(outcome.error).toBeInstanceOf(ConnectError);
    bring(lateValue);
    await new Promise((resolve) => setTimeout(resolve, 1));
    expect(outcome.unhandled).toEqual([]);
  });

  it('a socket whose destroy and off throw: the attempt still fails and the run still ends', async () => {
    const hostileSocket = {
      on: () => undefined,
      once: () => undefined,
      off: trap,
      destroy: trap,
    } as unknown as Socket;
    const verify = (): ObservableInput<unknown> => throwError(() => new Error('no'));
    const outcome = await settle(
      connect$(`tcp://127.0.0.1:${live.port}`, {}, { transport: () => of(hostileSocket), verify }),
    );
    expect(outcome.unhandled).toEqual([]);
    expect(outcome.events.map((event) => event.type)).toEqual(['attempt', 'failed']);
    expect(outcome.error).toBeInstanceOf(ConnectError);
  });
});

describe('a verify that fails with any value fails the attempt and closes its socket', () => {
  let live: Listener;
  let baseline: string[];
  beforeAll(async () => {
    live = await listen();
  });
  afterAll(() => live.close());
  beforeEach(() => {
    baseline = activeResources();
  });

  const modes: [string, (value: unknown) => ObservableInput<unknown>][] = [
    [
      'throws',
      (value) => {
        throw value;
      },
    ],
    ['errors (Observable)', (value) => throwError(() => value)],
    ['rejects (Promise)', (value) => Promise.reject(value as Error)],
  ];
  describe.each(modes)('verify %s', (_mode, fail) => {
    it.each(HOSTILE)('with %s', async (_name, make, reason) => {
      const value = make();
      const accepted = live.accepted.length;
      const outcome = await settle(
        connect$(`tcp://127.0.0.1:${live.port}`, {}, { verify: () => fail(value) }),
      );
      expectOneFailedAttempt(outcome, live.port, value, reason);
      expect(live.accepted.length).toBe(accepted + 1);
      await live.allClosed();
      expect(await leakedSince(baseline)).toEqual([]);
    });
  });

  it.each<[string, () => ObservableInput<unknown>]>([
    ['returns null', () => null as unknown as ObservableInput<unknown>],
    ['returns a Proxy that throws', () => new Proxy({}, { get: trap }) as ObservableInput<unknown>],
    [
      'emits, then its teardown throws null',
      () =>
        new Observable((subscriber) => {
          setTimeout(() => subscriber.next('ok'));
          return () => {
            throw null;
          };
        }),
    ],
  ])('a verify that %s', async (_name, verify) => {
    const outcome = await settle(connect$(`tcp://127.0.0.1:${live.port}`, {}, { verify }));
    expect(outcome.unhandled).toEqual([]);
    expect(outcome.events.map((event) => event.type)).toEqual(['attempt', 'failed']);
    expect((outcome.events[1] as Extract<ConnectEvent, { type: 'failed' }>).error).toBeInstanceOf(
      AttemptError,
    );
    expect(outcome.error).toBeInstanceOf(ConnectError);
    await live.allClosed();
    expect(await leakedSince(baseline)).toEqual([]);
  });
});

describe('a random source that throws or leaves [0, 1) ends the run with a TypeError', () => {
  const transport = (): ObservableInput<Socket> => throwError(() => new Error('down'));
  const TWO = 'failover:(tcp://a:1,tcp://b:2)?maxReconnectAttempts=3';

  it.each<[string, () => number, RegExp]>([
    ['throws an Error', () => trap(), /^options\.random threw: trap$/],
    [
      'throws null',
      () => {
        throw null;
      },
      /^options\.random threw null$/,
    ],
    [
      'throws an object without prototype',
      () => {
        throw Object.create(null);
      },
      /^options\.random threw an object without prototype$/,
    ],
    ['returns NaN', () => NaN, /^options\.random must return a number in \[0, 1\), returned the number NaN$/],
    ['returns Infinity', () => Infinity, /returned the number Infinity$/],
    ['returns -Infinity', () => -Infinity, /returned the number -Infinity$/],
    ['returns 1', () => 1, /returned the number 1$/],
    ['returns -0.1', () => -0.1, /returned the number -0\.1$/],
    ['returns a string', () => '0.5' as unknown as number, /returned a string$/],
    ['returns undefined', () => undefined as unknown as number, /returned undefined$/],
  ])(
    'random %s: shuffling the first pass ends the run before any attempt',
    async (_name, random, message) => {
      const outcome = await settle(connect$(TWO, {}, { transport, random }));
      expect(outcome.unhandled).toEqual([]);
      expect(outcome.events).toEqual([]);
      expect(outcome.error).toBeInstanceOf(TypeError);
      expect((outcome.error as TypeError).message).toMatch(message);
    },
  );

  it('random failing mid-run (full jitter) ends the run with the TypeError after the events so far', async () => {
    const values = [0.5, 0.5, 0.5, NaN];
    const random = (): number => values.shift() ?? NaN;
    const uri = `${TWO}&randomize=false&jitter=full&initialReconnectDelay=2&maxReconnectAttempts=5`;
    const options: ConnectOptions = { transport, random };
    const outcome = await settle(connect$(uri, {}, options));
    expect(outcome.unhandled).toEqual([]);
    expect(outcome.events.map((event) => `${event.type} ${event.attempt}`)).toEqual([
      'attempt 1',
      'failed 1',
      'attempt 2',
      'failed 2',
      'attempt 3',
      'failed 3',
    ]);
    expect(outcome.error).toBeInstanceOf(TypeError);
    expect((outcome.error as TypeError).message).toMatch(/returned the number NaN/);
  });

  it('a random in [0, 1) is used as given, 0 included', async () => {
    const uri = `${TWO}&randomize=false&jitter=full&initialReconnectDelay=100`;
    const outcome = await settle(connect$(uri, {}, { transport, random: () => 0 }));
    const waits = outcome.events.flatMap((event) => (event.type === 'failed' ? [event.retryIn] : []));
    expect(waits).toEqual([0, 0, 0, null]);
    expect(outcome.error).toBeInstanceOf(ConnectError);
  });
});
