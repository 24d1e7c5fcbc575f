import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filter, first, take, throwError, type ObservableInput } from 'rxjs';
import { connect$ } from '../src/connect';
import { ConnectError } from '../src/errors/connect-error';
import { SockoptError } from '../src/errors/sockopt-error';
import { UriError } from '../src/errors/uri-error';
import type { ConnectEvent, Peer, Socket } from '../src/types';
import { codedError, described, fakeSocket, sequence, testScheduler } from './helpers/marbles';

const refused = codedError('ECONNREFUSED');
const ABC = 'failover:(tcp://a:1,tcp://b:2,tcp://c:3)?randomize=false';

/** A transport that answers each host with its own (cold) observable. */
function byHost(table: Record<string, ObservableInput<Socket>>): jest.Mock<ObservableInput<Socket>, [Peer]> {
  return jest.fn((peer: Peer) => {
    const answer = table[peer.host];
    if (answer === undefined) throw new Error(`no fake for ${peer.host}`);
    return answer;
  });
}

describe('connect$: the timeline (marbles)', () => {
  it('connects on the first attempt and completes', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = cold('--s|', { s: fakeSocket() });
      const run$ = connect$('tcp://a:1', {}, { transport: byHost({ a }) });
      expectObservable(run$.pipe(described())).toBe('a-(c|)', {
        a: 'attempt 1 tcp://a:1',
        c: 'connected 1 tcp://a:1',
      });
      expectSubscriptions(a.subscriptions).toBe('^-!');
    });
  });

  it('fails over from a refused peer after the exact wait', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = cold<Socket>('---#', undefined, refused);
      const b = cold('--s|', { s: fakeSocket() });
      const run$ = connect$(`${ABC}&initialReconnectDelay=100`, {}, { transport: byHost({ a, b }) });
      expectObservable(run$.pipe(described())).toBe('a--f 99ms b-(c|)', {
        a: 'attempt 1 tcp://a:1',
        f: 'failed 1 ECONNREFUSED 100',
        b: 'attempt 2 tcp://b:2',
        c: 'connected 2 tcp://b:2',
      });
      expectSubscriptions(a.subscriptions).toBe('^--!');
      expectSubscriptions(b.subscriptions).toBe('103ms ^-!');
    });
  });

  it('walks the peers in order with growing, capped waits, then errors at the limit', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const down = cold<Socket>('#', undefined, refused);
      const uri = `${ABC}&initialReconnectDelay=100&maxReconnectDelay=500&maxReconnectAttempts=4`;
      const run$ = connect$(uri, {}, { transport: byHost({ a: down, b: down, c: down }) });
      expectObservable(run$.pipe(described())).toBe('(af) 96ms (bg) 196ms (ch) 396ms (di) 496ms (ejE|)', {
        a: 'attempt 1 tcp://a:1',
        f: 'failed 1 ECONNREFUSED 100',
        b: 'attempt 2 tcp://b:2',
        g: 'failed 2 ECONNREFUSED 200',
        c: 'attempt 3 tcp://c:3',
        h: 'failed 3 ECONNREFUSED 400',
        d: 'attempt 4 tcp://a:1',
        i: 'failed 4 ECONNREFUSED 500',
        e: 'attempt 5 tcp://b:2',
        j: 'failed 5 ECONNREFUSED end',
        E: 'error ConnectError: cannot connect to b:2: connect ECONNREFUSED (5 attempts)',
      });
    });
  });

  it('shuffles the peers at the start of every pass with the injected random source', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const down = cold<Socket>('#', undefined, refused);
      // Fisher–Yates over [a, b, c]: (0, 0) → [b, c, a] for pass 1; (0.99, 0.99) → [a, b, c] for pass 2.
      const random = sequence(0, 0, 0.99, 0.99);
      const uri = 'failover:(tcp://a:1,tcp://b:2,tcp://c:3)?initialReconnectDelay=100&maxReconnectAttempts=3';
      const run$ = connect$(uri, {}, { transport: byHost({ a: down, b: down, c: down }), random });
      expectObservable(
        run$.pipe(
          filter((e) => e.type === 'attempt'),
          described(),
        ),
      ).toBe('1 99ms 2 199ms 3 399ms (4E|)', {
        1: 'attempt 1 tcp://b:2',
        2: 'attempt 2 tcp://c:3',
        3: 'attempt 3 tcp://a:1',
        4: 'attempt 4 tcp://a:1',
        E: 'error ConnectError: cannot connect to a:1: connect ECONNREFUSED (4 attempts)',
      });
    });
  });

  it('unsubscribing during an attempt tears the transport down, and nothing runs afterwards', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = cold('-------s|', { s: fakeSocket() });
      const transport = byHost({ a });
      expectObservable(connect$('tcp://a:1', {}, { transport }).pipe(described()), '^--!').toBe('a--', {
        a: 'attempt 1 tcp://a:1',
      });
      expectSubscriptions(a.subscriptions).toBe('^--!');
    });
  });

  it('unlimited retries are cut by unsubscribing during a wait: no timer fires afterwards', () => {
    const transport = jest.fn(() => throwError(() => refused));
    testScheduler().run(({ expectObservable }) => {
      const uri = 'failover:(tcp://a:1)?initialReconnectDelay=100&useExponentialBackOff=false';
      expectObservable(connect$(uri, {}, { transport }).pipe(described()), '^ 250ms !').toBe(
        '(af) 96ms (bg) 96ms (ch)',
        {
          a: 'attempt 1 tcp://a:1',
          f: 'failed 1 ECONNREFUSED 100',
          b: 'attempt 2 tcp://a:1',
          g: 'failed 2 ECONNREFUSED 100',
          c: 'attempt 3 tcp://a:1',
          h: 'failed 3 ECONNREFUSED 100',
        },
      );
    });
    // The scheduler flushed every virtual timer to the end: a retry timer left behind would have run.
    expect(transport).toHaveBeenCalledTimes(3);
  });

  it('an attempt timeout fails the attempt with ETIMEDOUT and tears the transport down', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = cold<Socket>('-'); // accepts nothing, ever: a blackholed SYN
      const b = cold('-----s|', { s: fakeSocket() });
      const uri = `failover:(tcp://a:1?connectionTimeout=50,tcp://b:2)?randomize=false&initialReconnectDelay=0`;
      expectObservable(connect$(uri, {}, { transport: byHost({ a, b }) }).pipe(described())).toBe(
        'a 49ms (fb)-(c|)',
        {
          a: 'attempt 1 tcp://a:1',
          f: 'failed 1 ETIMEDOUT 0',
          b: 'attempt 2 tcp://b:2',
          c: 'connected 2 tcp://b:2',
        },
      );
      expectSubscriptions(a.subscriptions).toBe('^ 49ms !');
    });
  });

  it('takes the attempt timeout from the failover level, then from the Timeout sockopt (seconds)', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const a = cold<Socket>('-');
      const failoverLevel = connect$(
        'failover:(tcp://a:1)?connectionTimeout=20&maxReconnectAttempts=0',
        {},
        {
          transport: byHost({ a }),
        },
      );
      expectObservable(failoverLevel.pipe(described())).toBe('a 19ms (fE|)', {
        a: 'attempt 1 tcp://a:1',
        f: 'failed 1 ETIMEDOUT end',
        E: 'error ConnectError: cannot connect to a:1: timed out after 20 ms (1 attempt)',
      });
      const sockopt = connect$('tcp://a:1', { Timeout: 2 }, { transport: byHost({ a }) });
      expectObservable(sockopt.pipe(described())).toBe('a 1999ms (fE|)', {
        a: 'attempt 1 tcp://a:1',
        f: 'failed 1 ETIMEDOUT end',
        E: 'error ConnectError: cannot connect to a:1: timed out after 2000 ms (1 attempt)',
      });
    });
  });

  it('full and equal jitter draw the waits from the injected random source', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const down = cold<Socket>('#', undefined, refused);
      const uri = `${ABC}&initialReconnectDelay=100&maxReconnectAttempts=2&jitter=`;
      const full$ = connect$(
        `${uri}full`,
        {},
        { transport: byHost({ a: down, b: down, c: down }), random: () => 0.25 },
      );
      expectObservable(full$.pipe(described())).toBe('(af) 21ms (bg) 46ms (chE|)', {
        a: 'attempt 1 tcp://a:1',
        f: 'failed 1 ECONNREFUSED 25',
        b: 'attempt 2 tcp://b:2',
        g: 'failed 2 ECONNREFUSED 50',
        c: 'attempt 3 tcp://c:3',
        h: 'failed 3 ECONNREFUSED end',
        E: 'error ConnectError: cannot connect to c:3: connect ECONNREFUSED (3 attempts)',
      });
      const equal$ = connect$(
        `${uri}equal`,
        {},
        { transport: byHost({ a: down, b: down, c: down }), random: () => 0.25 },
      );
      expectObservable(equal$.pipe(described())).toBe('(af) 58ms (bg) 121ms (chE|)', {
        a: 'attempt 1 tcp://a:1',
        f: 'failed 1 ECONNREFUSED 62',
        b: 'attempt 2 tcp://b:2',
        g: 'failed 2 ECONNREFUSED 125',
        c: 'attempt 3 tcp://c:3',
        h: 'failed 3 ECONNREFUSED end',
        E: 'error ConnectError: cannot connect to c:3: connect ECONNREFUSED (3 attempts)',
      });
    });
  });

  it('a plan without failover makes one pass in order, with no waits', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stomp-connection-'));
    const file = join(dir, 'brokers.txt');
    writeFileSync(file, '# two brokers\ntcp://a:1\n\ntcp://b:2  # second\n');
    try {
      testScheduler().run(({ cold, expectObservable }) => {
        const down = cold<Socket>('#', undefined, refused);
        expectObservable(
          connect$(`file:${file}`, {}, { transport: byHost({ a: down, b: down }) }).pipe(described()),
        ).toBe('(abcdE|)', {
          a: 'attempt 1 tcp://a:1',
          b: 'failed 1 ECONNREFUSED 0',
          c: 'attempt 2 tcp://b:2',
          d: 'failed 2 ECONNREFUSED end',
          E: 'error ConnectError: cannot connect to b:2: connect ECONNREFUSED (2 attempts)',
        });
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a file: URI again at every subscription (its plan is never reused)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stomp-connection-'));
    const file = join(dir, 'brokers.txt');
    try {
      const hosts: string[] = [];
      const transport = jest.fn((peer: Peer) => {
        hosts.push(peer.host);
        return throwError(() => refused);
      });
      const run$ = connect$(`file:${file}`, {}, { transport });
      writeFileSync(file, 'tcp://first:1\n');
      run$.subscribe({ error: () => undefined });
      writeFileSync(file, 'tcp://second:2\n');
      run$.subscribe({ error: () => undefined });
      expect(hosts).toEqual(['first', 'second']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a bad URI errors the stream at subscription, before any transport call', () => {
    const transport = jest.fn();
    testScheduler().run(({ expectObservable }) => {
      const run$ = connect$('tcp://host:99999', {}, { transport });
      expectObservable(run$.pipe(described())).toBe('(E|)', {
        E: expect.stringMatching(/^error UriError: /) as unknown as string,
      });
    });
    expect(transport).not.toHaveBeenCalled();
    let caught: unknown;
    connect$('stmp://foo:123').subscribe({ error: (error: unknown) => (caught = error) });
    expect(caught).toBeInstanceOf(UriError);
  });

  it('bad sockopts error the stream synchronously with a SockoptError, before any attempt', () => {
    const transport = jest.fn();
    const events: ConnectEvent[] = [];
    let caught: unknown;
    // @ts-expect-error an unknown name is a compile error; this checks what JavaScript callers get
    connect$('tcp://a:1', { NoSuchOption: 1 }, { transport }).subscribe({
      next: (event) => events.push(event),
      error: (error: unknown) => (caught = error),
    });
    expect(caught).toBeInstanceOf(SockoptError);
    expect(events).toEqual([]);
    expect(transport).not.toHaveBeenCalled();
  });

  it('connect$ itself never throws, even for a target of the wrong shape', () => {
    const bad = { host: 'x', port: 'nope' } as unknown as { host: string; port: number };
    expect(() => connect$(bad)).not.toThrow();
    let caught: unknown;
    connect$(bad).subscribe({ error: (error: unknown) => (caught = error) });
    expect(caught).toBeInstanceOf(UriError);
  });

  it('a transport that never emits is disposed of when the subscriber leaves early', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = cold<Socket>('-');
      expectObservable(
        connect$('tcp://a:1', {}, { transport: byHost({ a }) }).pipe(described()),
        '^ 19ms !',
      ).toBe('a', { a: 'attempt 1 tcp://a:1' });
      expectSubscriptions(a.subscriptions).toBe('^ 19ms !');
    });
  });

  it('nothing happens before subscription, and each subscription is a run of its own', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const a = cold('-s|', { s: fakeSocket() });
      const transport = byHost({ a });
      const run$ = connect$('tcp://a:1', {}, { transport });
      expect(transport).not.toHaveBeenCalled();
      expectObservable(run$.pipe(described())).toBe('a(c|)', {
        a: 'attempt 1 tcp://a:1',
        c: 'connected 1 tcp://a:1',
      });
      expectObservable(run$.pipe(described())).toBe('a(c|)', {
        a: 'attempt 1 tcp://a:1',
        c: 'connected 1 tcp://a:1',
      });
    });
  });
});

describe('connect$: ownership of the socket', () => {
  it('take(1) on the connected event does not destroy the socket', () => {
    const socket = fakeSocket();
    testScheduler().run(({ cold, expectObservable }) => {
      const a = cold('-s', { s: socket }); // the transport does not complete on its own
      const run$ = connect$('tcp://a:1', {}, { transport: byHost({ a }) }).pipe(
        first((event) => event.type === 'connected'),
        described(),
      );
      expectObservable(run$).toBe('-(c|)', { c: 'connected 1 tcp://a:1' });
    });
    expect(socket.destroy).not.toHaveBeenCalled();
  });

  it('with verify, the socket is handed over when verify emits, even to a take(1) subscriber', () => {
    const socket = fakeSocket();
    const connected: ConnectEvent[] = [];
    const verify = jest.fn();
    testScheduler().run(({ cold, expectObservable }) => {
      verify.mockImplementation(() => cold('--v', { v: 'CONNECTED' }));
      const run$ = connect$('tcp://a:1', {}, { transport: byHost({ a: cold('-s', { s: socket }) }), verify });
      run$.pipe(first((event) => event.type === 'connected')).subscribe((event) => connected.push(event));
      expectObservable(run$.pipe(take(2), described())).toBe('a--(c|)', {
        a: 'attempt 1 tcp://a:1',
        c: 'connected 1 tcp://a:1',
      });
    });
    expect(connected).toEqual([
      expect.objectContaining({ type: 'connected', verified: 'CONNECTED', socket }),
    ]);
    expect(verify).toHaveBeenCalledWith(socket, expect.objectContaining({ host: 'a', port: 1 }));
    expect(socket.destroy).not.toHaveBeenCalled();
  });

  it('a verify that errors destroys the socket and fails over to the next peer', () => {
    const bad = fakeSocket('bad');
    const good = fakeSocket('good');
    testScheduler().run(({ cold, expectObservable }) => {
      const verify = (socket: Socket): ObservableInput<unknown> =>
        socket === bad
          ? cold<Socket>('-#', undefined, codedError('ERR_STOMP_ERROR_FRAME', 'ERROR frame'))
          : cold('----v', { v: 1 });
      const transport = byHost({ a: cold('s', { s: bad }), b: cold('s', { s: good }) });
      const uri = 'failover:(tcp://a:1,tcp://b:2)?randomize=false&initialReconnectDelay=0';
      expectObservable(connect$(uri, {}, { transport, verify }).pipe(described())).toBe('a(fb)(c|)', {
        a: 'attempt 1 tcp://a:1',
        f: 'failed 1 ERR_STOMP_ERROR_FRAME 0',
        b: 'attempt 2 tcp://b:2',
        c: 'connected 2 tcp://b:2',
      });
    });
    expect(bad.destroy).toHaveBeenCalledTimes(1);
    expect(good.destroy).not.toHaveBeenCalled();
  });

  it('the attempt timeout covers verify: a silent broker times out and its socket is destroyed', () => {
    const socket = fakeSocket();
    testScheduler().run(({ cold, expectObservable }) => {
      const verify = () => cold<Socket>('-'); // a broker that never answers CONNECT
      const run$ = connect$(
        'tcp://a:1?connectionTimeout=30',
        {},
        { transport: byHost({ a: cold('--s', { s: socket }) }), verify },
      );
      expectObservable(run$.pipe(described())).toBe('a 29ms (fE|)', {
        a: 'attempt 1 tcp://a:1',
        f: 'failed 1 ETIMEDOUT end',
        E: 'error ConnectError: cannot connect to a:1: timed out after 30 ms (1 attempt)',
      });
    });
    expect(socket.destroy).toHaveBeenCalledTimes(1);
  });

  it('unsubscribing while verify runs destroys the socket', () => {
    const socket = fakeSocket();
    testScheduler().run(({ cold, expectObservable }) => {
      const run$ = connect$(
        'tcp://a:1',
        {},
        { transport: byHost({ a: cold('s', { s: socket }) }), verify: () => cold<Socket>('-') },
      );
      expectObservable(run$.pipe(described()), '^ 9ms !').toBe('a', { a: 'attempt 1 tcp://a:1' });
    });
    expect(socket.destroy).toHaveBeenCalledTimes(1);
  });
});

describe('connect$: failing fast without recursion', () => {
  it('a transport that fails synchronously 20,000 times neither recurses nor blocks', async () => {
    const transport = jest.fn(() => throwError(() => refused));
    const uri = 'failover:(tcp://a:1,tcp://b:2)?initialReconnectDelay=0&maxReconnectAttempts=19999';
    const error = await new Promise<unknown>((resolve) =>
      connect$(uri, {}, { transport }).subscribe({ error: resolve }),
    );
    expect(error).toBeInstanceOf(ConnectError);
    expect((error as ConnectError).attempts).toBe(20000);
    expect((error as ConnectError).errors).toHaveLength(100);
    expect((error as ConnectError).errors[99]?.attempt).toBe(20000);
    expect(transport).toHaveBeenCalledTimes(20000);
  });

  it('an unlimited run of synchronous failures with zero waits still lets a timer unsubscribe it', async () => {
    const transport = jest.fn(() => throwError(() => refused));
    const subscription = connect$(
      'failover:(tcp://a:1)?initialReconnectDelay=0',
      {},
      { transport },
    ).subscribe({
      error: () => undefined,
    });
    await new Promise((resolve) => setTimeout(resolve, 30)); // fires only if the run yields to the event loop
    subscription.unsubscribe();
    const attempts = transport.mock.calls.length;
    expect(attempts).toBeGreaterThan(64);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(transport).toHaveBeenCalledTimes(attempts); // stopped
  });

  it('zero waits are microtasks, not timer ticks: the next attempt starts before any timer', async () => {
    const order: string[] = [];
    const transport = jest.fn(() => throwError(() => refused));
    const done = new Promise<void>((resolve) =>
      connect$(
        'failover:(tcp://a:1)?initialReconnectDelay=0&maxReconnectAttempts=3',
        {},
        { transport },
      ).subscribe({
        next: (event) => event.type === 'attempt' && order.push(`attempt ${event.attempt}`),
        error: () => resolve(),
      }),
    );
    setTimeout(() => order.push('timer'), 0);
    await done;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(order).toEqual(['attempt 1', 'attempt 2', 'attempt 3', 'attempt 4', 'timer']);
  });
});

describe('connect$: unsubscribing around a zero wait', () => {
  const uri = 'failover:(tcp://a:1,tcp://b:2)?initialReconnectDelay=0';

  it.each<[string, (unsubscribe: () => void) => void]>([
    ['inside the failed handler', (unsubscribe) => unsubscribe()],
    ['on a microtask queued by it, before the wait ends', (unsubscribe) => queueMicrotask(unsubscribe)],
  ])('%s: the next attempt never starts', async (_, leave) => {
    // Failing on a later microtask, once `subscription` is assigned.
    const transport = jest.fn(() => Promise.reject(refused));
    const events: string[] = [];
    const subscription = connect$(uri, {}, { transport }).subscribe({
      next: (event) => {
        events.push(event.type);
        if (event.type === 'failed') leave(() => subscription.unsubscribe());
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(events).toEqual(['attempt', 'failed']);
    expect(transport).toHaveBeenCalledTimes(1);
  });
});

describe('connect$: one peer without failover is one attempt, as a failover run of one attempt', () => {
  const ONE = 'tcp://a:1';
  const FAILOVER_ONE = 'failover:(tcp://a:1)?maxReconnectAttempts=0';

  it.each<[string, string, string, string, Record<string, string>]>([
    // [case, the transport's answer, the timeline, the transport's subscription, what fails]
    ['connects', '--s|', 'a-(c|)', '^-!', {}],
    [
      'refused',
      '---#',
      'a--(fe|)',
      '^--!',
      {
        f: 'failed 1 ECONNREFUSED end',
        e: 'error ConnectError: cannot connect to a:1: connect ECONNREFUSED (1 attempt)',
      },
    ],
    ['never answers, the subscriber leaves at 5', '-', 'a----', '^----!', {}],
    [
      'completes without a socket',
      '--|',
      'a-(fe|)',
      '^-!',
      {
        f: 'failed 1 ERR_STOMP_ATTEMPT end',
        e: 'error ConnectError: cannot connect to a:1: the transport completed without a socket (1 attempt)',
      },
    ],
  ])(
    '%s: the same events, error and subscription either way',
    (_case, answer, timeline, subscription, fails) => {
      for (const uri of [ONE, FAILOVER_ONE]) {
        testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
          const a = cold<Socket>(answer, { s: fakeSocket() }, refused);
          const run$ = connect$(uri, {}, { transport: byHost({ a }) });
          expectObservable(run$.pipe(described()), '^----!').toBe(timeline, {
            a: 'attempt 1 tcp://a:1',
            c: 'connected 1 tcp://a:1',
            ...fails,
          });
          expectSubscriptions(a.subscriptions).toBe(subscription);
        });
      }
    },
  );

  it('a transport that throws: a failed attempt and a ConnectError of one attempt, either way', () => {
    for (const uri of [ONE, FAILOVER_ONE]) {
      const events: string[] = [];
      let error: unknown;
      connect$(
        uri,
        {},
        {
          transport: () => {
            throw new Error('no route');
          },
        },
      ).subscribe({ next: (event) => events.push(event.type), error: (e: unknown) => (error = e) });
      expect(events).toEqual(['attempt', 'failed']);
      expect(error).toBeInstanceOf(ConnectError);
      expect((error as ConnectError).message).toBe('cannot connect to a:1: no route (1 attempt)');
      expect((error as ConnectError).errors).toHaveLength(1);
    }
  });
});
