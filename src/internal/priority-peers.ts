import type { ConnectionPlan, Peer } from '../types';

/**
 * The plan's priority peers (SPEC §9), in their order: those `priorityURIs`
 * names when it names any, else the first peer as written when
 * `priorityBackup` is set, else none (and none without failover). Naming
 * peers in `priorityURIs` is enough to make them priority peers, with or
 * without `priorityBackup` (ActiveMQ looks at the list only when
 * `priorityBackup` is set; here writing it down is taken as meaning it).
 *
 * @example
 * ```ts
 * priorityPeers(parseUri('failover:(tcp://a:1,tcp://b:2)?priorityBackup=true')).map((p) => p.uri); // ['tcp://a:1']
 * ```
 */
export function priorityPeers(plan: ConnectionPlan): readonly Peer[] {
  const { failover, peers } = plan;
  if (failover === null) return [];
  if (failover.priorityURIs.length > 0) {
    const result: Peer[] = [];
    for (const uri of failover.priorityURIs) {
      const peer = peers.find((candidate) => candidate.uri === uri);
      if (peer !== undefined) result.push(peer);
    }
    return result;
  }
  const first = peers[0];
  return failover.priorityBackup && first !== undefined ? [first] : [];
}

/**
 * Whether `peer` is one of the plan's priority peers (by `peer.uri`, so a
 * peer written twice counts as the same broker).
 *
 * @example
 * ```ts
 * isPriorityPeer(plan, event.peer); // connected to a priority peer: nothing to probe
 * ```
 */
export function isPriorityPeer(plan: ConnectionPlan, peer: Peer): boolean {
  return priorityPeers(plan).some((candidate) => candidate.uri === peer.uri);
}
