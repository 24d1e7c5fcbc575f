import {
  catchError,
  concatMap,
  map,
  NEVER,
  of,
  throwError,
  timer,
  type Observable,
  type OperatorFunction,
} from 'rxjs';
import { connection$ } from '../src/connection';
import type { ConnectionEvent, Socket } from '../src/types';
import { answers, told } from './helpers/connection-marbles';
import { at, LiveSocket } from './helpers/live-socket';
import { codedError, testScheduler } from './helpers/marbles';

const refused = codedError('ECONNREFUSED');
const refuse = (): Observable<Socket> => throwError(() => refused);
const AB = 'failover:(tcp://a:1,tcp://b:2)?randomize=false&initialReconnectDelay=100';

/** As `told()`, with `P ` before a probe's events. */
function toldProbes(): OperatorFunction<ConnectionEvent, string> {
  return (source) =>
    source.pipe(
      concatMap((event) =>
        of(event).pipe(
          told(),
          map((text) => ('probe' in event && event.probe === true ? `P ${text}` : text)),
        ),
      ),
      catchError((error: Error) => of(`error ${error.name}: ${error.message}`)),
    );
}

describe('connection$: priority peers probed in the background (marbles)', () => {
  it('connected to the backup, probes the priority peer with the backoff, switches when it answers', () => {
    testScheduler().run(({ expectObservable }) => {
      const a = new LiveSocket('a');
      const b = new LiveSocket('b');
      const transport = answers({ a: [refuse, refuse, of(a.socket)], b: [of(b.socket)] });
      const run$ = connection$(`${AB}&priorityBackup=true`, {}, { transport });
      expectObservable(run$.pipe(toldProbes()), '^ 499ms !').toBe('(af) 96ms (bc) 96ms (pq) 196ms (rsd)', {
        a: '1: attempt 1 tcp://a:1',
        f: '1: failed 1 ECONNREFUSED 100',
        b: '1: attempt 2 tcp://b:2',
        c: '1: connected 2 tcp://b:2',
        p: 'P 2: attempt 1 tcp://a:1',
        q: 'P 2: failed 1 ECONNREFUSED 200',
        r: 'P 2: attempt 2 tcp://a:1',
        s: 'P 2: connected 2 tcp://a:1',
        d: '1: disconnected tcp://b:2 priority 300ms',
      });
    });
  });

  it('closes the old socket with destroySoon, hands the new one over, and a later drop of it starts connection 3', () => {
    const a = new LiveSocket('a');
    const b = new LiveSocket('b');
    const events: string[] = [];
    testScheduler().run(() => {
      const transport = answers({ a: [refuse, of(a.socket), refuse], b: [of(b.socket), refuse] });
      const subscription = connection$(`${AB}&priorityBackup=true`, {}, { transport })
        .pipe(told())
        .subscribe((text) => events.push(text));
      at(1000, () => a.peerClose());
      at(1500, () => subscription.unsubscribe());
    });
    expect(b.destroySoon).toHaveBeenCalledTimes(1);
    expect(a.destroySoon).not.toHaveBeenCalled(); // the peer closed it
    expect(events).toEqual([
      '1: attempt 1 tcp://a:1',
      '1: failed 1 ECONNREFUSED 100',
      '1: attempt 2 tcp://b:2',
      '1: connected 2 tcp://b:2',
      '2: attempt 1 tcp://a:1',
      '2: connected 1 tcp://a:1',
      '1: disconnected tcp://b:2 priority 100ms',
      '2: disconnected tcp://a:1 closed 800ms',
      '3: attempt 1 tcp://a:1',
      '3: failed 1 ECONNREFUSED 200',
      '3: attempt 2 tcp://b:2',
      '3: failed 2 ECONNREFUSED 400',
    ]);
  });

  it('a failed probe never disturbs the live connection; when it drops first, probing stops and the next cycle tries the priority peer first', () => {
    testScheduler().run(({ expectObservable }) => {
      const b = new LiveSocket('b');
      const transport = answers({ a: [refuse], b: [of(b.socket), refuse] });
      at(350, () => b.peerClose());
      const uri = `${AB}&priorityBackup=true&useExponentialBackOff=false`;
      expectObservable(connection$(uri, {}, { transport }).pipe(toldProbes()), '^ 499ms !').toBe(
        '(af) 96ms (bc) 96ms (pq) 96ms (rs) 46ms d 99ms (tu)',
        {
          a: '1: attempt 1 tcp://a:1',
          f: '1: failed 1 ECONNREFUSED 100',
          b: '1: attempt 2 tcp://b:2',
          c: '1: connected 2 tcp://b:2',
          p: 'P 2: attempt 1 tcp://a:1',
          q: 'P 2: failed 1 ECONNREFUSED 100',
          r: 'P 2: attempt 2 tcp://a:1',
          s: 'P 2: failed 2 ECONNREFUSED 100',
          d: '1: disconnected tcp://b:2 closed 250ms',
          t: '2: attempt 1 tcp://a:1',
          u: '2: failed 1 ECONNREFUSED 100',
        },
      );
      expect(b.destroySoon).not.toHaveBeenCalled();
    });
  });

  it('probes one attempt at a time, priorityURIs in their order, even with connectionAttemptDelay', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const c = new LiveSocket('c');
      const slowA = cold<Socket>('300ms #', undefined, refused);
      const b = cold<Socket>('50ms #', undefined, refused);
      const transport = answers({ a: [refuse, slowA], b: [refuse, b], c: [of(c.socket)] });
      const uri =
        'failover:(tcp://a:1,tcp://b:2,tcp://c:3)?randomize=false&initialReconnectDelay=100' +
        '&priorityURIs=tcp://b:2,tcp://a:1&connectionAttemptDelay=10&useExponentialBackOff=false';
      expectObservable(connection$(uri, {}, { transport }).pipe(toldProbes()), '^ 799ms !').toBe(
        '(bf) 96ms (ag) 96ms (cC) 96ms p 49ms q 99ms r 299ms s',
        {
          b: '1: attempt 1 tcp://b:2',
          f: '1: failed 1 ECONNREFUSED 100',
          a: '1: attempt 2 tcp://a:1',
          g: '1: failed 2 ECONNREFUSED 100',
          c: '1: attempt 3 tcp://c:3',
          C: '1: connected 3 tcp://c:3',
          p: 'P 2: attempt 1 tcp://b:2',
          q: 'P 2: failed 1 ECONNREFUSED 100',
          r: 'P 2: attempt 2 tcp://a:1',
          s: 'P 2: failed 2 ECONNREFUSED 100',
        },
      );
      expectSubscriptions(b.subscriptions).toBe('300ms ^ 49ms !');
      expectSubscriptions(slowA.subscriptions).toBe('450ms ^ 299ms !');
    });
  });

  it('unsubscribing cancels a probe in flight and closes the live socket', () => {
    testScheduler().run(({ cold, expectSubscriptions }) => {
      const b = new LiveSocket('b');
      const hanging = cold<Socket>('-');
      const transport = answers({ a: [refuse, hanging], b: [of(b.socket)] });
      const subscription = connection$(`${AB}&priorityBackup=true`, {}, { transport }).subscribe();
      at(250, () => subscription.unsubscribe());
      expectSubscriptions(hanging.subscriptions).toBe('200ms ^ 49ms !');
      at(251, () => expect(b.destroySoon).toHaveBeenCalledTimes(1));
    });
  });

  it('a priority peer that dropped keeps its place: the next cycle tries it first again', () => {
    testScheduler().run(({ expectObservable }) => {
      const a = new LiveSocket('a');
      const a2 = new LiveSocket('a again');
      const transport = answers({ a: [of(a.socket), of(a2.socket)], b: [() => NEVER] });
      at(30, () => a.peerClose());
      expectObservable(
        connection$(`${AB}&priorityBackup=true`, {}, { transport }).pipe(told()),
        '^ 199ms !',
      ).toBe('(ac) 26ms d 99ms (ef)', {
        a: '1: attempt 1 tcp://a:1',
        c: '1: connected 1 tcp://a:1',
        d: '1: disconnected tcp://a:1 closed 30ms',
        e: '2: attempt 1 tcp://a:1',
        f: '2: connected 1 tcp://a:1',
      });
    });
  });

  it('connected to a priority peer: nothing is probed', () => {
    testScheduler().run(({ expectObservable }) => {
      const a = new LiveSocket('a');
      const transport = answers({ a: [of(a.socket)], b: [() => NEVER] });
      expectObservable(
        connection$(`${AB}&priorityBackup=true`, {}, { transport }).pipe(told()),
        '^ 999ms !',
      ).toBe('(ac)', { a: '1: attempt 1 tcp://a:1', c: '1: connected 1 tcp://a:1' });
      at(999, () => expect(transport).toHaveBeenCalledTimes(1));
    });
  });

  it('staggers the attempts of each cycle with connectionAttemptDelay', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const b = new LiveSocket('b');
      const transport = answers({ a: [() => cold<Socket>('-')], b: [timer(5).pipe(map(() => b.socket))] });
      const uri = 'failover:(tcp://a:1,tcp://b:2)?randomize=false&connectionAttemptDelay=50';
      expectObservable(connection$(uri, {}, { transport }).pipe(told()), '^ 99ms !').toBe('a 49ms b 4ms c', {
        a: '1: attempt 1 tcp://a:1',
        b: '1: attempt 2 tcp://b:2',
        c: '1: connected 2 tcp://b:2',
      });
    });
  });

  it('after a staggered cycle, the backoff goes on from the attempt that connected, not the last one started', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const a = new LiveSocket('a');
      const transport = answers({
        a: [timer(60).pipe(map(() => a.socket)), () => cold<Socket>('-')],
        b: [() => cold<Socket>('-')],
      });
      at(100, () => a.peerClose());
      const uri =
        'failover:(tcp://a:1,tcp://b:2)?randomize=false&connectionAttemptDelay=50&initialReconnectDelay=100';
      // Attempt 1 (delay 100) connected while attempt 2 (delay 200) was in flight: cycle 2 waits 100
      // (and starts with b: the peer that dropped goes last).
      expectObservable(connection$(uri, {}, { transport }).pipe(told()), '^ 249ms !').toBe(
        'a 49ms b 9ms c 39ms d 99ms e',
        {
          a: '1: attempt 1 tcp://a:1',
          b: '1: attempt 2 tcp://b:2',
          c: '1: connected 1 tcp://a:1',
          d: '1: disconnected tcp://a:1 closed 40ms',
          e: '2: attempt 1 tcp://b:2',
        },
      );
    });
  });

  it('with initialReconnectDelay=0 the probes still wait, as the defaults do (10 ms doubling), never a tight loop', () => {
    testScheduler().run(({ expectObservable }) => {
      const b = new LiveSocket('b');
      const transport = answers({ a: [refuse], b: [of(b.socket)] });
      const uri =
        'failover:(tcp://a:1,tcp://b:2)?randomize=false&priorityBackup=true&initialReconnectDelay=0';
      expectObservable(connection$(uri, {}, { transport }).pipe(toldProbes()), '^ 99ms !').toBe(
        '(afbc) 4ms (pq) 16ms (rs) 36ms (tu)',
        {
          a: '1: attempt 1 tcp://a:1',
          f: '1: failed 1 ECONNREFUSED 0',
          b: '1: attempt 2 tcp://b:2',
          c: '1: connected 2 tcp://b:2',
          p: 'P 2: attempt 1 tcp://a:1',
          q: 'P 2: failed 1 ECONNREFUSED 20',
          r: 'P 2: attempt 2 tcp://a:1',
          s: 'P 2: failed 2 ECONNREFUSED 40',
          t: 'P 2: attempt 3 tcp://a:1',
          u: 'P 2: failed 3 ECONNREFUSED 80',
        },
      );
    });
  });
});
