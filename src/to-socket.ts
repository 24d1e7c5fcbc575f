import { filter, map, type OperatorFunction } from 'rxjs';
import type { ConnectEvent, Socket } from './types';

/**
 * Keeps only the socket of the `connected` event, dropping `attempt` and
 * `failed` events; errors pass through.
 *
 * @example
 * ```ts
 * connect$('tcp://localhost:61613')
 *   .pipe(toSocket(), switchMap((socket) => stompSession$(socket)))
 *   .subscribe();
 * ```
 */
export function toSocket(): OperatorFunction<ConnectEvent, Socket> {
  return (source) =>
    source.pipe(
      filter((event): event is Extract<ConnectEvent, { type: 'connected' }> => event.type === 'connected'),
      map((event) => event.socket),
    );
}
