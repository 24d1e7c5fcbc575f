import { map, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { timeline$, type TimelineEntry } from '../../src/cli/timeline';
import { LOG_CADENCE, TTY_CADENCE, WAIT_NOTICE_THRESHOLD, waitNotices$ } from '../../src/cli/wait-notices';
import { AttemptError } from '../../src/errors/attempt-error';
import type { ConnectEvent, Peer, Socket } from '../../src/types';

const scheduler = (): TestScheduler =>
  new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

const peer: Peer = { scheme: 'tcp', host: 'a', port: 1, tls: false, uri: 'tcp://a:1' };
const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:1'), { code: 'ECONNREFUSED' });
const attempt = (n: number): ConnectEvent => ({ type: 'attempt', attempt: n, peer });
const failed = (n: number, retryIn: number | null): ConnectEvent => ({
  type: 'failed',
  attempt: n,
  peer,
  error: new AttemptError(peer, n, refused),
  retryIn,
});
const connected = (n: number): ConnectEvent => ({
  type: 'connected',
  attempt: n,
  peer,
  socket: {} as Socket,
});

/** Entries as short strings: `attempt 1 @0`, `waiting 4000 @1000`. */
const short = (source: Observable<TimelineEntry>): Observable<string> =>
  source.pipe(
    map((entry) =>
      entry.kind === 'waiting'
        ? `waiting ${entry.remaining} @${entry.elapsed}`
        : `${entry.event.type} ${entry.event.attempt} @${entry.elapsed}`,
    ),
  );

describe('waitNotices$', () => {
  it('on a terminal: the time left, at once and then every second', () => {
    scheduler().run(({ expectObservable }) => {
      expectObservable(waitNotices$(3500, TTY_CADENCE)).toBe('a 999ms b 999ms c 999ms (d|)', {
        a: 3500,
        b: 2500,
        c: 1500,
        d: 500,
      });
    });
  });

  it('in a log: a line every 5 s, none at once', () => {
    scheduler().run(({ expectObservable }) => {
      expectObservable(waitNotices$(12000, LOG_CADENCE)).toBe('5000ms a 4999ms (b|)', {
        a: 7000,
        b: 2000,
      });
    });
  });

  it('a wait of a whole number of periods ends without a notice of 0', () => {
    scheduler().run(({ expectObservable }) => {
      expectObservable(waitNotices$(10000, LOG_CADENCE)).toBe('5000ms (a|)', { a: 5000 });
    });
  });
});

describe('timeline$', () => {
  it('stamps events with the elapsed time and counts down long waits until the next event', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const events = cold('a b 3s c d 9ms e f |', {
        a: attempt(1),
        b: failed(1, 3000),
        c: attempt(2),
        d: failed(2, 10),
        e: attempt(3),
        f: connected(3),
      });
      const expected = 'a (bv) 996ms w 999ms x 1000ms c d 9ms e f |';
      expectObservable(short(timeline$(events, { notices: TTY_CADENCE }))).toBe(expected, {
        a: 'attempt 1 @0',
        b: 'failed 1 @1',
        v: 'waiting 3000 @1',
        w: 'waiting 2000 @1001',
        x: 'waiting 1000 @2001',
        c: 'attempt 2 @3002',
        d: 'failed 2 @3003',
        e: 'attempt 3 @3013',
        f: 'connected 3 @3014',
      });
      expectSubscriptions(events.subscriptions).toBe('^ 3014ms !');
    });
  });

  it.each([
    [WAIT_NOTICE_THRESHOLD, TTY_CADENCE, []],
    [WAIT_NOTICE_THRESHOLD + 1, TTY_CADENCE, ['waiting 2001 @1', 'waiting 1001 @1001', 'waiting 1 @2001']],
    [12000, LOG_CADENCE, ['waiting 7000 @5001', 'waiting 2000 @10001']],
    [60000, null, []],
  ] as const)('a wait of %p ms with cadence %j: notices %j', (wait, notices, expected) => {
    const values: string[] = [];
    scheduler().run(({ cold }) => {
      const events = cold(`a b ${wait}ms c|`, { a: attempt(1), b: failed(1, wait), c: connected(2) });
      short(timeline$(events, { notices })).subscribe((value) => values.push(value));
    });
    expect(values.filter((value) => value.startsWith('waiting'))).toEqual(expected);
    expect(values.at(-1)).toBe(`connected 2 @${wait + 2}`);
  });

  it('an error of the run ends the timeline and cancels the countdown', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const events = cold('a b 1500ms #', { a: attempt(1), b: failed(1, 5000) }, new Error('cancelled'));
      expectObservable(short(timeline$(events, { notices: TTY_CADENCE }))).toBe(
        'a (bv) 996ms w 500ms #',
        { a: 'attempt 1 @0', b: 'failed 1 @1', v: 'waiting 5000 @1', w: 'waiting 4000 @1001' },
        new Error('cancelled'),
      );
    });
  });
});
