import type { ConnectionEvent } from '../src/types';

/**
 * A `connection$` run at a glance, connections only (attempts and failures left
 * out): `2 connected 2 61615`, `P 3 connected 4 61613` (a priority probe),
 * `1 disconnected 61613 closed`.
 */
export function glance(events: readonly ConnectionEvent[]): string[] {
  return events
    .filter((event) => event.type === 'connected' || event.type === 'disconnected')
    .map((event) =>
      event.type === 'disconnected'
        ? `${event.connection} disconnected ${event.peer.port} ${event.reason}`
        : `${event.probe === true ? 'P ' : ''}${event.connection} connected ${event.attempt} ${event.peer.port}`,
    );
}
