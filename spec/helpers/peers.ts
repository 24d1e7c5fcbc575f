import type { ConnectionPlan, Peer, Scheme } from '../../src/types';

/** A peer as the URI parser would make it (for tests that need no URI). */
export function makePeer(scheme: Scheme, host: string, port: number, extra: Partial<Peer> = {}): Peer {
  const tls = scheme === 'ssl' || scheme === 'stomp+ssl';
  const shown = host.includes(':') ? `[${host}]` : host;
  return Object.freeze({ scheme, host, port, tls, uri: `${scheme}://${shown}:${port}`, ...extra });
}

/** A plan of these peers, no failover. */
export function makePlan(...peers: Peer[]): ConnectionPlan {
  return Object.freeze({ peers: Object.freeze(peers), failover: null, ignored: Object.freeze([]) });
}

/** A plain and a TLS plan, for sockopt checks. */
export const TCP_PLAN = makePlan(makePeer('tcp', 'mq.example', 61613));
export const TLS_PLAN = makePlan(makePeer('ssl', 'mq.example', 61614));
