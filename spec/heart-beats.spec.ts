import { asyncScheduler } from 'rxjs';
import { StompError } from '../src/errors/stomp-error';
import { heartBeats$, type HeartBeatIntervals } from '../src/heart-beats';
import type { Socket } from '../src/types';
import { testScheduler } from './helpers/marbles';
import { at, LiveSocket } from './helpers/live-socket';

function* range(from: number, to: number, step: number): Generator<number> {
  for (let n = from; n < to; n += step) yield n;
}

const heartBeatError = new StompError(
  'ERR_STOMP_HEARTBEAT',
  'no heart-beat: nothing read for 450 ms (more than 2 × the negotiated 200 ms)',
);

describe('heartBeats$: outgoing (marbles)', () => {
  it('an idle socket gets one EOL exactly every `outgoing` ms', () => {
    const live = new LiveSocket();
    testScheduler().run(({ expectObservable }) => {
      expectObservable(live.written$).toBe('1000ms n 999ms n 999ms n');
      expectObservable(heartBeats$(live.socket, { outgoing: 1000, incoming: 0 }), '^ 3500ms !').toBe('');
    });
    expect(live.destroy).not.toHaveBeenCalled();
  });

  it("the subscriber's writes put the EOLs off, and the peer never waits longer than `outgoing`", () => {
    const live = new LiveSocket();
    testScheduler().run(({ expectObservable }) => {
      at(1200, () => live.write('SEND\n\n\0'));
      at(1700, () => live.write('SEND\n\n\0'));
      // Checks every 500 ms: the write at 1700 is seen at 2000, so the EOL goes at 2500 (800 ms after it).
      expectObservable(live.written$).toBe('1000ms n 199ms w 499ms w 799ms n 999ms n');
      expectObservable(heartBeats$(live.socket, { outgoing: 1000, incoming: 0 }), '^ 3600ms !').toBe('');
    });
  });

  it('writes nothing while the socket is not writable (ended), and stops once it is destroyed', () => {
    const live = new LiveSocket();
    testScheduler().run(({ expectObservable }) => {
      at(1100, () => (live.writable = false));
      at(2100, () => (live.writable = true));
      at(3100, () => live.destroy());
      // Not writable at the check of 2000 (it would have written then): the EOL waits for the next one.
      expectObservable(live.written$).toBe('1000ms n 1499ms n');
      expectObservable(heartBeats$(live.socket, { outgoing: 1000, incoming: 0 }), '^ 9000ms !').toBe('');
    });
  });

  it.each<[string, number, number[], number[]]>([
    // outgoing, the subscriber's writes → the EOLs within the first 260 ms
    ['odd interval: checks every 2 ms, so an EOL every 4 ms when idle', 5, [], [...range(4, 260, 4)]],
    ['1 ms: an EOL at every check', 1, [], [...range(1, 260, 1)]],
    ['a write just after a check: seen at the next, EOL one check later', 100, [51], [150, 250]],
    ['a write just before a check: seen at it, EOL at the next', 100, [49], [100, 200]],
    ['steady writes keep it quiet', 100, [40, 80, 120, 160, 200, 240], []],
    ['writes every 40 ms against 60: an EOL may still fall between them', 60, [40, 80, 120, 160], [150, 210]],
  ])('%s', (_name, outgoing, writes, expected) => {
    const live = new LiveSocket();
    const eols: number[] = [];
    testScheduler().run(({ expectObservable }) => {
      for (const ms of writes) at(ms, () => live.write('x'));
      live.written$.subscribe((value) => value === 'n' && eols.push(asyncScheduler.now()));
      expectObservable(heartBeats$(live.socket, { outgoing, incoming: 0 }), '^ 259ms !').toBe('');
    });
    expect(eols.filter((ms) => ms < 260)).toEqual(expected);
  });

  it('over random write patterns, no gap between two writes is longer than `outgoing`', () => {
    let seed = 7;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let run = 0; run < 20; run++) {
      const outgoing = 1 + Math.floor(random() * 300);
      const live = new LiveSocket();
      const times: number[] = [0]; // the subscription counts as the last write
      testScheduler().run(({ expectObservable }) => {
        for (let ms = 1; ms < 2000; ms += 1 + Math.floor(random() * outgoing * 1.5))
          at(ms, () => live.write('x'));
        live.written$.subscribe(() => times.push(asyncScheduler.now()));
        expectObservable(heartBeats$(live.socket, { outgoing, incoming: 0 }), '^ 2000ms !').toBe('');
      });
      const gaps = times.slice(1).map((time, i) => time - (times[i] ?? 0));
      expect({ outgoing, longest: Math.max(...gaps) <= outgoing }).toEqual({ outgoing, longest: true });
    }
  });
});

describe('heartBeats$: incoming (marbles)', () => {
  it('silence destroys the socket and errors ERR_STOMP_HEARTBEAT at the first check past 2 × incoming (2.25 ×)', () => {
    const live = new LiveSocket();
    testScheduler().run(({ expectObservable }) => {
      // Checks every 50 ms: at 400 the silence may be exactly 2 × 200; at 450 it is certainly more.
      expectObservable(heartBeats$(live.socket, { outgoing: 0, incoming: 200 })).toBe(
        '450ms #',
        undefined,
        heartBeatError,
      );
    });
    expect(live.destroy).toHaveBeenCalledTimes(1);
    expect(live.destroy).toHaveBeenCalledWith();
  });

  it('every read starts the count again: 2.25 × incoming after the check that saw the last one', () => {
    const live = new LiveSocket();
    testScheduler().run(({ expectObservable }) => {
      at(150, () => live.receive());
      at(390, () => live.receive(3));
      // Checks every 50 ms: the read at 390 is seen at 400; 450 ms after that is 850.
      expectObservable(heartBeats$(live.socket, { outgoing: 0, incoming: 200 })).toBe(
        '850ms #',
        undefined,
        heartBeatError,
      );
    });
  });

  it("ActiveMQ's late first heart-beat (2 × incoming after CONNECTED, AMQ-4710) is not taken for dead", () => {
    const live = new LiveSocket();
    testScheduler().run(({ expectObservable }) => {
      // ActiveMQ 5.17 measured on loopback: CONNECTED at 8 ms, then beats at 2009, 3008, 4008 ms (1000 negotiated).
      for (let ms = 2001; ms < 6000; ms += 1000) at(ms, () => live.receive());
      at(6000, () => live.receive(120)); // a MESSAGE; ActiveMQ's next beat is then late again
      for (let ms = 8001; ms < 12000; ms += 1000) at(ms, () => live.receive());
      expectObservable(heartBeats$(live.socket, { outgoing: 0, incoming: 1000 }), '^ 12000ms !').toBe('');
    });
    expect(live.destroy).not.toHaveBeenCalled();
  });

  it('a peer that sends on time is never taken for dead', () => {
    const live = new LiveSocket();
    testScheduler().run(({ expectObservable }) => {
      for (let ms = 200; ms <= 5000; ms += 200) at(ms, () => live.receive());
      expectObservable(heartBeats$(live.socket, { outgoing: 0, incoming: 200 }), '^ 5000ms !').toBe('');
    });
    expect(live.destroy).not.toHaveBeenCalled();
  });

  it('one missed beat is tolerated, two are not', () => {
    const live = new LiveSocket();
    testScheduler().run(({ expectObservable }) => {
      at(200, () => live.receive()); // the beat of 400 is missed, the one of 600 comes
      at(599, () => live.receive()); // then 800 and 1000 are missed: given up at 600 + 450
      expectObservable(heartBeats$(live.socket, { outgoing: 0, incoming: 200 })).toBe(
        '1050ms #',
        undefined,
        heartBeatError,
      );
    });
  });

  it.each<[number, number]>([
    [1, 3], // checks every 1 ms: the first past 2 ms
    [3, 7],
    [5, 11],
    [200, 450],
    [10001, 22500], // checks every 2500 ms: the first past 20002
  ])('incoming %d ms: a silent peer is given up at %d ms', (incoming, expected) => {
    const live = new LiveSocket();
    testScheduler().run(({ expectObservable }) => {
      expectObservable(heartBeats$(live.socket, { outgoing: 0, incoming })).toBe(
        `${expected}ms #`,
        undefined,
        expect.any(StompError),
      );
    });
    expect(live.destroy).toHaveBeenCalledTimes(1);
  });

  it('unsubscribing stops both timers and leaves the socket alone', () => {
    const live = new LiveSocket();
    testScheduler().run(({ expectObservable }) => {
      expectObservable(live.written$).toBe('100ms n');
      expectObservable(heartBeats$(live.socket, { outgoing: 100, incoming: 100 }), '^ 150ms !').toBe('');
    });
    expect(live.destroy).not.toHaveBeenCalled();
    expect(live.destroySoon).not.toHaveBeenCalled();
  });

  it('a socket destroyed by someone else: no error, no write, no timer left', () => {
    const live = new LiveSocket();
    const scheduler = testScheduler();
    scheduler.run(({ expectObservable }) => {
      at(50, () => live.destroy());
      expectObservable(live.written$).toBe('');
      expectObservable(heartBeats$(live.socket, { outgoing: 100, incoming: 100 })).toBe('');
    });
    expect(live.destroy).toHaveBeenCalledTimes(1);
    expect(scheduler.actions).toHaveLength(0); // nothing scheduled any more
  });

  it('both intervals 0: nothing at all, never completes', () => {
    const live = new LiveSocket();
    const scheduler = testScheduler();
    scheduler.run(({ expectObservable }) => {
      expectObservable(heartBeats$(live.socket, { outgoing: 0, incoming: 0 })).toBe('');
      expectObservable(live.written$).toBe('');
    });
    expect(scheduler.actions).toHaveLength(0);
  });
});

describe('heartBeats$: bad arguments', () => {
  const socket = new LiveSocket().socket;
  it.each<[string, Socket, unknown, RegExp]>([
    [
      'no socket',
      undefined as unknown as Socket,
      { outgoing: 1, incoming: 1 },
      /socket must be a connected net\.Socket/,
    ],
    ['a socket-less object', {} as Socket, { outgoing: 1, incoming: 1 }, /socket must be/],
    ['no intervals', socket, undefined, /intervals must be an object \{ outgoing, incoming \}/],
    [
      'a tuple',
      socket,
      [1000, 1000],
      /intervals must be an object \{ outgoing, incoming \} \(ms, e\.g\. a StompConnected's heartbeatOutgoing \/ heartbeatIncoming\), got an array/,
    ],
    ['a negative outgoing', socket, { outgoing: -1, incoming: 0 }, /intervals\.outgoing .* got -1/],
    ['a fractional incoming', socket, { outgoing: 0, incoming: 1.5 }, /intervals\.incoming .* got 1\.5/],
    ['NaN', socket, { outgoing: Number.NaN, incoming: 0 }, /intervals\.outgoing .* got NaN/],
    ['a string', socket, { outgoing: '10', incoming: 0 }, /intervals\.outgoing .* got 10/],
    ['a number', socket, 1000, /intervals must be an object .* got 1000/],
    [
      'past the timer limit',
      socket,
      { outgoing: 0, incoming: 2 ** 31 },
      /intervals\.incoming .* got 2147483648/,
    ],
  ])('%s: a TypeError as the stream error, nothing thrown', (_name, target, intervals, message) => {
    let caught: unknown;
    expect(() =>
      heartBeats$(target, intervals as HeartBeatIntervals).subscribe({
        error: (error: unknown) => (caught = error),
      }),
    ).not.toThrow();
    expect(caught).toBeInstanceOf(TypeError);
    expect((caught as Error).message).toMatch(message);
  });
});
