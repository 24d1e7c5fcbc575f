import type { ConnectionEvent } from '../../src/types';

/**
 * One `connection$` event as a short line for loopback tests, peers by port:
 * `1 connected 1 PORT`, `P 2 failed 1 PORT ECONNREFUSED` (a priority probe),
 * `1 disconnected PORT priority`.
 */
export function portLine(event: ConnectionEvent): string {
  const head = `${'probe' in event && event.probe === true ? 'P ' : ''}${event.connection} ${event.type}`;
  switch (event.type) {
    case 'disconnected':
      return `${head} ${event.peer.port} ${event.reason}`;
    case 'failed':
      return `${head} ${event.attempt} ${event.peer.port} ${event.error.code}`;
    default:
      return `${head} ${event.attempt} ${event.peer.port}`;
  }
}
