import { config, map, type Observable, throwError } from 'rxjs';
import {
  establish,
  establish$,
  type Established,
  type EstablishObserver,
  type EstablishRequest,
} from '../../src/internal/establish';
import type { Peer, Socket } from '../../src/types';
import { codedError, fakeSocket, testScheduler } from '../helpers/marbles';

const peer: Peer = { scheme: 'tcp', host: 'a', port: 1, tls: false, uri: 'tcp://a:1' };
const named = () =>
  map(
    ({ socket, verified }: Established) =>
      `${(socket as unknown as { name: string }).name}${verified === undefined ? '' : `:${String(verified)}`}`,
  );

describe('establish$: one attempt settles once', () => {
  it('emits the first socket and unsubscribes from the transport, ignoring any later one', () => {
    const first = fakeSocket('first');
    const second = fakeSocket('second');
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const transport = cold('-a-b', { a: first, b: second });
      expectObservable(establish$(peer, { open: () => transport }).pipe(named())).toBe('-(s|)', {
        s: 'first',
      });
      expectSubscriptions(transport.subscriptions).toBe('^!');
    });
    expect(first.destroy).not.toHaveBeenCalled();
    expect(second.destroy).not.toHaveBeenCalled();
  });

  it('a transport that completes without a socket fails the attempt', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(establish$(peer, { open: () => cold<Socket>('--|') })).toBe(
        '--#',
        undefined,
        new Error('the transport completed without a socket'),
      );
    });
  });

  it('a transport that throws or errors synchronously fails the attempt at once', () => {
    const thrown = codedError('EINVAL');
    testScheduler().run(({ expectObservable }) => {
      const throwing = () => {
        throw thrown;
      };
      expectObservable(establish$(peer, { open: throwing })).toBe('#', undefined, thrown);
      expectObservable(establish$(peer, { open: () => throwError(() => thrown) })).toBe(
        '#',
        undefined,
        thrown,
      );
    });
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'socket'],
    ['undefined', undefined],
    ['the number 7', 7],
    ['an object', { on: () => undefined }],
    ['an array', []],
    ['an object without prototype', Object.create(null)],
  ])('a transport that emits %s (not a socket) fails the attempt', (name, value) => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(establish$(peer, { open: () => cold('-v', { v: value as Socket }) })).toBe(
        '-#',
        undefined,
        new TypeError(`the transport emitted ${name}, not a socket`),
      );
    });
  });

  it('the timeout tears the transport down and errors with ETIMEDOUT', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const transport = cold<Socket>('-');
      expectObservable(establish$(peer, { open: () => transport, timeoutMs: 5 })).toBe(
        '-----#',
        undefined,
        expect.objectContaining({ code: 'ETIMEDOUT', message: 'timed out after 5 ms' }),
      );
      expectSubscriptions(transport.subscriptions).toBe('^----!');
    });
  });

  it('a socket handed over before the timeout cancels the timeout', () => {
    const socket = fakeSocket('s');
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(
        establish$(peer, { open: () => cold('--a', { a: socket }), timeoutMs: 5 }).pipe(named()),
      ).toBe('--(s|)', { s: 's' });
    });
    expect(socket.destroy).not.toHaveBeenCalled();
  });
});

describe('establish$ with verify', () => {
  it.each<[string, string, unknown, string]>([
    ['verify emits: handed over with its value', '--v', undefined, '---(s|)'],
    ['verify errors: the socket is destroyed', '--#', codedError('ERR_STOMP_ERROR_FRAME'), '---#'],
    [
      'verify completes empty: the socket is destroyed',
      '--|',
      new Error('verification completed without a value'),
      '---#',
    ],
    [
      'verify outlasts the timeout: the socket is destroyed',
      '------v',
      expect.objectContaining({ code: 'ETIMEDOUT' }),
      '-----#',
    ],
  ])('%s', (_name, verifyMarbles, error, expected) => {
    const socket = fakeSocket('s');
    testScheduler().run(({ cold, expectObservable }) => {
      const verify = () => cold(verifyMarbles, { v: 'ok' }, error);
      const attempt$ = establish$(peer, { open: () => cold('-a', { a: socket }), verify, timeoutMs: 5 }).pipe(
        named(),
      );
      expectObservable(attempt$).toBe(expected, { s: 's:ok' }, error);
    });
    expect(socket.destroy).toHaveBeenCalledTimes(expected.includes('#') ? 1 : 0);
  });

  it('a verify that throws synchronously fails the attempt and destroys the socket', () => {
    const socket = fakeSocket('s');
    const thrown = new TypeError('bad header');
    testScheduler().run(({ cold, expectObservable }) => {
      const verify = () => {
        throw thrown;
      };
      expectObservable(establish$(peer, { open: () => cold('a', { a: socket }), verify })).toBe(
        '#',
        undefined,
        thrown,
      );
    });
    expect(socket.destroy).toHaveBeenCalledTimes(1);
  });

  it('unsubscribing during verify destroys the socket; unsubscribing after the handover does not', () => {
    const during = fakeSocket('during');
    const after = fakeSocket('after');
    testScheduler().run(({ cold, expectObservable }) => {
      const slow = establish$(peer, {
        open: () => cold('a', { a: during }),
        verify: () => cold('---v', { v: 1 }),
      });
      expectObservable(slow.pipe(named()), '^-!').toBe('--');
      const quick = establish$(peer, {
        open: () => cold('a', { a: after }),
        verify: () => cold('v', { v: 1 }),
      });
      expectObservable(quick.pipe(named()), '^-!').toBe('(s|)', { s: 'after:1' });
    });
    expect(during.destroy).toHaveBeenCalledTimes(1);
    expect(after.destroy).not.toHaveBeenCalled();
  });
});

describe('establish$ under RxJS options', () => {
  // With this (deprecated) option RxJS calls an observer's methods bound to a copy of it.
  it('config.useDeprecatedNextContext: the socket is still handed over, and a failure still fails', () => {
    const socket = fakeSocket('s');
    const failing = fakeSocket('f');
    const before = config.useDeprecatedNextContext;
    config.useDeprecatedNextContext = true;
    try {
      testScheduler().run(({ cold, expectObservable }) => {
        expectObservable(
          establish$(peer, {
            open: () => cold('-a', { a: socket }),
            verify: () => cold('-v', { v: 1 }),
          }).pipe(named()),
        ).toBe('--(s|)', { s: 's:1' });
        expectObservable(
          establish$(peer, { open: () => cold('-a', { a: failing }), verify: () => cold('-#') }),
        ).toBe('--#');
      });
    } finally {
      config.useDeprecatedNextContext = before;
    }
    expect(socket.destroy).not.toHaveBeenCalled();
    expect(failing.destroy).toHaveBeenCalledTimes(1);
  });
});

describe('establish$ with a transport that reports directly (connect)', () => {
  // The built-in transports report to the attempt without an Observable: a request with
  // `connect` must settle, time out and clean up exactly as one with `open`.
  type Opener = (transport: Observable<Socket>) => EstablishRequest;
  const both: [string, Opener][] = [
    ['open', (transport) => ({ open: () => transport, timeoutMs: 5 })],
    ['connect', (transport) => ({ connect: (observer) => transport.subscribe(observer), timeoutMs: 5 })],
  ];
  // Nothing to verify and no timeout: the direct attempt, without the general machinery.
  const direct: Opener = (transport) => ({ connect: (observer) => transport.subscribe(observer) });
  const all: [string, Opener][] = [...both, ['connect, direct', direct]];

  it.each(all)('(%s) the first socket is handed over and the transport let go', (_, request) => {
    const first = fakeSocket('first');
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const transport = cold('-a-b', { a: first, b: fakeSocket('second') });
      expectObservable(establish$(peer, request(transport)).pipe(named())).toBe('-(s|)', { s: 'first' });
      expectSubscriptions(transport.subscriptions).toBe('^!');
    });
    expect(first.destroy).not.toHaveBeenCalled();
  });

  it.each(all)('(%s) a socket reported synchronously is handed over', (_, request) => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const transport = cold('a', { a: fakeSocket('now') });
      expectObservable(establish$(peer, request(transport)).pipe(named())).toBe('(s|)', { s: 'now' });
      expectSubscriptions(transport.subscriptions).toBe('(^!)');
    });
  });

  it.each(both)('(%s) the timeout cancels the transport', (_, request) => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const transport = cold<Socket>('-');
      expectObservable(establish$(peer, request(transport))).toBe(
        '-----#',
        undefined,
        expect.objectContaining({ code: 'ETIMEDOUT' }),
      );
      expectSubscriptions(transport.subscriptions).toBe('^----!');
    });
  });

  it.each(all)('(%s) a transport error fails the attempt with it', (_, request) => {
    const refused = codedError('ECONNREFUSED');
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(establish$(peer, request(cold<Socket>('--#', undefined, refused)))).toBe(
        '--#',
        undefined,
        refused,
      );
    });
  });

  it.each(all)('(%s) unsubscribing cancels the transport', (_, request) => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const transport = cold<Socket>('----a', { a: fakeSocket('late') });
      expectObservable(establish$(peer, request(transport)), '--!').toBe('-');
      expectSubscriptions(transport.subscriptions).toBe('^-!');
    });
  });

  it.each(all)('(%s) a transport that completes without a socket fails the attempt', (_, request) => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(establish$(peer, request(cold<Socket>('--|')))).toBe(
        '--#',
        undefined,
        new Error('the transport completed without a socket'),
      );
    });
  });

  // Told to a plain observer (as connect$'s run is), with no Subscriber to drop what comes late.
  const recorder = (): { seen: unknown[]; observer: EstablishObserver } => {
    const seen: unknown[] = [];
    return {
      seen,
      observer: {
        next: ({ socket }) => seen.push((socket as unknown as { name: string }).name),
        error: (error) => seen.push(error),
        complete: () => seen.push('complete'),
      },
    };
  };

  it('(connect, direct) only the first outcome counts: later sockets, errors and completions are ignored', () => {
    const first = fakeSocket('first');
    const cancel = { unsubscribe: jest.fn() };
    const { seen, observer } = recorder();
    const returned = establish(
      peer,
      {
        connect: (transportObserver) => {
          transportObserver.next(first);
          transportObserver.next(fakeSocket('second'));
          transportObserver.error(codedError('ECONNRESET'));
          transportObserver.complete();
          return cancel;
        },
      },
      observer,
    );
    expect(seen).toEqual(['first', 'complete']);
    expect(returned).toBe(cancel); // the transport's own cancel
    expect(first.destroy).not.toHaveBeenCalled();
  });

  it('(connect, direct) an error first, then a socket: the attempt failed, and the socket is not taken', () => {
    const refused = codedError('ECONNREFUSED');
    const { seen, observer } = recorder();
    establish(
      peer,
      {
        connect: (transportObserver) => {
          transportObserver.error(refused);
          transportObserver.next(fakeSocket('late'));
          transportObserver.complete();
          return { unsubscribe: () => undefined };
        },
      },
      observer,
    );
    expect(seen).toEqual([refused]);
  });

  it('a connect that throws (bad options) fails the attempt with what it threw', () => {
    const thrown = codedError('ERR_SOCKET_BAD_PORT');
    testScheduler().run(({ expectObservable }) => {
      const connect = (): never => {
        throw thrown;
      };
      expectObservable(establish$(peer, { connect })).toBe('#', undefined, thrown);
    });
  });
});
