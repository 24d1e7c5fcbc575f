import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asyncScheduler, filter, map, of, throwError, timer, type Observable } from 'rxjs';
import { connection$ } from '../src/connection';
import type { ConnectionEvent, Socket } from '../src/types';
import { answers, told } from './helpers/connection-marbles';
import { at, LiveSocket } from './helpers/live-socket';
import { codedError, testScheduler } from './helpers/marbles';

const refused = codedError('ECONNREFUSED');
const refuse = (): Observable<Socket> => throwError(() => refused);

/** A transport answer: a fresh socket after `ms`, which the peer closes `lasts` ms after it connected. */
function flaky(ms: number, lasts: number, sockets: LiveSocket[] = []): () => Observable<Socket> {
  return () =>
    timer(ms).pipe(
      map(() => {
        const live = new LiveSocket(`socket ${sockets.length + 1}`);
        sockets.push(live);
        at(lasts, () => live.peerClose());
        return live.socket;
      }),
    );
}

/** Only the events that show the cycles' rhythm. */
const cyclesOnly = filter(
  (event: ConnectionEvent) => event.type === 'connected' || event.type === 'disconnected',
);

describe('connection$: cycles (marbles)', () => {
  it('a drop ends cycle 1; cycle 2 starts after the current delay, attempt back at 1, and reaches the standby', () => {
    testScheduler().run(({ expectObservable }) => {
      const a = new LiveSocket('a');
      const b = new LiveSocket('b');
      const transport = answers({ a: [timer(5).pipe(map(() => a.socket))], b: [of(b.socket)] });
      at(50, () => a.peerClose());
      const uri = 'failover:(tcp://a:1,tcp://b:2)?randomize=false&initialReconnectDelay=100';
      // The peer that dropped goes last in cycle 2 (ActiveMQ): the standby is tried first.
      expectObservable(connection$(uri, {}, { transport }).pipe(told()), '^ 399ms !').toBe(
        'a 4ms c 44ms d 99ms (ef)',
        {
          a: '1: attempt 1 tcp://a:1',
          c: '1: connected 1 tcp://a:1',
          d: '1: disconnected tcp://a:1 closed 45ms',
          e: '2: attempt 1 tcp://b:2',
          f: '2: connected 1 tcp://b:2',
        },
      );
    });
  });

  it('the peer a connection dropped from goes last in every pass of the next cycle, not out of it (ActiveMQ)', () => {
    testScheduler().run(({ expectObservable }) => {
      const b = new LiveSocket('b');
      const c = new LiveSocket('c');
      const transport = answers({
        a: [refuse, refuse, refuse],
        b: [of(b.socket), refuse],
        c: [refuse, of(c.socket)],
      });
      at(110, () => b.peerClose());
      const uri =
        'failover:(tcp://a:1,tcp://b:2,tcp://c:3)?randomize=false&initialReconnectDelay=100&useExponentialBackOff=false';
      expectObservable(connection$(uri, {}, { transport }).pipe(told()), '^ 699ms !').toBe(
        '(ab) 96ms (cd) 6ms e 99ms (fg) 96ms (hi) 96ms (jk) 96ms (lm) 96ms (no)',
        {
          a: '1: attempt 1 tcp://a:1',
          b: '1: failed 1 ECONNREFUSED 100',
          c: '1: attempt 2 tcp://b:2',
          d: '1: connected 2 tcp://b:2',
          e: '1: disconnected tcp://b:2 closed 10ms',
          f: '2: attempt 1 tcp://a:1',
          g: '2: failed 1 ECONNREFUSED 100',
          h: '2: attempt 2 tcp://c:3',
          i: '2: failed 2 ECONNREFUSED 100',
          j: '2: attempt 3 tcp://b:2',
          k: '2: failed 3 ECONNREFUSED 100',
          l: '2: attempt 4 tcp://a:1',
          m: '2: failed 4 ECONNREFUSED 100',
          n: '2: attempt 5 tcp://c:3',
          o: '2: connected 5 tcp://c:3',
        },
      );
    });
  });

  it('without failover a cycle is one pass in the written order, the dropped peer included where it was', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stomp-connection-'));
    const file = join(dir, 'brokers.txt');
    writeFileSync(file, 'tcp://a:1\ntcp://b:2\n');
    try {
      testScheduler().run(({ expectObservable }) => {
        const a = new LiveSocket('a');
        const b = new LiveSocket('b');
        const transport = answers({ a: [of(a.socket), refuse], b: [of(b.socket)] });
        at(5, () => a.peerClose());
        // A plan without failover waits 10 ms between its cycles (the defaults).
        expectObservable(connection$(`file:${file}`, {}, { transport }).pipe(told()), '^ 99ms !').toBe(
          '(ac) 1ms d 9ms (efgh)',
          {
            a: '1: attempt 1 tcp://a:1',
            c: '1: connected 1 tcp://a:1',
            d: '1: disconnected tcp://a:1 closed 5ms',
            e: '2: attempt 1 tcp://a:1',
            f: '2: failed 1 ECONNREFUSED 0',
            g: '2: attempt 2 tcp://b:2',
            h: '2: connected 2 tcp://b:2',
          },
        );
      });
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('each event of a cycle carries its connection number, and attempts count from 1 in each', () => {
    const events: ConnectionEvent[] = [];
    testScheduler().run(() => {
      const transport = answers({ a: [refuse, flaky(0, 10), refuse, refuse, flaky(0, 10)] });
      const uri = 'failover:(tcp://a:1)?initialReconnectDelay=1&useExponentialBackOff=false';
      const subscription = connection$(uri, {}, { transport }).subscribe((event) => events.push(event));
      at(30, () => subscription.unsubscribe());
    });
    expect(
      events.map((e) => `${e.connection}/${e.type}${e.type === 'disconnected' ? '' : ` ${e.attempt}`}`),
    ).toEqual([
      '1/attempt 1',
      '1/failed 1',
      '1/attempt 2',
      '1/connected 2',
      '1/disconnected',
      '2/attempt 1',
      '2/failed 1',
      '2/attempt 2',
      '2/failed 2',
      '2/attempt 3',
      '2/connected 3',
      '2/disconnected',
      '3/attempt 1',
      '3/connected 1',
    ]);
  });

  it('the first wait after a drop is jittered as configured', () => {
    testScheduler().run(({ expectObservable }) => {
      const transport = answers({ a: [flaky(0, 20)] });
      const uri = 'failover:(tcp://a:1)?initialReconnectDelay=100&jitter=full';
      // random 0.25: the waits are 25 (of 100), then 50 (of 200).
      expectObservable(
        connection$(uri, {}, { transport, random: () => 0.25 }).pipe(cyclesOnly, told()),
        '^ 119ms !',
      ).toBe('1 19ms 2 24ms 3 19ms 4 49ms 5', {
        1: '1: connected 1 tcp://a:1',
        2: '1: disconnected tcp://a:1 closed 20ms',
        3: '2: connected 1 tcp://a:1',
        4: '2: disconnected tcp://a:1 closed 20ms',
        5: '3: connected 1 tcp://a:1',
      });
    });
  });
});

describe('connection$: attempt limits (marbles)', () => {
  const uri =
    'failover:(tcp://a:1)?startupMaxReconnectAttempts=1&maxReconnectAttempts=4&initialReconnectDelay=10&useExponentialBackOff=false';

  it('cycle 1 runs under startupMaxReconnectAttempts: it fails after 2 attempts', () => {
    testScheduler().run(({ expectObservable }) => {
      const transport = answers({ a: [refuse] });
      expectObservable(connection$(uri, {}, { transport }).pipe(told())).toBe('(ab) 6ms (cdE|)', {
        a: '1: attempt 1 tcp://a:1',
        b: '1: failed 1 ECONNREFUSED 10',
        c: '1: attempt 2 tcp://a:1',
        d: '1: failed 2 ECONNREFUSED end',
        E: 'error ConnectError: cannot connect to a:1: connect ECONNREFUSED (2 attempts)',
      });
    });
  });

  it('a later cycle runs under maxReconnectAttempts: it fails after 5 attempts', () => {
    testScheduler().run(({ expectObservable }) => {
      const transport = answers({ a: [flaky(0, 20), refuse] });
      expectObservable(connection$(uri, {}, { transport }).pipe(told())).toBe(
        '(ac) 16ms d 9ms (ef) 6ms (gh) 6ms (ij) 6ms (kl) 6ms (mnE|)',
        {
          a: '1: attempt 1 tcp://a:1',
          c: '1: connected 1 tcp://a:1',
          d: '1: disconnected tcp://a:1 closed 20ms',
          e: '2: attempt 1 tcp://a:1',
          f: '2: failed 1 ECONNREFUSED 10',
          g: '2: attempt 2 tcp://a:1',
          h: '2: failed 2 ECONNREFUSED 10',
          i: '2: attempt 3 tcp://a:1',
          j: '2: failed 3 ECONNREFUSED 10',
          k: '2: attempt 4 tcp://a:1',
          l: '2: failed 4 ECONNREFUSED 10',
          m: '2: attempt 5 tcp://a:1',
          n: '2: failed 5 ECONNREFUSED end',
          E: 'error ConnectError: cannot connect to a:1: connect ECONNREFUSED (5 attempts)',
        },
      );
    });
  });

  it('maxReconnectAttempts alone limits every cycle, the first included', () => {
    testScheduler().run(({ expectObservable }) => {
      const transport = answers({ a: [refuse, flaky(0, 20), refuse] });
      const limited =
        'failover:(tcp://a:1)?maxReconnectAttempts=1&initialReconnectDelay=10&useExponentialBackOff=false';
      expectObservable(connection$(limited, {}, { transport }).pipe(told())).toBe(
        '(ab) 6ms (xc) 16ms d 9ms (ef) 6ms (ghE|)',
        {
          a: '1: attempt 1 tcp://a:1',
          b: '1: failed 1 ECONNREFUSED 10',
          x: '1: attempt 2 tcp://a:1',
          c: '1: connected 2 tcp://a:1',
          d: '1: disconnected tcp://a:1 closed 20ms',
          e: '2: attempt 1 tcp://a:1',
          f: '2: failed 1 ECONNREFUSED 10',
          g: '2: attempt 2 tcp://a:1',
          h: '2: failed 2 ECONNREFUSED end',
          E: 'error ConnectError: cannot connect to a:1: connect ECONNREFUSED (2 attempts)',
        },
      );
    });
  });
});

describe('connection$: waits between cycles (marbles)', () => {
  it('a flapping broker (accepts, drops at once) is retried at growing intervals: 10, 20, 40, 80 ms', () => {
    testScheduler().run(({ expectObservable }) => {
      const transport = answers({ a: [flaky(0, 10)] });
      expectObservable(
        connection$('failover:(tcp://a:1)', {}, { transport }).pipe(cyclesOnly, told()),
        '^ 369ms !',
      ).toBe('1 9ms 2 9ms 3 9ms 4 19ms 5 9ms 6 39ms 7 9ms 8 79ms 9 9ms A 159ms B', {
        1: '1: connected 1 tcp://a:1',
        2: '1: disconnected tcp://a:1 closed 10ms',
        3: '2: connected 1 tcp://a:1',
        4: '2: disconnected tcp://a:1 closed 10ms',
        5: '3: connected 1 tcp://a:1',
        6: '3: disconnected tcp://a:1 closed 10ms',
        7: '4: connected 1 tcp://a:1',
        8: '4: disconnected tcp://a:1 closed 10ms',
        9: '5: connected 1 tcp://a:1',
        A: '5: disconnected tcp://a:1 closed 10ms',
        B: '6: connected 1 tcp://a:1',
      });
    });
  });

  it('connections that last stableAfter reset the backoff: every wait is initialReconnectDelay', () => {
    testScheduler().run(({ expectObservable }) => {
      const transport = answers({ a: [flaky(0, 100)] });
      expectObservable(
        connection$('failover:(tcp://a:1)', {}, { transport, stableAfter: 100 }).pipe(cyclesOnly, told()),
        '^ 339ms !',
      ).toBe('1 99ms 2 9ms 3 99ms 4 9ms 5 99ms 6 9ms 7', {
        1: '1: connected 1 tcp://a:1',
        2: '1: disconnected tcp://a:1 closed 100ms',
        3: '2: connected 1 tcp://a:1',
        4: '2: disconnected tcp://a:1 closed 100ms',
        5: '3: connected 1 tcp://a:1',
        6: '3: disconnected tcp://a:1 closed 100ms',
        7: '4: connected 1 tcp://a:1',
      });
    });
  });

  /** The waits between the cycles: from each `disconnected` to the next cycle's first attempt. */
  function waitsBetweenCycles(
    uri: string,
    lasting: number[],
    stableAfter: number | undefined,
    cycles: number,
  ): number[] {
    const times: [string, number][] = [];
    testScheduler().run(() => {
      const answersOfA = lasting.map((lasts) => flaky(0, lasts));
      const transport = answers({ a: answersOfA });
      const options = stableAfter === undefined ? { transport } : { transport, stableAfter };
      const subscription = connection$(uri, {}, options).subscribe((event) => {
        if (event.type === 'disconnected' || (event.type === 'attempt' && event.attempt === 1)) {
          times.push([event.type, asyncScheduler.now()]);
        }
        if (event.type === 'disconnected' && event.connection === cycles) subscription.unsubscribe();
      });
    });
    const waits: number[] = [];
    for (let i = 0; i + 1 < times.length; i++) {
      const [type, time] = times[i] as [string, number];
      if (type === 'disconnected') waits.push((times[i + 1] as [string, number])[1] - time);
    }
    return waits;
  }

  it.each<[string, string, number[], number | undefined, number[]]>([
    ['short connections: the backoff grows', 'failover:(tcp://a:1)', [5], 100, [10, 20, 40, 80, 160]],
    ['stable connections: reset every time', 'failover:(tcp://a:1)', [100], 100, [10, 10, 10, 10, 10]],
    ['one ms short of stable: still growing', 'failover:(tcp://a:1)', [99], 100, [10, 20, 40, 80, 160]],
    [
      'a stable one among short ones resets, then growth resumes',
      'failover:(tcp://a:1)',
      [5, 5, 5, 100, 5, 5],
      100,
      [10, 20, 40, 10, 20, 40],
    ],
    ['stableAfter 0: every drop resets (as ActiveMQ does)', 'failover:(tcp://a:1)', [5], 0, [10, 10, 10]],
    [
      'the default stableAfter is 30 s',
      'failover:(tcp://a:1)',
      [29_999, 30_000, 5],
      undefined,
      [10, 10, 20, 40],
    ],
    [
      'capped at maxReconnectDelay',
      'failover:(tcp://a:1)?maxReconnectDelay=50',
      [5],
      100,
      [10, 20, 40, 50, 50],
    ],
    [
      'useExponentialBackOff=false: constant',
      'failover:(tcp://a:1)?useExponentialBackOff=false&initialReconnectDelay=30',
      [5],
      100,
      [30, 30, 30],
    ],
    [
      'no failover (a simple URI): the default backoff between cycles',
      'tcp://a:1',
      [5],
      100,
      [10, 20, 40, 80],
    ],
    ['no failover, stable: reset to 10 ms', 'tcp://a:1', [100, 5, 100], 100, [10, 20, 10, 10]],
  ])('%s', (_name, uri, lasting, stableAfter, expected) => {
    expect(waitsBetweenCycles(uri, lasting, stableAfter, expected.length + 1)).toEqual(expected);
  });

  it('failures inside a cycle and the wait after its drop are one backoff sequence', () => {
    testScheduler().run(({ expectObservable }) => {
      // Cycle 1: 10 (failed), 20 (failed), connected at delay 40; its drop waits 40; cycle 2 fails at 80.
      const transport = answers({ a: [refuse, refuse, flaky(0, 5), refuse] });
      const run$ = connection$('failover:(tcp://a:1)', {}, { transport }).pipe(
        filter((event) => event.type !== 'attempt'),
        told(),
      );
      expectObservable(run$, '^ 199ms !').toBe('a 9ms b 19ms c 4ms d 39ms e 79ms f', {
        a: '1: failed 1 ECONNREFUSED 10',
        b: '1: failed 2 ECONNREFUSED 20',
        c: '1: connected 3 tcp://a:1',
        d: '1: disconnected tcp://a:1 closed 5ms',
        e: '2: failed 1 ECONNREFUSED 80',
        f: '2: failed 2 ECONNREFUSED 160',
      });
    });
  });

  it('initialReconnectDelay=0: the next cycle starts in the same frame (a microtask, no timer)', () => {
    testScheduler().run(({ expectObservable }) => {
      const transport = answers({ a: [flaky(0, 10)] });
      expectObservable(
        connection$('failover:(tcp://a:1)?initialReconnectDelay=0', {}, { transport }).pipe(
          cyclesOnly,
          told(),
        ),
        '^ 25ms !',
      ).toBe('1 9ms (23) 6ms (45)', {
        1: '1: connected 1 tcp://a:1',
        2: '1: disconnected tcp://a:1 closed 10ms',
        3: '2: connected 1 tcp://a:1',
        4: '2: disconnected tcp://a:1 closed 10ms',
        5: '3: connected 1 tcp://a:1',
      });
    });
  });
});

describe('connection$: a plan without failover (marbles)', () => {
  it('each cycle is one pass over the peers, no retries: a cycle that fails ends the stream', () => {
    testScheduler().run(({ expectObservable }) => {
      const transport = answers({ a: [flaky(0, 10), refuse] });
      expectObservable(connection$({ host: 'a', port: 1 }, {}, { transport }).pipe(told())).toBe(
        '(ac) 6ms d 9ms (efE|)',
        {
          a: '1: attempt 1 tcp://a:1',
          c: '1: connected 1 tcp://a:1',
          d: '1: disconnected tcp://a:1 closed 10ms',
          e: '2: attempt 1 tcp://a:1',
          f: '2: failed 1 ECONNREFUSED end',
          E: 'error ConnectError: cannot connect to a:1: connect ECONNREFUSED (1 attempt)',
        },
      );
    });
  });
});
