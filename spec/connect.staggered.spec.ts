import type { Observable } from 'rxjs';
import { connect$ } from '../src/connect';
import type { Socket } from '../src/types';
import { answers } from './helpers/connection-marbles';
import { codedError, described, fakeSocket, testScheduler } from './helpers/marbles';

const refused = codedError('ECONNREFUSED');
const AB = 'failover:(tcp://a:1,tcp://b:2)?randomize=false';
const ABC = 'failover:(tcp://a:1,tcp://b:2,tcp://c:3)?randomize=false';

describe('connect$ with connectionAttemptDelay: staggered attempts (marbles)', () => {
  it('starts the next attempt once the first has been unfinished for connectionAttemptDelay ms; the winner cancels it', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = cold<Socket>('-'); // a blackhole: never answers
      const b = cold('10ms (s|)', { s: fakeSocket() });
      const run$ = connect$(
        `${AB}&connectionAttemptDelay=50`,
        {},
        { transport: answers({ a: [a], b: [b] }) },
      );
      expectObservable(run$.pipe(described())).toBe('a 49ms b 9ms (c|)', {
        a: 'attempt 1 tcp://a:1',
        b: 'attempt 2 tcp://b:2',
        c: 'connected 2 tcp://b:2',
      });
      expectSubscriptions(a.subscriptions).toBe('^ 59ms !');
      expectSubscriptions(b.subscriptions).toBe('50ms ^ 9ms !');
    });
  });

  it('starts the next attempt after a fast failure plus its wait, before the stagger would', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = cold<Socket>('5ms #', undefined, refused);
      const b = cold('--(s|)', { s: fakeSocket() });
      const uri = `${AB}&connectionAttemptDelay=500&initialReconnectDelay=100`;
      const run$ = connect$(uri, {}, { transport: answers({ a: [a], b: [b] }) });
      expectObservable(run$.pipe(described())).toBe('a 4ms f 99ms b 1ms (c|)', {
        a: 'attempt 1 tcp://a:1',
        f: 'failed 1 ECONNREFUSED 100',
        b: 'attempt 2 tcp://b:2',
        c: 'connected 2 tcp://b:2',
      });
      expectSubscriptions(a.subscriptions).toBe('^ 4ms !');
      expectSubscriptions(b.subscriptions).toBe('105ms ^ 1ms !');
    });
  });

  it('holds an attempt back while an attempt to its peer is in flight, and starts it when that one settles', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const slowA = cold<Socket>('200ms #', undefined, refused);
      const a = cold('10ms (s|)', { s: fakeSocket() });
      const b = cold<Socket>('5ms #', undefined, refused);
      const uri = `${AB}&connectionAttemptDelay=50&initialReconnectDelay=10`;
      const run$ = connect$(uri, {}, { transport: answers({ a: [slowA, a], b: [b] }) });
      // b fails at 55 and its wait ends at 75, but a is busy until 200: attempt 3 starts then.
      expectObservable(run$.pipe(described())).toBe('a 49ms b 4ms f 144ms (gA) 6ms (c|)', {
        a: 'attempt 1 tcp://a:1',
        b: 'attempt 2 tcp://b:2',
        f: 'failed 2 ECONNREFUSED 20',
        g: 'failed 1 ECONNREFUSED 0',
        A: 'attempt 3 tcp://a:1',
        c: 'connected 3 tcp://a:1',
      });
      expectSubscriptions(slowA.subscriptions).toBe('^ 199ms !');
      expectSubscriptions(b.subscriptions).toBe('50ms ^ 4ms !');
      expectSubscriptions(a.subscriptions).toBe('200ms ^ 9ms !');
    });
  });

  it('cancels every attempt in flight at the winning frame', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = cold<Socket>('-');
      const b = cold<Socket>('-');
      const c = cold('20ms (s|)', { s: fakeSocket() });
      const run$ = connect$(
        `${ABC}&connectionAttemptDelay=50`,
        {},
        { transport: answers({ a: [a], b: [b], c: [c] }) },
      );
      expectObservable(run$.pipe(described())).toBe('a 49ms b 49ms c 19ms (C|)', {
        a: 'attempt 1 tcp://a:1',
        b: 'attempt 2 tcp://b:2',
        c: 'attempt 3 tcp://c:3',
        C: 'connected 3 tcp://c:3',
      });
      expectSubscriptions(a.subscriptions).toBe('^ 119ms !');
      expectSubscriptions(b.subscriptions).toBe('50ms ^ 69ms !');
      expectSubscriptions(c.subscriptions).toBe('100ms ^ 19ms !');
    });
  });

  it('says retryIn 0 for a failure whose successor already started', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const a = cold<Socket>('70ms #', undefined, refused);
      const b = cold('50ms (s|)', { s: fakeSocket() });
      const run$ = connect$(
        `${AB}&connectionAttemptDelay=50`,
        {},
        { transport: answers({ a: [a], b: [b] }) },
      );
      expectObservable(run$.pipe(described())).toBe('a 49ms b 19ms f 29ms (c|)', {
        a: 'attempt 1 tcp://a:1',
        b: 'attempt 2 tcp://b:2',
        f: 'failed 1 ECONNREFUSED 0',
        c: 'connected 2 tcp://b:2',
      });
    });
  });

  it('reaches the limit with an attempt in flight: ConnectError only once the last one settles', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = cold<Socket>('300ms #', undefined, codedError('ETIMEDOUT'));
      const b = cold<Socket>('10ms #', undefined, refused);
      const uri = `${AB}&connectionAttemptDelay=50&maxReconnectAttempts=1`;
      const run$ = connect$(uri, {}, { transport: answers({ a: [a], b: [b] }) });
      expectObservable(run$.pipe(described())).toBe('a 49ms b 9ms f 239ms (gE|)', {
        a: 'attempt 1 tcp://a:1',
        b: 'attempt 2 tcp://b:2',
        f: 'failed 2 ECONNREFUSED 0',
        g: 'failed 1 ETIMEDOUT end',
        E: 'error ConnectError: cannot connect to a:1: connect ETIMEDOUT (2 attempts)',
      });
      expectSubscriptions(a.subscriptions).toBe('^ 299ms !');
      expectSubscriptions(b.subscriptions).toBe('50ms ^ 9ms !');
    });
  });

  it('keeps the schedule: numbers, growing waits and passes, with the stagger between slow attempts', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const down = cold<Socket>('#', undefined, refused);
      const uri = `${AB}&connectionAttemptDelay=50&initialReconnectDelay=100&maxReconnectAttempts=2`;
      const run$ = connect$(uri, {}, { transport: answers({ a: [down], b: [down] }) });
      // Fast failures: each successor starts after the wait, exactly as without staggering.
      expectObservable(run$.pipe(described())).toBe('(af) 96ms (bg) 196ms (cEX|)', {
        a: 'attempt 1 tcp://a:1',
        f: 'failed 1 ECONNREFUSED 100',
        b: 'attempt 2 tcp://b:2',
        g: 'failed 2 ECONNREFUSED 200',
        c: 'attempt 3 tcp://a:1',
        E: 'failed 3 ECONNREFUSED end',
        X: 'error ConnectError: cannot connect to a:1: connect ECONNREFUSED (3 attempts)',
      });
    });
  });

  it('with one peer is the sequential schedule (nothing to stagger to)', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const slow = cold<Socket>('200ms #', undefined, refused);
      const up = cold('--(s|)', { s: fakeSocket() });
      const uri = 'failover:(tcp://a:1)?connectionAttemptDelay=50&initialReconnectDelay=10';
      const run$ = connect$(uri, {}, { transport: answers({ a: [slow, up] }) });
      expectObservable(run$.pipe(described())).toBe('a 199ms f 9ms A 1ms (c|)', {
        a: 'attempt 1 tcp://a:1',
        f: 'failed 1 ECONNREFUSED 10',
        A: 'attempt 2 tcp://a:1',
        c: 'connected 2 tcp://a:1',
      });
    });
  });

  it('unsubscribing cancels every attempt in flight and the pending stagger', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = cold<Socket>('-');
      const b = cold<Socket>('-');
      const c = cold<Socket>('-');
      const run$: Observable<string> = connect$(
        `${ABC}&connectionAttemptDelay=50`,
        {},
        {
          transport: answers({ a: [a], b: [b], c: [c] }),
        },
      ).pipe(described());
      expectObservable(run$, '^ 79ms !').toBe('a 49ms b', {
        a: 'attempt 1 tcp://a:1',
        b: 'attempt 2 tcp://b:2',
      });
      expectSubscriptions(a.subscriptions).toBe('^ 79ms !');
      expectSubscriptions(b.subscriptions).toBe('50ms ^ 29ms !');
      expectSubscriptions(c.subscriptions).toBe([]);
    });
  });
});
