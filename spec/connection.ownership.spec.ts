import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { inspect } from 'node:util';
import { asyncScheduler, filter, first, map, of, take, throwError, timer, type Observable } from 'rxjs';
import { connection$ } from '../src/connection';
import { FLUSH_LIMIT_MS } from '../src/internal/close-after-flush';
import type { ConnectionEvent, Socket } from '../src/types';
import { answers, told } from './helpers/connection-marbles';
import { at, LiveSocket } from './helpers/live-socket';
import { codedError, testScheduler } from './helpers/marbles';
import { activeResources, leakedSince } from './helpers/resources';

const refused = codedError('ECONNREFUSED');
const refuse = (): Observable<Socket> => throwError(() => refused);
const after = (ms: number, live: LiveSocket): Observable<Socket> => timer(ms).pipe(map(() => live.socket));

describe('connection$: unsubscribing in every phase (marbles)', () => {
  it("during a cycle's attempt: the transport is torn down, nothing follows", () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = cold<Socket>('-------s', { s: new LiveSocket().socket });
      const transport = answers({ a: [a] });
      expectObservable(connection$('failover:(tcp://a:1)', {}, { transport }).pipe(told()), '^--!').toBe(
        'a',
        {
          a: '1: attempt 1 tcp://a:1',
        },
      );
      expectSubscriptions(a.subscriptions).toBe('^--!');
    });
  });

  it("during a later cycle's attempt, after a drop", () => {
    const first = new LiveSocket('first');
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const second = cold<Socket>('-------s', { s: new LiveSocket('second').socket });
      const transport = answers({ a: [of(first.socket), second] });
      at(10, () => first.peerClose());
      expectObservable(connection$('failover:(tcp://a:1)', {}, { transport }).pipe(told()), '^ 24ms !').toBe(
        '(ac) 6ms d 9ms e',
        {
          a: '1: attempt 1 tcp://a:1',
          c: '1: connected 1 tcp://a:1',
          d: '1: disconnected tcp://a:1 closed 10ms',
          e: '2: attempt 1 tcp://a:1',
        },
      );
      expectSubscriptions(second.subscriptions).toBe('20ms ^ 4ms !');
    });
  });

  it('during the wait between cycles: the timer is cleared, no attempt follows', () => {
    const live = new LiveSocket();
    const transport = answers({ a: [of(live.socket)] });
    testScheduler().run(({ expectObservable }) => {
      at(10, () => live.peerClose());
      const uri = 'failover:(tcp://a:1)?initialReconnectDelay=100';
      expectObservable(connection$(uri, {}, { transport }).pipe(told()), '^ 49ms !').toBe('(ac) 6ms d', {
        a: '1: attempt 1 tcp://a:1',
        c: '1: connected 1 tcp://a:1',
        d: '1: disconnected tcp://a:1 closed 10ms',
      });
    });
    // The scheduler ran every virtual timer to the end: a wait left behind would have called the transport.
    expect(transport).toHaveBeenCalledTimes(1);
  });

  it('during a wait inside a cycle (after a failed attempt)', () => {
    const transport = answers({ a: [refuse] });
    testScheduler().run(({ expectObservable }) => {
      const uri = 'failover:(tcp://a:1)?initialReconnectDelay=100';
      expectObservable(connection$(uri, {}, { transport }).pipe(told()), '^ 49ms !').toBe('(ab)', {
        a: '1: attempt 1 tcp://a:1',
        b: '1: failed 1 ECONNREFUSED 100',
      });
    });
    expect(transport).toHaveBeenCalledTimes(1);
  });

  it('while connected: the socket is closed after its writes (destroySoon), no disconnected follows', () => {
    const live = new LiveSocket();
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = cold('--s', { s: live.socket }); // the transport does not complete on its own
      const transport = answers({ a: [a] });
      expectObservable(connection$('tcp://a:1', {}, { transport }).pipe(told()), '^ 29ms !').toBe('a-c', {
        a: '1: attempt 1 tcp://a:1',
        c: '1: connected 1 tcp://a:1',
      });
      expectSubscriptions(a.subscriptions).toBe('^-!');
    });
    expect(live.destroySoon).toHaveBeenCalledTimes(1);
    expect(live.closed).toBe(true); // and its close, later, emitted nothing
    expect(live.listenerCount('close')).toBe(0);
    expect(live.listenerCount('error')).toBe(0);
  });

  it.each<[string, (events: Observable<ConnectionEvent>) => Observable<unknown>]>([
    ['first()', (events) => events.pipe(first((event) => event.type === 'connected'))],
    ['take(2)', (events) => events.pipe(take(2))],
  ])(
    'inside next through %s: the socket is closed all the same (connection$ is its lifetime)',
    (_name, cut) => {
      const live = new LiveSocket();
      const seen: unknown[] = [];
      testScheduler().run(() => {
        const transport = answers({ a: [after(5, live)] });
        cut(connection$('tcp://a:1', {}, { transport })).subscribe((event) => seen.push(event));
      });
      expect(seen).toEqual(
        expect.arrayContaining([expect.objectContaining({ type: 'connected', connection: 1 })]),
      );
      expect(live.destroySoon).toHaveBeenCalledTimes(1);
      expect(live.destroy).toHaveBeenCalledTimes(1); // by destroySoon, once flushed
      expect(live.listenerCount('close')).toBe(0);
      expect(live.listenerCount('error')).toBe(0);
    },
  );

  it('an error while closing after an unsubscription is handled (no crash), then every listener goes', () => {
    const live = new LiveSocket();
    live.destroySoon.mockImplementation(() => undefined); // flushing takes a while
    const subscription = connection$('tcp://a:1', {}, { transport: () => of(live.socket) }).subscribe();
    subscription.unsubscribe();
    expect(() => live.peerClose(codedError('EPIPE', 'write EPIPE'))).not.toThrow();
    expect(live.listenerCount('error')).toBe(0);
    expect(live.listenerCount('close')).toBe(0);
  });
});

describe('connection$: a close waits for the flush, but not for ever', () => {
  // When each destroy came, in virtual ms.
  const destroyTimes = (live: LiveSocket): number[] => {
    const times: number[] = [];
    const destroy = live.destroy.getMockImplementation();
    live.destroy.mockImplementation((error?: Error) => {
      times.push(asyncScheduler.now());
      return destroy === undefined ? live : destroy(error);
    });
    return times;
  };
  const neverFlushes = (live: LiveSocket): void => {
    live.destroySoon.mockImplementation(() => {
      live.writable = false; // ended, but the broker stopped reading: the writes never drain
    });
  };

  it('unsubscribed with writes that never drain: destroyed at FLUSH_LIMIT_MS, then every listener goes', () => {
    const live = new LiveSocket();
    neverFlushes(live);
    const destroyed = destroyTimes(live);
    testScheduler().run(() => {
      const subscription = connection$('tcp://a:1', {}, { transport: () => of(live.socket) }).subscribe();
      at(5, () => subscription.unsubscribe());
    });
    expect(live.destroySoon).toHaveBeenCalledTimes(1);
    expect(destroyed).toEqual([5 + FLUSH_LIMIT_MS]);
    expect(live.closed).toBe(true);
    expect(live.listenerCount('close')).toBe(0);
    expect(live.listenerCount('error')).toBe(0);
  });

  it('unsubscribed with writes that drain: closed by destroySoon, and the limit goes with the close', () => {
    const live = new LiveSocket();
    const destroyed = destroyTimes(live);
    testScheduler().run(() => {
      const subscription = connection$('tcp://a:1', {}, { transport: () => of(live.socket) }).subscribe();
      at(5, () => subscription.unsubscribe());
    });
    expect(destroyed).toEqual([5]); // once: the limit's action never ran
    expect(live.listenerCount('close')).toBe(0);
  });

  it('a socket replaced by a priority peer whose writes never drain: destroyed at FLUSH_LIMIT_MS', () => {
    const a = new LiveSocket('a');
    const b = new LiveSocket('b');
    neverFlushes(b);
    const destroyed = destroyTimes(b);
    const replacedAt: number[] = [];
    testScheduler().run(() => {
      const transport = answers({ a: [refuse, of(a.socket)], b: [of(b.socket)] });
      const uri = 'failover:(tcp://a:1,tcp://b:2)?randomize=false&priorityBackup=true';
      const subscription = connection$(uri, {}, { transport })
        .pipe(told())
        .subscribe((text) => {
          if (text.startsWith('1: disconnected tcp://b:2 priority')) replacedAt.push(asyncScheduler.now());
        });
      at(FLUSH_LIMIT_MS * 2, () => subscription.unsubscribe());
    });
    expect(replacedAt).toEqual([20]); // the probe's second attempt, 10 ms after b connected
    expect(b.destroySoon).toHaveBeenCalledTimes(1);
    expect(destroyed).toEqual([20 + FLUSH_LIMIT_MS]);
    expect(b.listenerCount('close')).toBe(0);
    expect(b.listenerCount('error')).toBe(0);
  });

  it("a socket whose destroySoon throws (a transport of the user's): destroyed at once, and the unsubscription does not throw", () => {
    const live = new LiveSocket();
    live.destroySoon.mockImplementation(() => {
      throw new Error('not this way');
    });
    const destroyed = destroyTimes(live);
    testScheduler().run(() => {
      const subscription = connection$('tcp://a:1', {}, { transport: () => of(live.socket) }).subscribe();
      at(5, () => expect(() => subscription.unsubscribe()).not.toThrow());
    });
    expect(destroyed).toEqual([5]);
    expect(live.listenerCount('close')).toBe(0);
    expect(live.listenerCount('error')).toBe(0);
  });

  // Real streams: a Duplex has end and destroy, not net.Socket's destroySoon.
  it.each([
    ['nothing pending', (): PassThrough => new PassThrough()],
    ['a write pending', (): PassThrough => Object.assign(new PassThrough(), { pending: true })],
  ])(
    'a Duplex without destroySoon (%s) is ended, then destroyed once flushed, as destroySoon does; no timer stays',
    async (_name, make) => {
      const baseline = activeResources();
      const duplex = make();
      if ('pending' in duplex) duplex.write('DISCONNECT\n\n\0');
      const closed = once(duplex, 'close');
      const subscription = connection$(
        'tcp://a:1',
        {},
        { transport: () => of(duplex as unknown as Socket) },
      ).subscribe();
      expect(() => subscription.unsubscribe()).not.toThrow();
      await closed;
      expect(duplex.writableFinished).toBe(true); // flushed, not cut
      expect(duplex.listenerCount('error')).toBe(0);
      expect(await leakedSince(baseline)).toEqual([]);
    },
  );
});

describe('connection$: the socket is the subscriber’s between connected and disconnected', () => {
  it('listens only to error and close, never data; reads nothing, writes nothing without heart-beats', () => {
    const live = new LiveSocket();
    let listening: string[] = [];
    testScheduler().run(() => {
      const transport = answers({ a: [of(live.socket)] });
      const subscription = connection$('tcp://a:1', {}, { transport }).subscribe();
      at(50, () => (listening = live.eventNames().map(String).sort()));
      at(60, () => subscription.unsubscribe());
    });
    expect(listening).toEqual(['close', 'error']);
    expect(live.bytesWritten).toBe(0);
  });

  it('the subscriber destroying the socket forces the next cycle: disconnected, closed, no error', () => {
    testScheduler().run(({ expectObservable }) => {
      const sockets = [new LiveSocket('a1'), new LiveSocket('a2')];
      const transport = answers({ a: sockets.map((live) => of(live.socket)) });
      const events$ = connection$('failover:(tcp://a:1)', {}, { transport });
      at(30, () => sockets[0]?.socket.destroy());
      expectObservable(events$.pipe(told()), '^ 59ms !').toBe('(ac) 26ms d 9ms (ef)', {
        a: '1: attempt 1 tcp://a:1',
        c: '1: connected 1 tcp://a:1',
        d: '1: disconnected tcp://a:1 closed 30ms',
        e: '2: attempt 1 tcp://a:1',
        f: '2: connected 1 tcp://a:1',
      });
    });
  });

  it('destroying the socket inside next (connectedFor 0) also forces the next cycle', () => {
    const events: string[] = [];
    testScheduler().run(() => {
      const transport = answers({ a: [() => of(new LiveSocket().socket)] });
      const subscription = connection$('failover:(tcp://a:1)?initialReconnectDelay=5', {}, { transport })
        .pipe(
          filter((event) => {
            if (event.type === 'connected' && event.connection === 1) event.socket.destroy();
            return event.type !== 'attempt';
          }),
          told(),
        )
        .subscribe((line) => events.push(line));
      at(7, () => subscription.unsubscribe());
    });
    expect(events).toEqual([
      '1: connected 1 tcp://a:1',
      '1: disconnected tcp://a:1 closed 0ms',
      '2: connected 1 tcp://a:1',
    ]);
  });

  it("a socket error is kept for disconnected (reason closed, error the socket's first)", () => {
    const live = new LiveSocket();
    const reset = codedError('ECONNRESET', 'read ECONNRESET');
    let disconnected: ConnectionEvent | undefined;
    testScheduler().run(() => {
      const transport = answers({ a: [of(live.socket)] });
      const subscription = connection$('tcp://a:1', {}, { transport }).subscribe((event) => {
        if (event.type === 'disconnected') disconnected = event;
      });
      at(40, () => {
        live.emit('error', reset);
        live.emit('error', codedError('EPIPE', 'write EPIPE'));
        live.peerClose();
      });
      at(41, () => subscription.unsubscribe());
    });
    expect(disconnected).toEqual({
      type: 'disconnected',
      connection: 1,
      peer: expect.objectContaining({ uri: 'tcp://a:1' }),
      error: reset,
      reason: 'closed',
      connectedFor: 40,
    });
    expect(Object.isFrozen(disconnected)).toBe(true);
  });

  it('a transport that hands over a socket already closed: disconnected at once, then the next cycle', () => {
    testScheduler().run(({ expectObservable }) => {
      const closed = new LiveSocket('closed');
      closed.peerClose();
      const transport = answers({ a: [of(closed.socket), of(new LiveSocket('open').socket)] });
      expectObservable(connection$('failover:(tcp://a:1)', {}, { transport }).pipe(told()), '^ 19ms !').toBe(
        '(acd) 5ms (ef)',
        {
          a: '1: attempt 1 tcp://a:1',
          c: '1: connected 1 tcp://a:1',
          d: '1: disconnected tcp://a:1 closed 0ms',
          e: '2: attempt 1 tcp://a:1',
          f: '2: connected 1 tcp://a:1',
        },
      );
    });
  });

  it('events never hold credentials: not the URI passcode, not the login', () => {
    const events: ConnectionEvent[] = [];
    testScheduler().run(() => {
      const live = new LiveSocket();
      const transport = answers({ a: [refuse, of(live.socket)] });
      const uri = 'failover:(tcp://Us3rName:S3cretPass@a:1)?initialReconnectDelay=1';
      const subscription = connection$(uri, {}, { transport }).subscribe((event) => events.push(event));
      at(5, () => live.peerClose(codedError('ECONNRESET', 'read ECONNRESET')));
      at(6, () => subscription.unsubscribe());
    });
    expect(events.map((event) => event.type)).toEqual([
      'attempt',
      'failed',
      'attempt',
      'connected',
      'disconnected',
    ]);
    const shown =
      JSON.stringify(events.map(({ ...event }) => ({ ...event, socket: undefined }))) +
      inspect(events, { depth: 5 });
    expect(shown).not.toMatch(/S3cretPass|Us3rName/);
  });

  it('nothing happens before subscription, and each subscription is its own series of cycles', () => {
    const transport = answers({ a: [() => of(new LiveSocket().socket)] });
    const events$ = connection$('tcp://a:1', {}, { transport });
    expect(transport).not.toHaveBeenCalled();
    const seen: number[] = [];
    const one = events$.subscribe((event) => event.type === 'connected' && seen.push(event.connection));
    const two = events$.subscribe((event) => event.type === 'connected' && seen.push(event.connection));
    expect(seen).toEqual([1, 1]);
    one.unsubscribe();
    two.unsubscribe();
  });
});
