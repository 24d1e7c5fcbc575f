import { of } from 'rxjs';
import { connection$ } from '../src/connection';
import { StompError } from '../src/errors/stomp-error';
import { negotiatedHeartBeats } from '../src/internal/live-connection';
import type { StompConnected } from '../src/stomp/stomp-handshake';
import type { ConnectionEvent } from '../src/types';
import { answers, told } from './helpers/connection-marbles';
import { at, LiveSocket } from './helpers/live-socket';
import { testScheduler } from './helpers/marbles';

/** What stompHandshake emits for a broker that agreed to these intervals. */
function stompConnected(outgoing: number, incoming: number): StompConnected {
  return {
    version: '1.2',
    heartBeat: [incoming, outgoing],
    heartbeatOutgoing: outgoing,
    heartbeatIncoming: incoming,
    headers: { version: '1.2', 'heart-beat': `${incoming},${outgoing}` },
  };
}

describe('connection$: heart-beats (marbles)', () => {
  it('a silent broker: EOLs go out, then past 2 × incoming the socket is destroyed, disconnected heart-beat, next cycle', () => {
    const first = new LiveSocket('first');
    const second = new LiveSocket('second');
    testScheduler().run(({ expectObservable }) => {
      const transport = answers({ a: [of(first.socket), of(second.socket)] });
      const verify = () => of(stompConnected(100, 100));
      expectObservable(first.written$).toBe('100ms n 99ms n');
      expectObservable(
        connection$('failover:(tcp://a:1)', {}, { transport, verify }).pipe(told()),
        '^ 259ms !',
      ).toBe('(ac) 221ms d 9ms (ef)', {
        a: '1: attempt 1 tcp://a:1',
        c: '1: connected 1 tcp://a:1',
        d: '1: disconnected tcp://a:1 heart-beat ERR_STOMP_HEARTBEAT 225ms',
        e: '2: attempt 1 tcp://a:1',
        f: '2: connected 1 tcp://a:1',
      });
    });
    expect(first.destroy).toHaveBeenCalledTimes(1);
    expect(second.destroySoon).toHaveBeenCalledTimes(1); // unsubscribed at 260
  });

  it("the disconnected event carries the heart-beat's StompError", () => {
    const live = new LiveSocket();
    let disconnected: ConnectionEvent | undefined;
    testScheduler().run(() => {
      const transport = answers({ a: [of(live.socket)] });
      const verify = () => of(stompConnected(0, 1000));
      const subscription = connection$('tcp://a:1', {}, { transport, verify }).subscribe((event) => {
        if (event.type === 'disconnected') {
          disconnected = event;
          subscription.unsubscribe();
        }
      });
    });
    expect(disconnected).toMatchObject({ reason: 'heart-beat', connectedFor: 2250 });
    const error = (disconnected as { error: unknown }).error;
    expect(error).toBeInstanceOf(StompError);
    expect(error).toMatchObject({
      code: 'ERR_STOMP_HEARTBEAT',
      message: 'no heart-beat: nothing read for 2250 ms (more than 2 × the negotiated 1000 ms)',
    });
  });

  it('a broker that keeps its heart-beats keeps the connection; ours go out while we write nothing', () => {
    const live = new LiveSocket();
    testScheduler().run(({ expectObservable }) => {
      for (let ms = 100; ms < 1000; ms += 100) at(ms, () => live.receive());
      at(450, () => live.write('SEND\n\n\0'));
      const transport = answers({ a: [of(live.socket)] });
      const verify = () => of(stompConnected(100, 100));
      // EOLs every 100 ms; the write at 450 is seen at once (checks every 50 ms): the next EOL is at 500.
      expectObservable(live.written$).toBe(
        '100ms n 99ms n 99ms n 99ms n 49ms w 49ms n 99ms n 99ms n 99ms n 99ms n',
      );
      expectObservable(connection$('tcp://a:1', {}, { transport, verify }).pipe(told()), '^ 999ms !').toBe(
        '(ac)',
        {
          a: '1: attempt 1 tcp://a:1',
          c: '1: connected 1 tcp://a:1',
        },
      );
    });
    expect(live.destroy).toHaveBeenCalledTimes(1); // by destroySoon at the unsubscription, not before
    expect(live.destroySoon).toHaveBeenCalledTimes(1);
  });

  it.each<[string, StompConnected | string, string, string]>([
    ['only incoming negotiated: no EOL, dropped at 2 × incoming', stompConnected(0, 100), '', 'heart-beat'],
    [
      'only outgoing negotiated: EOLs, never dropped',
      stompConnected(100, 0),
      '100ms n 99ms n 99ms n',
      'none',
    ],
    ['none negotiated (0, 0): nothing', stompConnected(0, 0), '', 'none'],
    ['a verify value that is not StompConnected: nothing', 'CONNECTED', '', 'none'],
  ])('%s', (_name, verified, writes, dropped) => {
    const live = new LiveSocket();
    let reason = 'none';
    testScheduler().run(({ expectObservable }) => {
      const transport = answers({ a: [of(live.socket), () => of(new LiveSocket().socket)] });
      expectObservable(live.written$).toBe(writes);
      const subscription = connection$('tcp://a:1', {}, { transport, verify: () => of(verified) }).subscribe(
        (event) => {
          if (event.type === 'disconnected' && event.connection === 1) reason = event.reason;
        },
      );
      at(350, () => subscription.unsubscribe());
    });
    expect(reason).toBe(dropped);
  });

  it('heartBeats: false keeps none, even when negotiated: no EOL, a silent broker is not dropped', () => {
    const live = new LiveSocket();
    const scheduler = testScheduler();
    scheduler.run(({ expectObservable }) => {
      const transport = answers({ a: [of(live.socket)] });
      const verify = () => of(stompConnected(100, 100));
      expectObservable(live.written$).toBe('');
      expectObservable(
        connection$('tcp://a:1', {}, { transport, verify, heartBeats: false }).pipe(told()),
        '^ 999ms !',
      ).toBe('(ac)', {
        a: '1: attempt 1 tcp://a:1',
        c: '1: connected 1 tcp://a:1',
      });
    });
    expect(live.destroySoon).toHaveBeenCalledTimes(1);
  });

  it('unsubscribing stops the heart-beat timers: nothing is left scheduled', () => {
    const live = new LiveSocket();
    const scheduler = testScheduler();
    scheduler.run(() => {
      const transport = answers({ a: [of(live.socket)] });
      const subscription = connection$(
        'tcp://a:1',
        {},
        { transport, verify: () => of(stompConnected(100, 100)) },
      ).subscribe();
      at(150, () => subscription.unsubscribe());
    });
    expect(scheduler.actions).toHaveLength(0);
    expect(live.bytesWritten).toBe(1); // the EOL at 100
  });
});

describe('negotiatedHeartBeats', () => {
  it.each<[unknown, { outgoing: number; incoming: number } | undefined]>([
    [stompConnected(10000, 5000), { outgoing: 10000, incoming: 5000 }],
    [stompConnected(0, 5000), { outgoing: 0, incoming: 5000 }],
    [stompConnected(0, 0), undefined],
    [{ heartbeatOutgoing: 1.5, heartbeatIncoming: 0 }, undefined],
    [{ heartbeatOutgoing: -1, heartbeatIncoming: 100 }, undefined],
    [{ heartbeatOutgoing: '100', heartbeatIncoming: 100 }, undefined],
    [{ heartbeatOutgoing: 2 ** 31, heartbeatIncoming: 100 }, undefined],
    [{ heartBeat: [100, 100] }, undefined],
    [null, undefined],
    ['CONNECTED', undefined],
    [undefined, undefined],
  ])('%p → %p', (verified, expected) => {
    expect(negotiatedHeartBeats(verified)).toEqual(expected);
  });
});
