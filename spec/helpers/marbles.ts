import { catchError, map, of, type Observable, type OperatorFunction } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { ConnectEvent, Socket } from '../../src/types';

/** A TestScheduler whose assertions are jest's deep equality. */
export function testScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

/** A stand-in socket for marble tests: the library only calls `destroy` and (un)registers listeners. */
export interface FakeSocket {
  readonly name: string;
  readonly destroy: jest.Mock;
}

export function fakeSocket(name = 'socket'): FakeSocket & Socket {
  return {
    name,
    destroy: jest.fn(),
    on: jest.fn(),
    once: jest.fn(),
    off: jest.fn(),
  } as unknown as FakeSocket & Socket;
}

/** An error as Node's `net` gives it: a message and a `code`. */
export function codedError(code: string, message = `connect ${code}`): Error & { code: string } {
  return Object.assign(new Error(message), { code });
}

/**
 * Events as short strings, so a marble diagram can state a whole run:
 * `attempt 1 tcp://a:1`, `failed 1 ECONNREFUSED 100`, `connected 2 tcp://b:2`;
 * an error ends the stream as the value `error ConnectError: <message>`.
 */
export function described(): OperatorFunction<ConnectEvent, string> {
  return (source: Observable<ConnectEvent>) =>
    source.pipe(
      map((event) => {
        switch (event.type) {
          case 'attempt':
            return `attempt ${event.attempt} ${event.peer.uri}`;
          case 'failed':
            return `failed ${event.attempt} ${event.error.code} ${event.retryIn ?? 'end'}`;
          case 'connected':
            return `connected ${event.attempt} ${event.peer.uri}`;
        }
      }),
      catchError((error: Error) => of(`error ${error.name}: ${error.message}`)),
    );
}

/** A random source that returns the given values in turn, then repeats the last. */
export function sequence(...values: number[]): () => number {
  let i = 0;
  return () => values[Math.min(i++, values.length - 1)] ?? 0;
}
