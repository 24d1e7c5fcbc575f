import { of } from 'rxjs';
import { connection$ } from '../src/connection';
import { heartBeats$ } from '../src/heart-beats';
import * as api from '../src/index';
import { SockoptError } from '../src/errors/sockopt-error';
import { UriError } from '../src/errors/uri-error';
import type { ConnectionEvent, ConnectionOptions } from '../src/types';
import { LiveSocket } from './helpers/live-socket';

/** The stream's error and the events before it, for a run that fails at subscription. */
function failure(run: () => ReturnType<typeof connection$>): { error: unknown; events: ConnectionEvent[] } {
  const events: ConnectionEvent[] = [];
  let error: unknown;
  run().subscribe({ next: (event) => events.push(event), error: (caught: unknown) => (error = caught) });
  return { error, events };
}

describe('connection$: options are checked at subscription', () => {
  it.each<[string, unknown, RegExp]>([
    [
      'stableAfter negative',
      { stableAfter: -1 },
      /options\.stableAfter must be a whole number of ms from 0 to 2147483647, got -1$/,
    ],
    ['stableAfter fractional', { stableAfter: 1.5 }, /options\.stableAfter .* got 1\.5$/],
    ['stableAfter NaN', { stableAfter: Number.NaN }, /options\.stableAfter .* got NaN$/],
    [
      'stableAfter Infinity',
      { stableAfter: Number.POSITIVE_INFINITY },
      /options\.stableAfter .* got Infinity$/,
    ],
    ['stableAfter past the timer limit', { stableAfter: 2 ** 31 }, /options\.stableAfter .* got 2147483648$/],
    ['stableAfter a string', { stableAfter: '30000' }, /options\.stableAfter .* got "30000"$/],
    ['stableAfter null', { stableAfter: null }, /options\.stableAfter .* got null$/],
    [
      'heartBeats a string',
      { heartBeats: 'false' },
      /options\.heartBeats must be true or false, got "false"$/,
    ],
    ['heartBeats a number', { heartBeats: 0 }, /options\.heartBeats must be true or false, got 0$/],
    ['heartBeats null', { heartBeats: null }, /options\.heartBeats .* got null$/],
    ['options null', null, /options must be an object or undefined, got null$/],
    ['options an array', [], /options must be an object or undefined, got an array$/],
    [
      'options a string',
      'heartBeats=false',
      /options must be an object or undefined, got "heartBeats=false"$/,
    ],
  ])('%s: a TypeError as the stream error, before any attempt', (_name, options, message) => {
    const transport = jest.fn();
    const { error, events } = failure(() =>
      connection$(
        'tcp://a:1',
        {},
        (options === null || typeof options !== 'object' || Array.isArray(options)
          ? options
          : { ...options, transport }) as ConnectionOptions,
      ),
    );
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/^connection\$: /);
    expect((error as Error).message).toMatch(message);
    expect(events).toEqual([]);
    expect(transport).not.toHaveBeenCalled();
  });

  it.each<[string, ConnectionOptions]>([
    ['stableAfter 0', { stableAfter: 0 }],
    ['stableAfter at the timer limit', { stableAfter: 2147483647 }],
    ['heartBeats false', { heartBeats: false }],
    ['stableAfter undefined (the default)', { stableAfter: undefined }],
  ])('%s is accepted', (_name, options) => {
    const live = new LiveSocket();
    const seen: string[] = [];
    const subscription = connection$(
      'tcp://a:1',
      {},
      { ...options, transport: () => of(live.socket) },
    ).subscribe({
      next: (event) => seen.push(event.type),
      error: (error: unknown) => seen.push(String(error)),
    });
    subscription.unsubscribe();
    expect(seen).toEqual(['attempt', 'connected']);
  });

  it('a bad URI is a UriError and bad sockopts a SockoptError, at subscription; connection$ itself never throws', () => {
    expect(() => connection$('stmp://a:1')).not.toThrow();
    expect(failure(() => connection$('stmp://a:1')).error).toBeInstanceOf(UriError);
    expect(
      failure(() => connection$({ host: 'a', port: 'x' } as unknown as { host: string; port: number })).error,
    ).toBeInstanceOf(UriError);
    // @ts-expect-error an unknown name is a compile error; this checks what JavaScript callers get
    expect(failure(() => connection$('tcp://a:1', { NoSuchOption: 1 })).error).toBeInstanceOf(SockoptError);
  });
});

describe('the package root', () => {
  it('exports connection$ and heartBeats$', () => {
    expect(api.connection$).toBe(connection$);
    expect(api.heartBeats$).toBe(heartBeats$);
  });
});
