import { catchError, map, of, type Observable, type ObservableInput, type OperatorFunction } from 'rxjs';
import type { ConnectionEvent, Peer, Socket } from '../../src/types';

/**
 * `connection$` events as short strings, so a marble diagram states a whole
 * timeline: `1: attempt 1 tcp://a:1`, `1: failed 1 ECONNREFUSED 100`,
 * `2: connected 1 tcp://b:2`, `1: disconnected tcp://a:1 closed 45ms`
 * (`closed ECONNRESET 45ms` with an error); an error ends the stream as the
 * value `error ConnectError: <message>`.
 */
export function told(): OperatorFunction<ConnectionEvent, string> {
  return (source: Observable<ConnectionEvent>) =>
    source.pipe(
      map((event) => {
        const n = `${event.connection}:`;
        switch (event.type) {
          case 'attempt':
            return `${n} attempt ${event.attempt} ${event.peer.uri}`;
          case 'failed':
            return `${n} failed ${event.attempt} ${event.error.code} ${event.retryIn ?? 'end'}`;
          case 'connected':
            return `${n} connected ${event.attempt} ${event.peer.uri}`;
          case 'disconnected': {
            const code = (event.error as { code?: string } | null)?.code;
            return `${n} disconnected ${event.peer.uri} ${event.reason}${code === undefined ? '' : ` ${code}`} ${event.connectedFor}ms`;
          }
        }
      }),
      catchError((error: Error) => of(`error ${error.name}: ${error.message}`)),
    );
}

/**
 * A transport that answers each host with its next answer, in turn, the last
 * one again once they run out (a function is called for a fresh answer each
 * time); a host without answers throws (the attempt fails with that error).
 */
export function answers(
  table: Record<string, (ObservableInput<Socket> | (() => ObservableInput<Socket>))[]>,
): jest.Mock<ObservableInput<Socket>, [Peer]> {
  const calls: Record<string, number> = {};
  return jest.fn((peer: Peer) => {
    const list = table[peer.host] ?? [];
    const index = calls[peer.host] ?? 0;
    calls[peer.host] = index + 1;
    const answer = list[Math.min(index, list.length - 1)];
    if (answer === undefined) throw new Error(`no answer for ${peer.host}`);
    return typeof answer === 'function' ? answer() : answer;
  });
}
